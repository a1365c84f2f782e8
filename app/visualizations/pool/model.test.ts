import { describe, expect, it } from "vitest";
import { Simulation } from "../../../workers/pool/simulation";
import { serverlessBurst } from "../../../workers/pool/callers";
import { fakePostgres } from "../../../workers/pool/testing/fake-postgres";
import type { TraceEvent } from "../../../workers/trace";
import { readPool, stateAt } from "./model";

describe("the pool picture's model", () => {
  it("reads a burst against a small server: opening then busy connections, refusals in Postgres's words, the limit", async () => {
    const trace: TraceEvent[] = [];
    const sim = new Simulation({ execute: fakePostgres({ queryMs: 5 }), server: { maxConnections: 5, superuserReservedConnections: 2 }, trace: (e) => trace.push(e) });
    await sim.run(() =>
      serverlessBurst(sim, {
        invocations: 6,
        handler: async ({ pool }) => {
          await pool.query("SELECT 1 AS n");
          await pool.end();
        },
      }),
    );
    const run = readPool(trace);
    expect(run.maxConnections).toBe(5);
    expect([run.served, run.failed, run.opened, run.peakServer]).toEqual([3, 3, 3, 5]);
    // Six backends fork at once into five slots: the sixth is turned away at once; the first two
    // to finish authenticating still see four others and hit the reserved slots.
    expect(run.errors).toEqual([
      { message: "remaining connection slots are reserved for non-replication superuser connections", code: "53300", count: 2 },
      { message: "sorry, too many clients already", code: "53300", count: 1 },
    ]);
    // 13 ms in (1 ms TCP + 12 ms backend start): six backends started, none ready yet.
    expect(stateAt(run, 12.9)).toMatchObject({ opening: 6, busy: 0 });
    expect(stateAt(run, 13)).toMatchObject({ opening: 5, busy: 0, server: 5 });
    // Once the three let in have their connection: busy, and the refused ones are gone.
    const busy = stateAt(run, run.points.find((p) => p.busy === 3)!.t);
    expect(busy).toMatchObject({ busy: 3, opening: 0 });
    expect(stateAt(run, run.end)).toMatchObject({ busy: 0, idle: 0, opening: 0, server: 0 });
    expect(run.latencies).toHaveLength(3);
  });
});

describe("the pool picture's comparison of simulations", () => {
  it("gives each simulation its own row, and the cost of opening the first connection step by step", async () => {
    const trace: TraceEvent[] = [];
    for (const [sim, max] of [[1, 2], [2, 8]] as const) {
      const s = new Simulation({ execute: fakePostgres({ queryMs: 10 }), server: { cores: 2 }, trace: (e) => trace.push({ ...e, sim, t: e.t + sim * 10_000 } as TraceEvent) });
      await s.run(async () => {
        const pool = new s.Pool({ max });
        await Promise.all(Array.from({ length: 16 }, () => pool.query("SELECT 1 AS n")));
        await pool.end();
      });
    }
    const run = readPool(trace);
    expect(run.simulations.map((r) => [r.sim, r.peakServer])).toEqual([
      [1, 2],
      [2, 8],
    ]);
    expect(run.openSteps).toEqual([
      { step: "tcp", ms: 1 },
      { step: "backendStart", ms: 12 },
      { step: "tls", ms: 9 },
      { step: "auth", ms: 8 },
    ]);
  });
});
