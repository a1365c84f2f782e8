// node-postgres's Pool over the other ways to reach Postgres (sim-runtime.ts Transport): backend
// sessions that keep per-connection state, and PgBouncer in front of them.
import { describe, expect, it } from "vitest";
import { Simulation } from "./simulation.ts";
import { serverlessBurst } from "./callers.ts";
import { fakePostgres } from "./testing/fake-postgres.ts";
import type { Execute } from "./execute.ts";
import type { Transport } from "./sim-runtime.ts";

describe("a Pool over backend sessions", () => {
  it("keeps SET per connection, scopes SET LOCAL to its transaction, and passes values on", async () => {
    const seen: unknown[] = [];
    const execute: Execute = (sql, backend, values) => (seen.push(values), fakePostgres()(sql, backend, values));
    const sim = new Simulation({ execute, via: "sessions" });
    const pool = new sim.Pool({ max: 1 });
    const shown: unknown[] = [];
    await sim.run(async () => {
      await pool.query("SET statement_timeout = '7s'");
      shown.push((await pool.query("SHOW statement_timeout")).rows[0]);
      const client = await pool.connect();
      await client.query("BEGIN");
      await client.query("SET LOCAL work_mem = '8MB'");
      shown.push((await client.query("SHOW work_mem")).rows[0]);
      await client.query("COMMIT");
      shown.push((await client.query("SHOW work_mem")).rows[0]);
      await client.query("SELECT 1 AS n", [5]);
      client.release();
      await pool.end();
    });
    expect(shown).toEqual([{ statement_timeout: "7s" }, { work_mem: "8MB" }, { work_mem: "4MB" }]);
    expect(seen).toEqual([[5]]);
  });

  it("cancels a statement past its statement_timeout with Postgres's words", async () => {
    const sim = new Simulation({ execute: fakePostgres({ queryMs: 3000 }), via: "sessions" });
    const pool = new sim.Pool();
    let error: unknown;
    await sim.run(async () => {
      const client = await pool.connect();
      await client.query("SET statement_timeout = '2s'");
      error = await client.query("SELECT 1 AS n").catch((e: unknown) => e);
      client.release();
      await pool.end();
    });
    expect(error).toMatchObject({ message: "canceling statement due to statement timeout", code: "57014" });
  });
});

/** 300 serverless instances at once, each with its own pool of one, one query each. */
function burstOf300(via: Transport) {
  const sim = new Simulation({ execute: fakePostgres({ queryMs: 5 }), server: { maxConnections: 100 }, via });
  return sim.run(() =>
    serverlessBurst(sim, {
      invocations: 300,
      handler: async ({ pool }) => {
        await pool.query("SELECT 1 AS n");
        await pool.end();
      },
    }),
  );
}

describe("a Pool through PgBouncer", () => {
  it("in transaction mode, serves a burst of 300 instances with a few server connections and no refusal", async () => {
    const result = await burstOf300({ pgbouncer: { pool_mode: "transaction", default_pool_size: 10, max_client_conn: 1000 } });
    expect(result.failed).toBe(0);
    expect(result.served).toBe(300);
    expect(result.peakServerConnections).toBeLessThanOrEqual(10);
  });

  it("straight to Postgres, the same burst is refused past max_connections", async () => {
    const result = await burstOf300("sessions");
    expect(result.failed).toBeGreaterThan(150);
    expect(result.peakServerConnections).toBe(100);
  });

  it("in transaction mode hands a plain SET to the next client on that server; SET LOCAL stays in its transaction", async () => {
    const sim = new Simulation({ execute: fakePostgres(), via: { pgbouncer: { pool_mode: "transaction", default_pool_size: 1 } } });
    const a = new sim.Pool({ max: 1 });
    const b = new sim.Pool({ max: 1 });
    const shown: unknown[] = [];
    await sim.run(async () => {
      await a.query("SET statement_timeout = '9s'");
      shown.push((await b.query("SHOW statement_timeout")).rows[0]);
      const client = await a.connect();
      await client.query("BEGIN");
      await client.query("SET LOCAL work_mem = '8MB'");
      await client.query("COMMIT");
      client.release();
      shown.push((await b.query("SHOW work_mem")).rows[0]);
      await Promise.all([a.end(), b.end()]);
    });
    expect(shown).toEqual([{ statement_timeout: "9s" }, { work_mem: "4MB" }]);
  });
});
