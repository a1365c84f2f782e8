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
    // Postgres 18's initdb turns data checksums on, and with them the first write of a hint bit
    // to a page after a checkpoint logs the whole page: VACUUM (ANALYZE) of the freshly loaded
    // feed_items wrote 113 MB of WAL (23 MB without), took about twice as long, and left the kept
    // copy 17 MB larger. A page in the tab's memory has no disk to be corrupted on.
    initDbStartParams: ["--no-data-checksums"],
    postgresqlconf: [
      // wal_level = minimal: a table created and loaded in the transaction that commits it writes
      // no WAL (engine.ts seeds so), and it survives a dump of the data directory (kept-copy.ts).
      "wal_level = minimal",
      "max_wal_senders = 0",
      // A small WAL (seeding writes almost none) and half the default
      // shared buffers: memory is the browser tab's. Tables over a quarter of shared_buffers are
      // read through a small ring of buffers, which is also what lets timeouts fire (timeouts.ts).
      "max_wal_size = 32MB",
      "min_wal_size = 32MB",
      "shared_buffers = 64MB",
    ],
  };
}
