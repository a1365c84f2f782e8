// What `import … from "playground/postgres"` gives lesson code: its types, for the editor and the
// typecheck. The values come from playground.ts, connected per run to the page's Postgres (a real
// Postgres, PGlite, seeded once per page load). Every statement of a run is rolled back when the
// run ends, so the seeded data is always as it was.
import type { QueryResult } from "./engine.ts";
import type { PlanNode } from "./scan-summary.ts";

export type { QueryResult, Field } from "./engine.ts";
export type { PlanNode, ScanSummary } from "./scan-summary.ts";
export { scanSummary } from "./scan-summary.ts";
export { PostgresError } from "./errors.ts";

export interface Database {
  /** Runs one statement, node-postgres style: `$1`, `$2`… are bound to `values`. */
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<Row>>;
  /** The statement's plan from EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, FORMAT JSON): what Postgres really did. */
  explain(text: string, values?: unknown[]): Promise<{ Plan: PlanNode; [key: string]: unknown }>;
}

/** The lesson's database. */
export declare const db: Database;
