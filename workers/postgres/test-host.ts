// The page's Postgres host (host.ts) booted in Node, for tests: its "worker" is a real PGlite and
// engine served in-process over a MessageChannel by the worker's own API (api.ts serveHost), so the
// host's start, prepareRun and finish run as they do in the browser, seeded smaller.
import { PGlite } from "@electric-sql/pglite";
import { serveHost } from "./api.ts";
import type { DatasetName } from "./dataset-names.ts";
import { PostgresEngine } from "./engine.ts";
import { createPostgresHost, type PostgresHost, type PostgresWorker } from "./host.ts";
import { pgliteOptions } from "./pglite-options.ts";

export type Rows = Partial<Record<DatasetName, number>>;

/** A PGlite and its engine behind serveHost, as worker.ts is in the browser; `close` ends it for good. */
export function inProcessWorker(rows?: Rows): PostgresWorker & { close(): Promise<void> } {
  const channel = new MessageChannel();
  const db = new PGlite(pgliteOptions());
  const now = () => performance.now();
  serveHost(channel.port1, { now, rows, boot: async () => new PostgresEngine(db, { now }) });
  const port = channel.port2;
  const close = async () => {
    channel.port1.close();
    port.close();
    if (!db.closed) await db.close();
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

export function createTestHost(options: { rows?: Rows } = {}): TestHost {
  const workers: ReturnType<typeof inProcessWorker>[] = [];
  const spawn = () => {
    const worker = inProcessWorker(options.rows);
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
