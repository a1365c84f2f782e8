import { describe, expect, it } from "vitest";
import type { Execute, StatementOutcome } from "./execute.ts";
import { Simulation } from "./simulation.ts";
import { fakePostgres } from "./testing/fake-postgres.ts";

const CONNECT_MS = 30; // server.ts's default costs: 1 + 12 + 9 + 8
const select = (ms: number): StatementOutcome => ({ ok: true, rows: [{ n: 1 }], rowCount: 1, command: "SELECT", ms });

describe("the simulation's drain rule", () => {
  it("runs a Promise.all of hundreds of callers to the same timeline every time", async () => {
    const once = async () => {
      const sim = new Simulation({ execute: fakePostgres({ queryMs: 2 }) });
      const pool = new sim.Pool({ max: 10 });
      const finished: number[] = [];
      const result = await sim.run(async () => {
        await Promise.all(
          Array.from({ length: 500 }, async () => {
            await pool.query("SELECT 1 AS n");
            finished.push(sim.now());
          }),
        );
        await pool.end();
      });
      return { result, finished, events: sim.events };
    };
    const a = await once();
    // 10 connections open together, then 50 rounds of 2 ms queries, 10 at a time.
    expect(a.finished.length).toBe(500);
    expect(Math.min(...a.finished)).toBe(CONNECT_MS + 2);
    expect(Math.max(...a.finished)).toBe(CONNECT_MS + 50 * 2);
    expect(a.result).toMatchObject({ main: "fulfilled", stop: "exited", served: 500, failed: 0, connectionsOpened: 10, peakServerConnections: 10, leakedClients: [] });
    const b = await once();
    expect(b.events).toEqual(a.events);
  });

  it("waits for a deep await chain between two calls before moving the clock", async () => {
    const sim = new Simulation({ execute: fakePostgres({ queryMs: 5 }) });
    const pool = new sim.Pool({ max: 1 });
    const nested = async (depth: number): Promise<number> => (depth === 0 ? sim.now() : nested(depth - 1));
    let startedAt = -1;
    await sim.run(async () => {
      const client = await pool.connect();
      await client.query("SELECT 1 AS n");
      const t = await nested(25); // 25 levels of async helpers, no engine call among them
      startedAt = t;
      await client.query("SELECT 2 AS n");
      client.release();
      await pool.end();
    });
    const starts = sim.events.filter((e) => e.kind === "query.start").map((e) => e.t);
    expect(starts).toEqual([CONNECT_MS, CONNECT_MS + 5]);
    expect(startedAt).toBe(CONNECT_MS + 5);
  });

  it("does not move the clock while a real statement is in flight, and charges its measured time", async () => {
    const sent: number[] = [];
    // A statement answered later in real time (a port to the Postgres engine), 7 ms measured.
    let simNow = () => 0;
    const execute: Execute = () => {
      sent.push(simNow());
      return new Promise((resolve) => setTimeout(() => resolve(select(7)), 5));
    };
    const sim = new Simulation({ execute });
    simNow = () => sim.now();
    const pool = new sim.Pool({ max: 2 });
    const ends: number[] = [];
    await sim.run(async () => {
      await Promise.all([1, 2].map(async () => ends.push((await pool.query("SELECT 1"), sim.now()))));
      await pool.end();
    });
    expect(sent).toEqual([CONNECT_MS, CONNECT_MS]);
    expect(ends).toEqual([CONNECT_MS + 7, CONNECT_MS + 7]);
  });

  it("charges at least the statement floor", async () => {
    const sim = new Simulation({ execute: () => select(0.02), statementFloorMs: 0.5 });
    const pool = new sim.Pool();
    await sim.run(async () => {
      await pool.query("SELECT 1");
      await pool.end();
    });
    expect(sim.events.find((e) => e.kind === "query.end")).toMatchObject({ ms: 0.5 });
  });
});

