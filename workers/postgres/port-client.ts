// The sandbox's side of a run's port to the Postgres worker (protocol.ts): the learner's
// node-postgres style `query` / `explain`, which throw a PostgresError with Postgres's code and
// position, and each statement's trace event stamped on the run's own clock. The port carries
// these two requests and their answers only.
import type { QueryResult } from "./engine.ts";
import { PostgresError } from "./errors.ts";
import type { StatementReply, StatementRequest, StatementResponse } from "./protocol.ts";
import type { PostgresQueryTrace, PostgresTrace } from "./trace.ts";

export interface LearnerClientEnv {
  /** Milliseconds on the run's clock: events are stamped with the time the statement was sent. */
  now(): number;
  trace(event: PostgresTrace): void;
}

export interface QueryOptions {
  trace?: boolean;
  onEvent?: (event: PostgresQueryTrace) => void;
}

export interface LearnerClient {
  /**
   * `trace: false`: no trace event (an engine that reports the statement in its own terms).
   * `onEvent`: the statement's trace event as the Postgres worker made it (its `durationMs`
   * timed there, without the port's round trip), traced or not, before the answer settles.
   */
  query<Row = Record<string, unknown>>(text: string, values?: unknown[], options?: QueryOptions): Promise<QueryResult<Row>>;
  explain(text: string, values?: unknown[]): Promise<unknown>;
  /** Lets go of the port. */
  close(): void;
}

export function connectLearnerClient(port: MessagePort, env: LearnerClientEnv): LearnerClient {
  let nextId = 1;
  const pending = new Map<number, (reply: StatementReply<unknown>) => void>();
  const listener = (event: MessageEvent) => {
    const { id, reply } = (event.data ?? {}) as Partial<StatementResponse>;
    const settle = typeof id === "number" ? pending.get(id) : undefined;
    if (!settle || !reply) return;
    pending.delete(id as number);
    settle(reply);
  };
  port.addEventListener("message", listener);
  port.start();

  async function call<T>(op: StatementRequest["op"], text: string, values: unknown[] | undefined, { trace = true, onEvent }: QueryOptions = {}): Promise<T> {
    const t = env.now();
    const id = nextId++;
    const request: StatementRequest = values === undefined ? { id, op, text } : { id, op, text, values };
    const reply = await new Promise<StatementReply<unknown>>((resolve) => {
      pending.set(id, resolve);
      try {
        port.postMessage(request);
      } catch (error) {
        pending.delete(id);
        throw error; // a value postMessage cannot copy (a function, …): DataCloneError
      }
    });
    if (reply.event && trace) env.trace({ ...reply.event, t });
    if (reply.event) onEvent?.(reply.event);
    if (reply.ok) return reply.result as T;
    const { name: _name, ...fields } = reply.error;
    const error = fields.code ? new PostgresError(fields) : new Error(fields.message);
    // The statement, hidden, so the sandbox can point at `position` inside the learner's SQL
    // (workers/sandbox/sql-location.ts reads it under the same registered symbol).
    Object.defineProperty(error, Symbol.for("playground.sqlText"), { value: text, enumerable: false });
    throw error;
  }
  return {
    query: <Row,>(text: string, values?: unknown[], options?: QueryOptions) => call<QueryResult<Row>>("query", text, values, options),
    explain: (text, values) => call("explain", text, values),
    close: () => {
      port.removeEventListener("message", listener);
      port.close();
    },
  };
}
