// What the connection-pooling picture needs from a run's trace (workers/pool/trace.ts): how many
// of the app's connections were busy, idle or still opening at each moment, how many callers
// were queued for one, how many server slots were in use against max_connections, every error in
// the words of whoever raised it, and the requests' latency. One walk over the events; each
// change is a point of a step series, so the chart and "the state at the playhead" agree.
import type { TraceEvent } from "../../../workers/trace";
import type { PoolTrace } from "../../../workers/pool/trace";
import type { PgBouncerTrace } from "../../../workers/pool/pgbouncer-trace";
import { percentile } from "../../../workers/pool/summary";

export { percentile };

export interface PoolPoint {
  t: number;
  /** The app's connections lent to a caller. */
  busy: number;
  /** The app's connections open and waiting in a pool. */
  idle: number;
  /** Connections being opened (TCP, backend, TLS, authentication). */
  opening: number;
  /** Callers queued for a connection: in their pool, or in PgBouncer for a server. */
  waiting: number;
  /** Server slots in use (every client's, the pooler's included). */
  server: number;
}

export interface ErrorCount {
  message: string;
  code?: string;
  count: number;
}

/** One simulation of the run (each `simulate` call), in numbers: to compare setups side by side. */
export interface SimulationRow {
  sim: number;
  served: number;
  failed: number;
  p95: number | null;
  peakServer: number;
  /** Virtual ms from its first event to its last. */
  durationMs: number;
  /** Served requests per second of virtual time. */
  throughput: number;
}

export interface OpenStepCost {
  step: string;
  ms: number;
}

export interface PoolRun {
  points: PoolPoint[];
  /** max_connections, when the run said (its server event). */
  maxConnections?: number;
  served: number;
  failed: number;
  /** Durations of finished requests, ascending. */
  latencies: number[];
  errors: ErrorCount[];
  opened: number;
  peakServer: number;
  end: number;
  simulations: SimulationRow[];
  /** What opening the first connection cost, step by step. */
  openSteps: OpenStepCost[];
}

type ClientState = "opening" | "idle" | "busy";

const isPool = (e: TraceEvent): e is PoolTrace => e.source === "pool";
const isBouncer = (e: TraceEvent): e is PgBouncerTrace => e.source === "pgbouncer";