describe("how a run stops", () => {
  it("exits once main is done and nothing keeps the process alive", async () => {
    const sim = new Simulation({ execute: fakePostgres() });
    const pool = new sim.Pool({ idleTimeoutMillis: 1000 });
    const result = await sim.run(async () => void (await pool.query("SELECT 1 AS n")));
    // The idle client's timer kept the process alive until it closed the connection.
    expect(result).toMatchObject({ stop: "exited", main: "fulfilled" });
    expect(result.endedAt).toBeGreaterThan(1000);
    expect(sim.events.slice(-2)).toMatchObject([{ kind: "closed" }, { kind: "remove", why: "idle-timeout" }]);
  });

  it("hangs when a leaked client keeps a connection open and nothing else will happen", async () => {
    const sim = new Simulation({ execute: fakePostgres() });
    const pool = new sim.Pool({ max: 1 });
    const result = await sim.run(async () => {
      await pool.connect(); // never released
      await pool.connect(); // waits forever: no connectionTimeoutMillis
    });
    expect(result).toMatchObject({ stop: "hangs", main: "pending", endedAt: CONNECT_MS, leakedClients: [1] });
  });

  it("stops at the time limit", async () => {
    const sim = new Simulation({ execute: fakePostgres(), limitMs: 5000 });
    const result = await sim.run(() => sim.sleep(60_000));
    expect(result).toMatchObject({ stop: "limit", main: "pending", endedAt: 5000 });
  });

  it("crashes as Node would when an idle client's error has no pool 'error' listener", async () => {
    const sim = new Simulation({ execute: fakePostgres() });
    const pool = new sim.Pool();
    const result = await sim.run(async () => {
      const client = await pool.connect();
      client.release();
      sim.terminate(client.processID!);
      await sim.sleep(100);
    });
    expect(result.stop).toBe("crashed");
    expect(result.error).toMatchObject({ message: "terminating connection due to administrator command", code: "57P01" });
  });

  it("reports main's rejection", async () => {
    const sim = new Simulation({ execute: fakePostgres() });
    const pool = new sim.Pool({ max: 1, connectionTimeoutMillis: 100 });
    const result = await sim.run(async () => {
      await pool.connect();
      await pool.connect();
    });
    expect(result.main).toBe("rejected");
    expect((result.error as Error).message).toBe("timeout exceeded when trying to connect");
  });
});

describe("the trace", () => {
  it("tells the server's limits, each open step with its cost, then the acquire, waits, releases and removals", async () => {
    const sim = new Simulation({ execute: fakePostgres({ queryMs: 3 }) });
    const pool = new sim.Pool({ max: 1 });
    await sim.run(async () => {
      await Promise.all([pool.query("SELECT 1 AS n"), pool.query("SELECT 2 AS n")]);
      await pool.end();
    });
    const kinds = sim.events.map((e) => e.kind);
    expect(kinds).toEqual([
      "server",
      ...["open.step", "wait", "open.step", "open.step", "open.step", "opened"],
      ...["acquire", "query.start", "query.end", "release", "acquire", "query.start", "query.end", "release"],
      ...["closed", "remove"],
    ]);
    const steps = sim.events.filter((e) => e.kind === "open.step");
    expect(steps.map((e) => [e.step, e.ms, e.client])).toEqual([
      ["tcp", 1, 1],
      ["backendStart", 12, 1],
      ["tls", 9, 1],
      ["auth", 8, 1],
    ]);
    expect(sim.events.filter((e) => e.kind === "acquire").map((e) => [e.t, e.waitedMs, e.fresh])).toEqual([
      [30, 30, true],
      [33, 33, false],
    ]);
    expect(sim.events.every((e) => e.source === "pool")).toBe(true);
  });
});

describe("a server with cores", () => {
  it("shares them among the statements running at once: twice the connections past the cores, each statement twice as long", async () => {
    const p95 = async (max: number) => {
      const sim = new Simulation({ execute: fakePostgres({ queryMs: 10 }), server: { cores: 2 } });
      const pool = new sim.Pool({ max });
      await sim.run(async () => {
        await Promise.all(Array.from({ length: 8 }, () => pool.query("SELECT 1 AS n")));
        await pool.end();
      });
      const ends = sim.events.filter((e) => e.kind === "query.end").map((e) => e.ms);
      return { slowest: Math.max(...ends), first: sim.events[0] };
    };
    const two = await p95(2);
    const four = await p95(4);
    expect(two.slowest).toBeCloseTo(10);
    expect(four.slowest).toBeCloseTo(20);
    expect(four.first).toMatchObject({ kind: "server", maxConnections: 100, superuserReservedConnections: 3, cores: 2 });
  });

  it("passes a query's values to the statement runner", async () => {
    const seen: unknown[] = [];
    const sim = new Simulation({ execute: (sql, _backend, values) => (seen.push(values), fakePostgres()(sql, _backend, values)) });
    const pool = new sim.Pool();
    await sim.run(async () => {
      await pool.query("SELECT 1 AS n", [42, "x"]);
      const client = await pool.connect();
      await client.query("SELECT 2 AS n", [7]);
      client.release();
      await pool.end();
    });
    expect(seen).toEqual([[42, "x"], [7]]);
  });
});
