// The page's Postgres: one worker for the whole page (PGlite, seeded once per page load), started
// the first time a lesson needs it, with its progress in a store the UI renders. It lives outside
// the sandbox so a stopped run never loses the database; each run gets a fresh port to it and its
// own transaction, rolled back when the run ends.
import * as Comlink from "comlink";
import type { PostgresWorkerApi } from "../../workers/postgres/api";
import { DATASETS } from "../../workers/postgres/datasets";

import { postgresState } from "./postgres-state";

let api: Comlink.Remote<PostgresWorkerApi> | null = null;
let ready: Promise<Comlink.Remote<PostgresWorkerApi>> | null = null;

async function seedAll(remote: Comlink.Remote<PostgresWorkerApi>, reset: boolean): Promise<void> {
  const onProgress = (dataset: number) =>
    Comlink.proxy((p: { label: string; done: number; total: number }) =>
      postgresState.setState({ phase: "seeding", label: p.label, fraction: (dataset + (p.total ? p.done / p.total : 0)) / DATASETS.length }),
    );
  if (reset) await remote.reset(onProgress(0));
  else {
    for (const [i, dataset] of DATASETS.entries()) {
      const started = performance.now();
      await remote.seed(dataset, {}, onProgress(i));
      // On the page's performance timeline, where `npm run bench` (postgres.seed_1m) reads it.
      performance.measure(`postgres seed ${dataset}`, { start: started });
    }
  }
}

/** Starts and seeds Postgres once; later calls get the same promise. */
export function startPostgres(): Promise<Comlink.Remote<PostgresWorkerApi>> {
  ready ??= (async () => {
    postgresState.setState({ phase: "starting", label: "Downloading Postgres", fraction: 0, error: null });
    const worker = new Worker(new URL("../../workers/postgres/worker.ts", import.meta.url), { type: "module", name: "postgres" });
    const remote = Comlink.wrap<PostgresWorkerApi>(worker);
    const started = performance.now();
    await remote.start(
      Comlink.proxy((p: { label: string; done: number; total: number }) =>
        postgresState.setState({ phase: "starting", label: p.label, fraction: p.total ? p.done / p.total : 0 }),
      ),
    );
    performance.measure("postgres start", { start: started });
    await seedAll(remote, false);
    postgresState.setState({ phase: "ready", label: "Postgres is ready", fraction: 1 });
    api = remote;
    return remote;
  })();
  ready.catch((e: Error) => {
    postgresState.setState({ phase: "failed", error: `Postgres could not start: ${e.message}` });
    ready = null;
  });
  return ready;
}

/** Rebuilds the datasets (the learner's "Reset database"). */
export async function resetDatabase(): Promise<void> {
  const remote = await startPostgres();
  await seedAll(remote, true);
  postgresState.setState({ phase: "ready", label: "Postgres is ready", fraction: 1 });
}

/**
 * Opens a run: a transaction with the lesson's statement timeout, and a port for the sandbox.
 * `finish` rolls everything back; call it however the run ended (done, stopped, timed out).
 */
export async function preparePostgresRun(statementTimeoutMs: number): Promise<{ port: MessagePort; finish: () => Promise<void> }> {
  const remote = await startPostgres();
  const channel = new MessageChannel();
  await remote.beginRun({ statementTimeoutMs });
  await remote.connect(Comlink.transfer(channel.port1, [channel.port1]));
  return {
    port: channel.port2,
    finish: async () => {
      await remote.endRun();
    },
  };
}

export function postgresApi(): Comlink.Remote<PostgresWorkerApi> | null {
  return api;
}
