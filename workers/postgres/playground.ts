// `playground/postgres` as lesson code imports it (types in learner-api.ts): `db` talks over the
// run's port to the Postgres worker, which outlives the sandbox; the page opened the run's
// transaction before handing over the port and rolls it back after.
import { connectLearnerClient } from "./port-client.ts";
import { scanSummary } from "./scan-summary.ts";
import { PostgresError } from "./errors.ts";
import type { PostgresTrace } from "./trace.ts";
import type * as LearnerApi from "./learner-api.ts";

export interface PostgresModuleEnv {
  now(): number;
  trace(event: PostgresTrace): void;
  port(name: string): MessagePort | undefined;
}

export function postgresModule(env: PostgresModuleEnv): typeof LearnerApi {
  const port = env.port("postgres");
  const missing = () => Promise.reject(new Error("This lesson has no database: its front matter needs `engines: [postgres]`."));
  const client = port ? connectLearnerClient(port, env) : null;
  return {
    db: {
      query: (text, values) => (client ? client.query(text, values) : missing()),
      explain: (text, values) => (client ? (client.explain(text, values) as ReturnType<LearnerApi.Database["explain"]>) : missing()),
    },
    scanSummary,
    PostgresError,
  } as typeof LearnerApi;
}
