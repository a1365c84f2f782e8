// A run in numbers, from its trace alone (what a lesson's checks and its summary line read):
// requests served and failed with their latency percentiles, connections opened, and the most
// server slots in use at once. Requests are the callers' (callers.ts); a run without callers
// counts its queries instead, and says so.
import type { PoolTrace } from "./trace.ts";

export interface PoolSummary {
  /** What served / failed / latency count: callers' requests, or (with no callers) queries. */
  counted: "requests" | "queries";
  served: number;
  failed: number;
  /** Nearest-rank percentiles of every counted request's duration, in virtual ms (null: none). */
  latency: { p50: number | null; p95: number | null; p99: number | null };
  /** Connections the server let in. */
  connectionsOpened: number;
  /** Connections the server refused. */
  connectionsRefused: number;
  /** The most server slots in use at once, connections still opening included. */
  peakServerConnections: number;
}

/** The nearest-rank percentile `p` (0–100) of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

export function summarize(events: readonly PoolTrace[]): PoolSummary {
  const counted = events.some((e) => e.kind === "request.end") ? "requests" : "queries";
  const durations: number[] = [];
  let served = 0;
  let failed = 0;
  let connectionsOpened = 0;
  let connectionsRefused = 0;
  let peakServerConnections = 0;
  for (const e of events) {
    if (e.kind === "opened") connectionsOpened++;
    if (e.kind === "refused") connectionsRefused++;
    if ("connections" in e) peakServerConnections = Math.max(peakServerConnections, e.connections);
    if ((counted === "requests" && e.kind === "request.end") || (counted === "queries" && e.kind === "query.end")) {
      if (e.ok) served++;
      else failed++;
      durations.push(e.ms);
    }
  }
  durations.sort((a, b) => a - b);
  const latency = { p50: percentile(durations, 50), p95: percentile(durations, 95), p99: percentile(durations, 99) };
  return { counted, served, failed, latency, connectionsOpened, connectionsRefused, peakServerConnections };
}
