// How the pool engine runs a statement on one of its model connections. The engine only charges
// time on its clock and keeps connection state; the statement itself runs elsewhere: on the real
// Postgres engine (PGlite) in a lesson, on a stand-in in tests (testing/fake-postgres.ts).
import type { Backend, ServerError } from "./server.ts";

export interface StatementResult {
  /** node-postgres's result.rows: int4 a number, bool a boolean, void "", text a string. */
  rows: Record<string, unknown>[];
  rowCount: number | null;
  /** The command tag's verb (SELECT, SET, BEGIN, …). */
  command: string;
  /** The columns' names in order (node-postgres's result.fields), when there are rows to describe. */
  fields?: string[];
}

/** What a statement did, and how long it took (ms of the run's clock; the engine may floor it). */
export type StatementOutcome = ({ ok: true } & StatementResult | { ok: false; error: ServerError }) & { ms: number };

/** Runs `sql` (with node-postgres's `$1…` `values`, if any) on `backend`. */
export type Execute = (sql: string, backend: Backend, values?: readonly unknown[]) => Promise<StatementOutcome> | StatementOutcome;
