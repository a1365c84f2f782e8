// Pool behaviour the recordings do not script, read from pg-pool's and pg's sources.
import { describe, expect, it } from "vitest";
import { Simulation } from "../simulation.ts";
import { fakePostgres } from "../testing/fake-postgres.ts";

const sim = (server = {}) => new Simulation({ execute: fakePostgres(), server });

describe("the Pool, beyond the recordings", () => {
  it("fails a running pool.query with the server's FATAL when its backend is terminated, and drops the client", async () => {
    const s = sim();
    const pool = new s.Pool();
    const errors: unknown[] = [];
    pool.on("error", (e) => errors.push(e));
    let failure: unknown;
    await s.run(async () => {
      const running = pool.query("SELECT pg_sleep(5)").catch((e) => (failure = e));
      await s.sleep(100);
      s.terminate(s.events.find((e) => e.kind === "opened")!.pid as number);
      await running;
      expect(pool.totalCount).toBe(0);
      await pool.end();
    });
    expect(failure).toMatchObject({ message: "terminating connection due to administrator command", code: "57P01", severity: "FATAL" });
    expect(errors).toEqual([]);
  });

  it("keeps the connection a timed-out waiter was opening: it goes idle when it opens", async () => {
    // Connections take 295 ms; connectionTimeoutMillis is 300 for the queue and for the opening.
    const s = sim({ costs: { authMs: 273 } });
    const pool = new s.Pool({ max: 1, connectionTimeoutMillis: 300 });
    let failure: unknown;
    await s.run(async () => {
      const a = await pool.connect();
      const waiter = pool.connect().catch((e) => (failure = e)); // queued: gives up 300 ms from now
      await s.sleep(10);
      a.release(new Error("broken")); // the waiter's connection opens at +306 ms: too late for it
      await waiter;
      expect([pool.totalCount, pool.idleCount]).toEqual([1, 0]);
      await s.sleep(100);
      expect([pool.totalCount, pool.idleCount]).toEqual([1, 1]);
      await pool.end();
    });
    expect(failure).toMatchObject({ message: "timeout exceeded when trying to connect" });
  });

  it("hands a waiter the server's refusal when the connection opened for it is refused", async () => {
    const s = sim({ maxConnections: 2, superuserReservedConnections: 0 });
    const a = new s.Pool({ max: 2 });
    const b = new s.Pool({ max: 1 });
    let failure: unknown;
    await s.run(async () => {
      const held = await Promise.all([a.connect(), a.connect()]);
      await b.query("SELECT 1 AS n").catch((e) => (failure = e));
      held.forEach((c) => c.release());
      await Promise.all([a.end(), b.end()]);
    });
    expect(failure).toMatchObject({ message: "sorry, too many clients already", code: "53300", severity: "FATAL" });
  });

  it("lets end() wait for a connection still opening", async () => {
    const s = sim();
    const pool = new s.Pool();
    const order: string[] = [];
    await s.run(async () => {
      const connecting = pool.connect().then((c) => {
        order.push("connected");
        c.release();
      });
      const ended = pool.end().then(() => order.push("ended"));
      await Promise.all([connecting, ended]);
    });
    expect(order).toEqual(["connected", "ended"]);
  });

  it("runs the queries sent on one client one after another", async () => {
    const s = sim();
    const pool = new s.Pool();
    await s.run(async () => {
      const c = await pool.connect();
      await Promise.all([c.query("SELECT pg_sleep(0.1)"), c.query("SELECT pg_sleep(0.2)")]);
      c.release();
      await pool.end();
    });
    expect(s.events.filter((e) => e.kind === "query.end").map((e) => e.t)).toEqual([130, 330]);
  });
});
