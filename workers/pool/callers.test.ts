import { describe, expect, it } from "vitest";
import { serverlessBurst, steadyServer } from "./callers.ts";
import { Simulation } from "./simulation.ts";
import { fakePostgres } from "./testing/fake-postgres.ts";
import type { PoolTrace } from "./trace.ts";

/** The most requests in flight at once, from the trace. */
function mostInFlight(events: PoolTrace[]): number {
  let now = 0;
  let most = 0;
  for (const e of events) {
    if (e.kind === "request.start") most = Math.max(most, ++now);
    if (e.kind === "request.end") now--;
  }
  return most;
}

describe("steadyServer", () => {
  it("keeps `concurrency` requests in flight over one pool until all are answered", async () => {
    const sim = new Simulation({ execute: fakePostgres({ queryMs: 4 }) });
    const pool = new sim.Pool({ max: 2 });
    const result = await sim.run(async () => {
      await steadyServer(sim, { concurrency: 5, requests: 20, handler: () => pool.query("SELECT 1 AS n") });
      await pool.end();
    });
    expect(result).toMatchObject({ counted: "requests", served: 20, failed: 0, connectionsOpened: 2, peakServerConnections: 2 });
    expect(mostInFlight(sim.events)).toBe(5);
    // 20 queries of 4 ms, two at a time, after a 30 ms connect: the last request ends at 70 ms.
    expect(sim.events.filter((e) => e.kind === "request.end").at(-1)!.t).toBe(70);
  });

  it("counts a failing handler as a failed request", async () => {
    const sim = new Simulation({ execute: fakePostgres() });
    const pool = new sim.Pool();
    const result = await sim.run(async () => {
      await steadyServer(sim, { concurrency: 2, requests: 4, handler: (i) => pool.query(i % 2 ? "SELECT 1/0" : "SELECT 1 AS n") });
      await pool.end();
    });
    expect(result).toMatchObject({ served: 2, failed: 2 });
    expect(sim.events.find((e) => e.kind === "request.end" && !e.ok)).toMatchObject({ error: "division by zero" });
  });
});

describe("serverlessBurst", () => {
  it("opens a connection per instance: a burst past max_connections is refused", async () => {
    const sim = new Simulation({ execute: fakePostgres(), server: { maxConnections: 5, superuserReservedConnections: 0 } });
    const result = await sim.run(() =>
      serverlessBurst(sim, {
        invocations: 10,
        handler: async ({ pool }) => {
          await pool.query("SELECT 1 AS n");
          await pool.end();
        },
      }),
    );
    expect(result).toMatchObject({ served: 5, failed: 5, connectionsOpened: 5, connectionsRefused: 5, peakServerConnections: 5 });
    expect(result.peakServerConnections).toBe(sim.server.peak); // the trace tells what the server saw
    expect(sim.events.find((e) => e.kind === "request.end" && !e.ok)).toMatchObject({ error: "sorry, too many clients already" });
  });

  it("spreads arrivals by arrivalMs: instances that end their pool never overlap", async () => {
    const sim = new Simulation({ execute: fakePostgres(), server: { maxConnections: 5, superuserReservedConnections: 0 } });
    const result = await sim.run(() =>
      serverlessBurst(sim, {
        invocations: 10,
        arrivalMs: 100,
        handler: async ({ pool }) => {
          await pool.query("SELECT 1 AS n");
          await pool.end();
        },
      }),
    );
    expect(result).toMatchObject({ served: 10, failed: 0, connectionsOpened: 10, peakServerConnections: 1, stop: "exited" });
    expect(sim.events.filter((e) => e.kind === "request.start").map((e) => e.t)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
  });

  it("leaves a pool the handler did not end holding its connection (a frozen instance)", async () => {
    const sim = new Simulation({ execute: fakePostgres() });
    const result = await sim.run(() => serverlessBurst(sim, { invocations: 3, handler: ({ pool }) => pool.query("SELECT 1 AS n") }));
    // Each idle connection stays until its pool's idleTimeoutMillis (10 s) closes it.
    expect(result).toMatchObject({ served: 3, peakServerConnections: 3, stop: "exited" });
    expect(result.endedAt).toBeGreaterThan(10_000);
  });
});
