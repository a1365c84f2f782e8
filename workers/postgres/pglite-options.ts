// The PGlite options the engine expects, shared by the worker and the Node tests.
import type { PGliteOptions } from "@electric-sql/pglite";
import { auto_explain } from "@electric-sql/pglite/contrib/auto_explain";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { statementTimeouts } from "./timeouts.ts";

export function pgliteOptions(): PGliteOptions {
  return {
    // auto_explain: each learner query's plan from its own execution (engine.ts);
    // pg_trgm: trigram search; statementTimeouts: statement_timeout that fires (timeouts.ts).
    extensions: { auto_explain, pg_trgm, timeouts: statementTimeouts() },
    postgresqlconf: [
      // A small WAL (the seeded tables are UNLOGGED and write almost none) and half the default
      // shared buffers: memory is the browser tab's. Tables over a quarter of shared_buffers are
      // read through a small ring of buffers, which is also what lets timeouts fire (timeouts.ts).
      "max_wal_size = 32MB",
      "min_wal_size = 32MB",
      "shared_buffers = 64MB",
    ],
  };
}
