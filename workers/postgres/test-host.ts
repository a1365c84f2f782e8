// The page's Postgres host (host.ts) booted in Node, for tests: its "worker" is a real PGlite and
// engine served in-process over a MessageChannel by the worker's own API (api.ts serveHost), so the
// host's start, prepareRun and finish run as they do in the browser, seeded smaller, keeping
// copies in memory instead of IndexedDB.
import { PGlite } from "@electric-sql/pglite";
import { serveHost } from "./api.ts";
import { DEFAULT_ROWS, seedSteps, type DatasetName } from "./datasets.ts";
import { createPostgresHost, type PostgresHost, type PostgresWorker } from "./host.ts";
import { bootFromCopy, keepSeeded } from "./keeper.ts";
import type { CopyStore, KeptCopy, VersionInputs } from "./kept-copy.ts";
import { pgliteOptions } from "./pglite-options.ts";

export type Rows = Partial<Record<DatasetName, number>>;

/** A CopyStore in memory (IndexedDB's stand-in), its records open to tests. */
export function memoryStore(): CopyStore & { copies: Map<string, KeptCopy> } {
  const copies = new Map<string, KeptCopy>();
  return {
    copies,
    list: async () => [...copies.values()],
    put: async (copy) => void copies.set(copy.key, copy),
    delete: async (key) => void copies.delete(key),
  };
}

export const testInputs: VersionInputs = {
  engine: "pglite-test",
  postgresqlconf: [pgliteOptions().postgresqlconf ?? []].flat(),
  initdb: pgliteOptions().initDbStartParams ?? [],
  steps: (dataset, rows) => seedSteps(dataset, rows, { trigram: true }),
};

/**
 * A PGlite and its engine behind serveHost, as worker.ts is in the browser (keeping and loading
 * copies in `store`); `close` ends it for good.
 */
export function inProcessWorker(rows?: Rows, store: CopyStore = memoryStore()): PostgresWorker & { close(): Promise<void> } {
  const channel = new MessageChannel();
  const dbs: PGlite[] = [];
  const now = () => performance.now();
  const kept = { store, inputs: testInputs };
  serveHost(channel.port1, {
    now,
    rows,
    boot: (datasets) =>
      bootFromCopy(datasets, {
        ...kept,
        rows: (d) => rows?.[d] ?? DEFAULT_ROWS[d],
        engine: { now },
        create: async (loadDataDir) => {
          const db = new PGlite({ ...pgliteOptions(), loadDataDir });
          dbs.push(db);
          await db.waitReady;
          return db;
        },
      }),
    keep: (engine) => keepSeeded(engine, kept),
  });
  const port = channel.port2;
  const close = async () => {
    channel.port1.close();
    port.close();
    await Promise.all(dbs.filter((db) => !db.closed).map((db) => db.close()));
  };
  return {
    postMessage: (message, transfer) => port.postMessage(message, transfer ?? []),
    addEventListener: (type, listener) => port.addEventListener(type, listener),
    removeEventListener: (type, listener) => port.removeEventListener(type, listener),
    start: () => port.start(),
    terminate: () => void close(),
    close,
  };
}

export interface TestHost {
  host: PostgresHost;
  /** Ends every worker the host started and closes their databases. */
  close(): Promise<void>;
}

export function createTestHost(options: { rows?: Rows; store?: CopyStore } = {}): TestHost {
  const workers: ReturnType<typeof inProcessWorker>[] = [];
  const store = options.store ?? memoryStore();
  const spawn = () => {
    const worker = inProcessWorker(options.rows, store);
    workers.push(worker);
    return worker;
  };
  return {
    host: createPostgresHost({ spawn }),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}
