// The Postgres engine's trace events (docs/architecture.md, "The trace and the playhead"). To be added to the
// TraceEvent union in the shared workers/trace.ts by whoever owns it: `|
// import("./postgres/trace.ts").PostgresTrace`.
import type { ScanSummary } from "./scan-summary.ts";
import type { PostgresErrorFields } from "./errors.ts";

/** One learner statement: `db.query` or `db.explain`, whether it succeeded or failed. */
export interface PostgresQueryTrace {
  /** Milliseconds since the run started (beginRun), on the clock the engine was given. */
  t: number;
  source: "postgres";
  kind: "query";
  /** Which learner call ran it: `query` runs the statement, `explain` runs EXPLAIN ANALYZE of it. */
  via: "query" | "explain";
  text: string;
  values?: unknown[];
  /** Whole-statement wall time (per-node timings are distorted in WebAssembly, so none are kept). */
  durationMs: number;
  /** node-postgres's rowCount: rows returned or affected; null for statements that have none. */
  rowCount: number | null;
  /** Rows scanned / discarded / returned, when the plan was captured. */
  summary?: ScanSummary;
  /** The EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, FORMAT JSON) plan of this very execution. */
  plan?: unknown;
  error?: Pick<PostgresErrorFields, "message" | "code" | "position">;
}

export type PostgresTrace = PostgresQueryTrace;
