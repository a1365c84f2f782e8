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
  const send: LearnerApi.Database = {
    query: (text, values) => (client ? client.query(text, values) : missing()),
    explain: (text, values) => (client ? (client.explain(text, values) as ReturnType<LearnerApi.Database["explain"]>) : missing()),
  } as LearnerApi.Database;
  // The sandbox hardens this module (learner code cannot change it under the checks), yet a
  // lesson's checks wrap db.query to count statements: so query and explain are accessors, whose
  // setters still work on a frozen object.
  const db = {} as LearnerApi.Database;
  for (const name of ["query", "explain"] as const) {
    let current = send[name];
    Object.defineProperty(db, name, {
      enumerable: true,
      get: () => current,
      set: (fn: unknown) => {
        if (typeof fn !== "function") throw new TypeError(`db.${name} must be a function`);
        current = fn as typeof current;
      },
    });
  }
  return { db, scanSummary, PostgresError } as typeof LearnerApi;
}
