// The far side of a port to the Postgres worker (api.ts PostgresPortApi), for the sandbox: the
// learner's node-postgres style `query` / `explain`, which throw a PostgresError with Postgres's
// code and position, and each statement's trace event stamped on the run's own clock.
import * as Comlink from "comlink";
import type { PostgresPortApi, StatementReply } from "./api.ts";
import type { QueryResult, RunOptions, RunReport } from "./engine.ts";
import { PostgresError } from "./errors.ts";
import type { PostgresTrace } from "./trace.ts";

export interface LearnerClientEnv {
  /** Milliseconds on the run's clock: events are stamped with the time the statement was sent. */
  now(): number;
  trace(event: PostgresTrace): void;
}

export interface LearnerClient {
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<Row>>;
  explain(text: string, values?: unknown[]): Promise<unknown>;
  beginRun(options?: RunOptions): Promise<void>;
  endRun(): Promise<RunReport>;
  /** Lets go of the port (comlink's proxy release). */
  close(): void;
}

export function connectLearnerClient(port: MessagePort, env: LearnerClientEnv): LearnerClient {
  const remote = Comlink.wrap<PostgresPortApi>(port);
  async function call<T>(statement: string, send: () => Promise<StatementReply<T>>): Promise<T> {
    const t = env.now();
    const reply = await send();
    if (reply.event) env.trace({ ...reply.event, t });
    if (reply.ok) return reply.result;
    const { name: _name, ...fields } = reply.error;
    const error = fields.code ? new PostgresError(fields) : new Error(fields.message);
    // The statement, hidden, so the sandbox can point at `position` inside the learner's SQL
    // (workers/sandbox/sql-location.ts reads it under the same registered symbol).
    Object.defineProperty(error, Symbol.for("playground.sqlText"), { value: statement, enumerable: false });
    throw error;
  }
  return {
    query: <Row,>(text: string, values?: unknown[]) =>
      call(text, () => remote.query(text, values)) as Promise<QueryResult<Row>>,
    explain: (text, values) => call(text, () => remote.explain(text, values)),
    beginRun: (options) => remote.beginRun(options),
    endRun: () => remote.endRun(),
    close: () => remote[Comlink.releaseProxy](),
  };
}
