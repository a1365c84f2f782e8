import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../trace.ts";
import { poolModule, type Statements } from "./playground.ts";

/** A stand-in for the run's Postgres: rows for `SELECT … $1`, a SQL error for a bad table. */
const statements: Statements = async (text, values) => {
  if (text.includes("missing_table")) throw Object.assign(new Error('relation "missing_table" does not exist'), { code: "42P01", severity: "ERROR" });
  return { rows: [{ id: values?.[0] ?? null }], rowCount: 1, command: "SELECT" };
};

function module(run: Statements = statements) {
  const trace: TraceEvent[] = [];
  let now = 0;
  const api = poolModule({ now: () => (now += 0.01), trace: (e) => trace.push(e) }, run);
  return { api, trace };
}

describe("playground/pool", () => {
  it("runs a burst through PgBouncer on the run's Postgres, and the summary says how it went", async () => {
    const { api, trace } = module();
    const summary = await api.simulate({ server: { maxConnections: 50 }, pgbouncer: { pool_mode: "transaction", default_pool_size: 5, max_client_conn: 1000 } }, (world) =>
      world.serverlessBurst({
        invocations: 100,
        handler: async ({ pool, invocation }) => {
          const { rows } = await pool.query("SELECT id FROM feed_items WHERE id = $1", [invocation]);
          if (rows[0].id !== invocation) throw new Error("wrong row");
          await pool.end();
        },
      }),
    );
    expect(summary).toMatchObject({ served: 100, failed: 0, stop: "exited", leakedClients: [] });
    expect(summary.peakServerConnections).toBeLessThanOrEqual(5);
    expect(trace[0]).toMatchObject({ source: "pool", kind: "server", maxConnections: 50, cores: 4, sim: 1 });
    expect(trace.some((e) => e.source === "pgbouncer")).toBe(true);
  });

  it("puts each simulation after the last on the trace's axis, numbered", async () => {
    const { api, trace } = module();
    const once = () => api.simulate({}, async ({ Pool }) => {
      const pool = new Pool();
      await pool.query("SELECT 1");
      await pool.end();
    });
    await once();
    const firstEnd = Math.max(...trace.map((e) => e.t));
    await once();
    const second = trace.filter((e) => (e as { sim?: number }).sim === 2);
    expect(second.length).toBeGreaterThan(0);
    expect(Math.min(...second.map((e) => e.t))).toBeGreaterThanOrEqual(firstEnd);
  });

  it("gives a SQL error to the code that sent it, in Postgres's words, and tells a leak", async () => {
    const { api } = module();
    let error: unknown;
    const summary = await api.simulate({}, async ({ Pool }) => {
      const pool = new Pool();
      error = await pool.query("SELECT * FROM missing_table").catch((e: unknown) => e);
      await pool.connect(); // never released
    });
    expect(error).toMatchObject({ message: 'relation "missing_table" does not exist', code: "42P01" });
    expect(summary.leakedClients).toHaveLength(1);
  });

  it("does not let learner code rewrite the pool the checks' simulations use", async () => {
    const { api } = module();
    await api.simulate({}, async ({ Pool }) => {
      expect(() => Object.defineProperty(Pool.prototype, "query", { value: () => Promise.resolve({ rows: [] }) })).toThrow();
    });
  });

  it("charges a statement the time Postgres says it spent, when it says, not the wait for its answer", async () => {
    const burst = (run: Statements) =>
      module(run).api.simulate({}, (world) =>
        world.serverlessBurst({
          invocations: 1,
          handler: async ({ pool }) => {
            await pool.query("SELECT id FROM feed_items WHERE id = $1", [1]);
            await pool.end();
          },
        }),
      );
    const told = (ms: number): Statements => async (text, values) => ({ ...(await statements!(text, values)), ms });
    const floored = await burst(told(0.2)); // charged the lesson's floor, 5 ms
    const slow = await burst(told(200));
    expect((slow.latency.p50 ?? 0) - (floored.latency.p50 ?? 0)).toBeCloseTo(195, 6);
  });
});
