// `playground/postgres` as lesson code imports it (types in learner-api.ts), and
// `playground/checks/postgres`, which only a lesson's checks can import (checks-api.ts). Both sit
// on one connection per run: `db` talks over the run's port to the Postgres worker, which
// outlives the sandbox; the page opened the run's transaction before handing over the port and
// rolls it back after.
import { connectLearnerClient, type LearnerClient } from "./port-client.ts";
import { scanSummary } from "./scan-summary.ts";
import { PostgresError } from "./errors.ts";
import { createStatementLog, type StatementLog } from "./statement-watch.ts";
import type { PostgresTrace } from "./trace.ts";
import type { QueryResult } from "./engine.ts";
import type * as LearnerApi from "./learner-api.ts";
import type * as ChecksApi from "./checks-api.ts";

export interface PostgresModuleEnv {
  now(): number;
  trace(event: PostgresTrace): void;
  port(name: string): MessagePort | undefined;
}

interface Connection {
  db: LearnerApi.Database;
  log: StatementLog;
  client: LearnerClient | null;
}

// One connection per run: the registry hands every module factory of a run the same env.
const connections = new WeakMap<PostgresModuleEnv, Connection>();

function connectionOf(env: PostgresModuleEnv): Connection {
  let connection = connections.get(env);
  if (connection) return connection;
  const port = env.port("postgres");
  const client: LearnerClient | null = port ? connectLearnerClient(port, env) : null;
  const missing = () => Promise.reject(new Error("This lesson has no database: its front matter needs `engines: [postgres]`."));
  const log = createStatementLog();
  // Frozen: learner code holds this same `db`, so it must not be able to replace query or explain
  // under the checks; checks see statements through the log instead (statement-watch.ts).
  const db = Object.freeze({
    query: (text: string, values?: unknown[]) => log.query(values === undefined ? { text } : { text, values }, () => (client ? client.query(text, values) : missing())),
    explain: (text: string, values?: unknown[]) => (client ? client.explain(text, values) : missing()),
  }) as LearnerApi.Database;
  connection = { db, log, client };
  connections.set(env, connection);
  return connection;
}

/**
 * The run's connection for another engine that sends statements on the learner's behalf (the
 * pool engine): untraced, since that engine reports them itself; null when the lesson has no
 * database. Each answer (or error, as `durationMs`) carries the time Postgres spent on the
 * statement, timed in its worker: the port's round trip between workers is the browser's
 * plumbing, not the server's work, and on a busy machine it was most of the time measured.
 */
export function statementsFor(env: PostgresModuleEnv): ((text: string, values?: unknown[]) => Promise<QueryResult & { ms?: number }>) | null {
  const { client, log } = connectionOf(env);
  if (!client) return null;
  return async (text, values) => {
    let ms: number | undefined;
    const onEvent = (event: { durationMs: number }) => void (ms = event.durationMs);
    try {
      // Through the checks' statement log too: a check watching statements sees the pool's as well.
      const result = await log.query(values === undefined ? { text } : { text, values }, () => client.query(text, values, { trace: false, onEvent }));
      return ms === undefined ? result : { ...result, ms };
    } catch (error) {
      if (ms !== undefined && error instanceof PostgresError) Object.defineProperty(error, "durationMs", { value: ms });
      throw error;
    }
  };
}

export function postgresModule(env: PostgresModuleEnv): typeof LearnerApi {
  return { db: connectionOf(env).db, scanSummary, PostgresError } as typeof LearnerApi;
}

export function postgresChecksModule(env: PostgresModuleEnv): typeof ChecksApi {
  const { log } = connectionOf(env);
  return { watchStatements: log.watch } as typeof ChecksApi;
}
