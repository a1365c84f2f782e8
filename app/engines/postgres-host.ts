// The page's Postgres: one worker for the whole page (PGlite, seeded once per page load), started
// the first time a lesson needs it, with its progress in a store the UI renders. It lives outside
// the sandbox so a stopped run never loses the database; each run gets a fresh port to it and its
// own transaction, rolled back when the run ends.
//
// A statement that only computes cannot be cancelled inside PGlite and blocks its worker for good.
// From the start of a run until its rollback a watchdog pings the worker; when it stops
// answering, the worker is ended and a new one started and seeded, and the run learns why.
import * as Comlink from "comlink";
import type { PostgresWorkerApi } from "../../workers/postgres/api";
import { DATASETS } from "../../workers/postgres/datasets";
import { postgresState } from "./postgres-state";
import { watch } from "./watchdog";

/** Beyond the statement timeout, how long a silent worker is given before it counts as stuck. */
const STUCK_GRACE_MS = 5000;

const STUCK =
  "Postgres stopped answering: a statement kept computing past the statement timeout. Pure computation (a PL/pgSQL loop, a join of cached rows) never checks the clock inside PGlite, so it cannot be cancelled; Postgres was restarted and its tables are being seeded again.";

/** One worker and the promise that it has died (it is never revived: a new one replaces it). */
interface Instance {
  remote: Comlink.Remote<PostgresWorkerApi>;
  died: Promise<string>;
  kill: (reason: string) => void;
}

let ready: Promise<Instance> | null = null;

/** Rejects with the reason as soon as the instance dies, since a call to a dead worker never settles. */
function guard<T>(pg: Instance, call: Promise<T>): Promise<T> {
  return Promise.race([call, pg.died.then((reason) => Promise.reject(new Error(reason)))]);
}

async function seedAll(pg: Instance, reset: boolean): Promise<void> {
  const onProgress = (dataset: number) =>
    Comlink.proxy((p: { label: string; done: number; total: number }) =>
      postgresState.setState({ phase: "seeding", label: p.label, fraction: (dataset + (p.total ? p.done / p.total : 0)) / DATASETS.length }),
    );
  if (reset) await guard(pg, pg.remote.reset(onProgress(0)));
  else {
    for (const [i, dataset] of DATASETS.entries()) {
      const started = performance.now();
      await guard(pg, pg.remote.seed(dataset, {}, onProgress(i)));
      // On the page's performance timeline, where `npm run bench` (postgres.seed_1m) reads it.
      performance.measure(`postgres seed ${dataset}`, { start: started });
    }
  }
}

function spawn(): Instance {
  const worker = new Worker(new URL("../../workers/postgres/worker.ts", import.meta.url), { type: "module", name: "postgres" });
  let kill!: (reason: string) => void;
  const died = new Promise<string>((resolve) => {
    kill = (reason) => {
      worker.terminate();
      resolve(reason);
    };
  });
  return { remote: Comlink.wrap<PostgresWorkerApi>(worker), died, kill };
}

/** Starts and seeds Postgres once; later calls get the same promise (a new one after a restart). */
function start(restarting = false): Promise<Instance> {
  ready ??= (async () => {
    postgresState.setState({ phase: "starting", label: "Downloading Postgres", fraction: 0, error: null, restarting });
    const pg = spawn();
    const started = performance.now();
    await guard(
      pg,
      pg.remote.start(
        Comlink.proxy((p: { label: string; done: number; total: number }) =>
          postgresState.setState({ phase: "starting", label: p.label, fraction: p.total ? p.done / p.total : 0 }),
        ),
      ),
    );
    performance.measure("postgres start", { start: started });
    await seedAll(pg, false);
    postgresState.setState({ phase: "ready", label: "Postgres is ready", fraction: 1, restarting: false });
    return pg;
  })();
  ready.catch((e: Error) => {
    postgresState.setState({ phase: "failed", error: `Postgres could not start: ${e.message}` });
    ready = null;
  });
  return ready;
}

export async function startPostgres(): Promise<void> {
  await start();
}

/** Ends a stuck worker and starts a fresh one in its place. */
function restart(pg: Instance, reason: string): void {
  pg.kill(reason);
  ready = null;
  void start(true).catch(() => {});
}

/** Rebuilds the datasets (the learner's "Reset database"). */
export async function resetDatabase(): Promise<void> {
  const pg = await start();
  await seedAll(pg, true);
  postgresState.setState({ phase: "ready", label: "Postgres is ready", fraction: 1 });
}

/**
 * Opens a run: a transaction with the lesson's statement timeout, and a port for the sandbox.
 * `finish` rolls everything back; call it however the run ended (done, stopped, timed out).
 * `failure` settles with the reason if Postgres had to be restarted during the run.
 */
export async function preparePostgresRun(statementTimeoutMs: number): Promise<{ port: MessagePort; finish: () => Promise<void>; failure: Promise<string> }> {
  const pg = await start();
  const dog = watch({ ping: () => pg.remote.ping(), limitMs: statementTimeoutMs + STUCK_GRACE_MS, onStuck: () => restart(pg, STUCK) });
  try {
    const channel = new MessageChannel();
    await guard(pg, pg.remote.beginRun({ statementTimeoutMs }));
    await guard(pg, pg.remote.connect(Comlink.transfer(channel.port1, [channel.port1])));
    return {
      port: channel.port2,
      failure: pg.died,
      finish: async () => {
        try {
          await guard(pg, pg.remote.endRun());
        } catch {
          // The worker died: its transaction died with it.
        } finally {
          dog.stop();
        }
      },
    };
  } catch (e) {
    dog.stop();
    throw e;
  }
}