export function readPool(trace: readonly TraceEvent[]): PoolRun {
  // A run may hold several simulations one after the other (each opens with its server event):
  // each starts from nothing.
  const state = new Map<number, ClientState>();
  let bouncerWaiting = 0;
  const counts = { busy: 0, idle: 0, opening: 0, waiting: 0, server: 0 };
  const waitingByPool = new Map<number, number>();
  const points: PoolPoint[] = [];
  const errors = new Map<string, ErrorCount>();
  const latencies: number[] = [];
  const requestErrors: string[] = [];
  const poolErrors: { message: string; code?: string }[] = [];
  /** SQLSTATEs by message, from the events that carry them (a failed request gives only its message). */
  const codes = new Map<string, string>();
  let served = 0;
  let failed = 0;
  let opened = 0;
  let peakServer = 0;
  let maxConnections: number | undefined;
  let end = 0;

  const move = (client: number | null | undefined, to: ClientState | null) => {
    if (client === null || client === undefined) return;
    const from = state.get(client);
    if (from) counts[from]--;
    if (to) {
      counts[to]++;
      state.set(client, to);
    } else state.delete(client);
  };
  // Several events at one instant make one point: the state after all of them.
  function pushPoint(t: number) {
    const point = { t, ...counts };
    if (points.length > 0 && points[points.length - 1].t === t) points[points.length - 1] = point;
    else points.push(point);
  }
  const error = (message: string, code?: string) => {
    const key = `${code ?? ""} ${message}`;
    const seen = errors.get(key) ?? errors.set(key, { message, code, count: 0 }).get(key)!;
    seen.count++;
  };

  const sims = new Map<number, { start: number; end: number; served: number; failed: number; latencies: number[]; peak: number }>();
  const openSteps: OpenStepCost[] = [];
  let firstOpening: number | null = null;
  for (const e of trace) {
    if (isPool(e) || isBouncer(e)) {
      const row = sims.get(e.sim ?? 0) ?? sims.set(e.sim ?? 0, { start: e.t, end: e.t, served: 0, failed: 0, latencies: [], peak: 0 }).get(e.sim ?? 0)!;
      row.end = Math.max(row.end, e.t);
      if (isPool(e) && "connections" in e) row.peak = Math.max(row.peak, e.connections);
      if (isPool(e) && e.kind === "request.end") {
        if (e.ok) {
          row.served++;
          row.latencies.push(e.ms);
        } else row.failed++;
      }
      if (isPool(e) && e.kind === "open.step" && e.client !== null && (firstOpening === null || firstOpening === e.client) && openSteps.length < 4) {
        firstOpening = e.client;
        openSteps.push({ step: e.step, ms: e.ms });
      }
    }
    if (isBouncer(e)) {
      if ("pool" in e) bouncerWaiting = e.pool.clWaiting;
      end = Math.max(end, e.t);
      counts.waiting = [...waitingByPool.values()].reduce((a, b) => a + b, 0) + bouncerWaiting;
      pushPoint(e.t);
      continue;
    }
    if (!isPool(e)) continue;
    end = Math.max(end, e.t);
    if ("connections" in e) {
      counts.server = e.connections;
      peakServer = Math.max(peakServer, e.connections);
    }
    switch (e.kind) {
      case "server":
        maxConnections = e.maxConnections;
        state.clear();
        waitingByPool.clear();
        bouncerWaiting = 0;
        Object.assign(counts, { busy: 0, idle: 0, opening: 0, waiting: 0, server: 0 });
        break;
      case "open.step":
        if (e.client !== null && !state.has(e.client)) move(e.client, "opening");
        break;
      case "opened":
        opened++;
        if (e.client !== null) move(e.client, "idle");
        break;
      case "refused":
        move(e.client, null);
        if (e.error.code) codes.set(e.error.message, e.error.code);
        break;
      case "wait":
        waitingByPool.set(e.pool, e.waiting);
        break;
      case "acquire":
        if (e.waitedMs > 0) waitingByPool.set(e.pool, Math.max(0, (waitingByPool.get(e.pool) ?? 1) - 1));
        move(e.client, "busy");
        break;
      case "release":
        move(e.client, e.destroy ? null : "idle");
        break;
      case "remove":
        move(e.client, null);
        break;
      case "error":
        if (e.what === "acquire-timeout") waitingByPool.set(e.pool, Math.max(0, (waitingByPool.get(e.pool) ?? 1) - 1));
        if (e.what === "connect-failed") move(e.client, null);
        if (e.error.code) codes.set(e.error.message, e.error.code);
        poolErrors.push(e.error);
        break;
      case "request.end":
        if (e.ok) served++;
        else failed++;
        if (e.ok) latencies.push(e.ms);
        else requestErrors.push(e.error ?? "failed");
        end = Math.max(end, e.t);
        break;
    }
    counts.waiting = [...waitingByPool.values()].reduce((a, b) => a + b, 0) + bouncerWaiting;
    pushPoint(e.t);
  }
  latencies.sort((a, b) => a - b);
  // A failed request says why; without requests (the learner's own code), the pool's errors do.
  if (requestErrors.length > 0) for (const message of requestErrors) error(message, codes.get(message));
  else for (const e of poolErrors) error(e.message, e.code);
  const simulations = [...sims].map(([sim, r]) => {
    const durationMs = r.end - r.start;
    return { sim, served: r.served, failed: r.failed, p95: percentile(r.latencies.sort((a, b) => a - b), 95), peakServer: r.peak, durationMs, throughput: durationMs > 0 ? (r.served / durationMs) * 1000 : 0 };
  });
  return { points, maxConnections, served, failed, latencies, errors: [...errors.values()].sort((a, b) => b.count - a.count), opened, peakServer, end, simulations, openSteps };
}

/** The state at run time `t`: the last point at or before it. */
export function stateAt(run: PoolRun, t: number): PoolPoint {
  let lo = 0;
  let hi = run.points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (run.points[mid].t <= t) lo = mid + 1;
    else hi = mid;
  }
  return run.points[lo - 1] ?? { t, busy: 0, idle: 0, opening: 0, waiting: 0, server: 0 };
}
