// A run in numbers, from its trace alone (what a lesson's checks and its summary line read):
// requests served and failed with their latency percentiles, connections opened, and the most
// server slots in use at once. Requests are the callers' (callers.ts); a run without callers
// counts its queries instead, and says so. Built event by event (SummaryBuilder), so a run need not
// keep its trace to be summarized.
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
  /** Clients acquired and never released: a leak (unless the run was cut short while they worked). */
  leakedClients: number[];
}

/** The nearest-rank percentile `p` (0–100) of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

class Tally {
  served = 0;
  failed = 0;
  durations: number[] = [];

  add(ok: boolean, ms: number): void {
    if (ok) this.served++;
    else this.failed++;
    this.durations.push(ms);
  }
}

export class SummaryBuilder {
  private requests = new Tally();
  private queries = new Tally();
  private opened = 0;
  private refused = 0;
  private peak = 0;
  private checkedOut = new Set<number>();

  add(e: PoolTrace): void {
    if (e.kind === "request.end") this.requests.add(e.ok, e.ms);
    else if (e.kind === "query.end") this.queries.add(e.ok, e.ms);
    else if (e.kind === "acquire") this.checkedOut.add(e.client);
    else if (e.kind === "release") this.checkedOut.delete(e.client);
    else if (e.kind === "opened") this.opened++;
    else if (e.kind === "refused") this.refused++;
    if ("connections" in e && e.connections > this.peak) this.peak = e.connections;
  }

  /** Statements that ended (query.end), whatever the summary counts. */
  get statements(): number {
    return this.queries.served + this.queries.failed;
  }

  result(): PoolSummary {
    const counted = this.requests.durations.length > 0 ? "requests" : "queries";
    const { served, failed, durations } = counted === "requests" ? this.requests : this.queries;
    const sorted = [...durations].sort((a, b) => a - b);
    return {
      counted,
      served,
      failed,
      latency: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) },
      connectionsOpened: this.opened,
      connectionsRefused: this.refused,
      peakServerConnections: this.peak,
      leakedClients: [...this.checkedOut].sort((a, b) => a - b),
    };
  }
}

export function summarize(events: readonly PoolTrace[]): PoolSummary {
  const builder = new SummaryBuilder();
  for (const e of events) builder.add(e);
  return builder.result();
}
