// The callers a pooling lesson puts in front of a database: a long-lived web server answering
// requests over the one pool it holds, and a burst of serverless function instances, each with
// nothing but its own connection. Each request is traced (request.start / request.end), so the
// run's summary counts requests served and failed and their latency.
import type { Pool, PoolOptions } from "./pg-pool/pool.ts";
import type { Simulation } from "./simulation.ts";

/** Runs `work` as one traced request; never throws (a failed request is counted, not fatal). */
async function request(sim: Simulation, caller: "web" | "serverless", work: () => Promise<unknown>): Promise<void> {
  const runtime = sim.runtime;
  const id = runtime.newRequestId();
  const start = runtime.now();
  runtime.trace({ kind: "request.start", request: id, caller });
  try {
    await work();
    runtime.trace({ kind: "request.end", request: id, caller, ok: true, ms: runtime.now() - start });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    runtime.trace({ kind: "request.end", request: id, caller, ok: false, ms: runtime.now() - start, error: message });
  }
}

export interface SteadyServerOptions {
  /** Requests in flight at once (the server's concurrency): each slot takes the next request when done. */
  concurrency: number;
  /** Requests in all. */
  requests: number;
  /** Answers request number `index` (0, 1, …), typically with the server's pool; a throw fails it. */
  handler: (index: number) => Promise<unknown>;
}

/** A web server under steady load: `concurrency` requests at a time until `requests` are answered. */
export async function steadyServer(sim: Simulation, options: SteadyServerOptions): Promise<void> {
  let next = 0;
  const slot = async () => {
    while (next < options.requests) {
      const index = next++;
      await request(sim, "web", () => options.handler(index));
    }
  };
  await Promise.all(Array.from({ length: Math.max(0, Math.min(options.concurrency, options.requests)) }, slot));
}

export interface Invocation {
  /** 0, 1, … in arrival order. */
  invocation: number;
  /** This instance's own pool: nothing is shared between instances. */
  pool: Pool;
}

export interface ServerlessBurstOptions {
  invocations: number;
  /** Handles one invocation; whether it ends its pool is its business (a frozen instance does not). */
  handler: (invocation: Invocation) => Promise<unknown>;
  /** Time between two arrivals (default 0: all at once). */
  arrivalMs?: number;
  /** Each instance's pool (default { max: 1 }: one connection per instance). */
  pool?: PoolOptions;
}

/** A burst of serverless function instances, each opening its own pool for its invocation. */
export async function serverlessBurst(sim: Simulation, options: ServerlessBurstOptions): Promise<void> {
  const arrivalMs = options.arrivalMs ?? 0;
  await Promise.all(
    Array.from({ length: options.invocations }, async (_, invocation) => {
      if (arrivalMs > 0 && invocation > 0) await sim.sleep(invocation * arrivalMs);
      const pool = new sim.Pool(options.pool ?? { max: 1 });
      await request(sim, "serverless", () => options.handler({ invocation, pool }));
    }),
  );
}
