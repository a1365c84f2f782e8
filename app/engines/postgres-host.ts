// The page's Postgres: one worker for the whole page (PGlite), started the first time a lesson
// needs it, each dataset seeded the first time a lesson reads it (once per page load), with the
// progress in a store the UI renders. It lives outside the sandbox so a stopped run never loses
// the database; each run gets a fresh port to it and its own transaction, rolled back when the
// run ends.
//
// A statement that only computes cannot be cancelled inside PGlite and blocks its worker for good.
// From the start of a run until its rollback a watchdog pings the worker; when it stops
// answering, the worker is ended and a new one started and seeded, and the run learns why.
//
// The worker speaks a narrow protocol (workers/postgres/protocol.ts): the page may ask it to
// start, seed, reset, report its status, begin and end a run (always a rollback) and hand a run
// its port; the sandbox's port carries the run's statements only, and dies with the run.
import { connectHost, type PostgresHostClient } from "../../workers/postgres/host-client";
import type { DatasetName } from "../../workers/postgres/dataset-names";
import type { SeedProgress } from "../../workers/postgres/engine";
import type { StartProgress } from "../../workers/postgres/protocol";
import { postgresState, type PostgresState } from "./postgres-state";
import { BOOT_MS, createProgressBar, seedPart, silentEstimate, weightOf, type PartKey, type ProgressBar } from "./postgres-progress";
import { watch } from "./watchdog";

/** Beyond the statement timeout, how long a silent worker is given before it counts as stuck. */
const STUCK_GRACE_MS = 5000;

const STUCK =
  "Postgres stopped answering: a statement kept computing past the statement timeout. Pure computation over rows already in memory (a join of small cached tables) never checks the clock inside PGlite, so it cannot be cancelled; Postgres was restarted and its tables are being seeded again.";

/** One worker and the promise that it has died (it is never revived: a new one replaces it). */
interface Instance {
  remote: PostgresHostClient;
  died: Promise<string>;
  kill: (reason: string) => void;
  /** Datasets seeded or being seeded, in the order asked for. */
  seeding: Map<DatasetName, Promise<void>>;
  /** Datasets still being seeded: until none is, Postgres is not ready. */
  pending: Set<DatasetName>;
}

let ready: Promise<Instance> | null = null;
/** The live instance (a stuck one is dropped before it is ended). */
let current: Instance | null = null;

/** Rejects with the reason as soon as the instance dies, since a call to a dead worker never settles. */
function guard<T>(pg: Instance, call: Promise<T>): Promise<T> {
  return Promise.race([call, pg.died.then((reason) => Promise.reject(new Error(reason)))]);
}

/** The bar of the wait going on (postgres-progress.ts); null between waits, so the next starts at 0. */
let bar: ProgressBar | null = null;
/** Moves the bar through work that says nothing while it runs (showSilent), until the next report. */
let silent: ReturnType<typeof setInterval> | undefined;

/** The parts a wait is about to go through, known up front so the bar's total is right from the start. */
function plan(keys: PartKey[]): void {
  if (keys.length === 0) return; // a Run with everything seeded starts no wait
  bar ??= createProgressBar();
  for (const key of keys) bar.add(key, weightOf(key));
}

/** Forgets the wait going on, so the next one starts from nothing. */
function dropWait(): void {
  clearInterval(silent);
  bar = null;
}

/** The wait is over (Postgres is ready, or failed). */
function endWait(state: Partial<PostgresState>): void {
  dropWait();
  postgresState.setState(state);
}

function report(phase: PostgresState["phase"], label: string, key: PartKey, fraction: number): void {
  plan([key]);
  postgresState.setState({ phase, label, fraction: bar!.report(key, fraction) });
}

/** Part `key` of the wait is `fraction` done; the bar shows the whole wait, and only forward. */
function show(phase: PostgresState["phase"], label: string, key: PartKey, fraction: number): void {
  clearInterval(silent);
  report(phase, label, key, fraction);
}

/**
 * Part `key` is `from` done and works towards `to` without a word, usually for about `usualMs`
 * (the boot; one seed step, such as building the GIN index): rather than stand still, the bar
 * follows the estimate until the next report says where the work is.
 */
function showSilent(phase: PostgresState["phase"], label: string, key: PartKey, from: number, to: number, usualMs: number): void {
  show(phase, label, key, from);
  const since = performance.now();
  silent = setInterval(() => report(phase, label, key, from + (to - from) * silentEstimate(performance.now() - since, usualMs)), 200);
}

/** A seed's or a reset's report: each step is silent until the next one starts. */
function showSeeding(p: SeedProgress): void {
  if (p.total <= 0) return show("seeding", p.label, seedPart(p.dataset), 0);
  showSilent("seeding", p.label, seedPart(p.dataset), p.done / p.total, (p.done + p.step) / p.total, p.step);
}

const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);

/** Seeds the datasets this instance has not seeded yet, one after another (Postgres runs one statement at a time). */
async function seed(pg: Instance, datasets: readonly DatasetName[]): Promise<void> {
  for (const dataset of datasets) {
    if (!pg.seeding.has(dataset)) {
      const previous = [...pg.seeding.values()].at(-1) ?? Promise.resolve();
      const seeded = previous
        .catch(() => {}) // another dataset's failure is reported by its own caller
        .then(async () => {
          const started = performance.now();
          await guard(pg, pg.remote.seed(dataset, showSeeding));
          // On the page's performance timeline, where `npm run bench` (postgres.seed_1m) reads it.
          performance.measure(`postgres seed ${dataset}`, { start: started });
        });
      pg.seeding.set(dataset, seeded);
      pg.pending.add(dataset);
      void seeded.finally(() => pg.pending.delete(dataset)).catch(() => {});
      seeded.catch((e: Error) => {
        // Forgotten, so the next lesson or run asks again.
        if (pg.seeding.get(dataset) === seeded) pg.seeding.delete(dataset);
        if (pg === current) endWait({ phase: "failed", error: `Postgres could not load ${dataset}: ${e.message}` });
      });
    }
  }
  await Promise.all(datasets.map((d) => pg.seeding.get(d)));
  // Another lesson's dataset may still be loading: ready means every one asked for is in.
  if (pg === current && pg.pending.size === 0) {
    endWait({ phase: "ready", label: "Postgres is ready", fraction: 1, restarting: false, datasets: [...pg.seeding.keys()] });
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
  return { remote: connectHost(worker), died, kill, seeding: new Map(), pending: new Set() };
}

/** Starts Postgres once; later calls get the same promise (a new one after a restart). */
function boot(restarting = false): Promise<Instance> {
  ready ??= (async () => {
    plan(["download", "boot"]);
    postgresState.setState({ error: null, restarting });
    show("starting", "Downloading Postgres", "download", 0);
    const pg = spawn();
    const started = performance.now();
    const onProgress = (p: StartProgress) => {
      if (p.phase === "download") return show("starting", `Downloading Postgres (${megabytes(p.done)} of ${megabytes(p.total)} MB)`, "download", p.total ? p.done / p.total : 0);
      report("starting", "Starting Postgres", "download", 1);
      // initdb and starting Postgres say nothing until they are done.
      if (p.done < p.total) showSilent("starting", "Starting Postgres", "boot", 0, 1, BOOT_MS);
      else show("starting", "Starting Postgres", "boot", 1);
    };
    await guard(pg, pg.remote.start(onProgress));
    show("starting", "Starting Postgres", "boot", 1);
    performance.measure("postgres start", { start: started });
    current = pg;
    return pg;
  })();
  ready.catch((e: Error) => {
    endWait({ phase: "failed", error: `Postgres could not start: ${e.message}` });
    ready = null;
  });
  return ready;
}

/** Postgres started, with `datasets` seeded. */
async function start(datasets: readonly DatasetName[]): Promise<Instance> {
  plan(datasets.filter((d) => !current?.seeding.has(d)).map(seedPart));
  const pg = await boot();
  await seed(pg, datasets);
  return pg;
}

export async function startPostgres(datasets: readonly DatasetName[]): Promise<void> {
  await start(datasets);
}

/** Ends a stuck worker and starts a fresh one in its place, seeded as the old one was. */
function restart(pg: Instance, reason: string): void {
  current = null;
  pg.kill(reason);
  ready = null;
  const datasets = [...pg.seeding.keys()];
  dropWait(); // the wait starts again from nothing
  plan(datasets.map(seedPart));
  void boot(true)
    .then((fresh) => seed(fresh, datasets))
    .catch(() => {});
}

/** Rebuilds the seeded datasets (the learner's "Reset database"). */
export async function resetDatabase(): Promise<void> {
  const pg = await boot();
  await Promise.all(pg.seeding.values());
  plan([...pg.seeding.keys()].map(seedPart));
  postgresState.setState({ phase: "seeding", label: "Rebuilding the data", fraction: 0 });
  await guard(pg, pg.remote.reset(showSeeding));
  endWait({ phase: "ready", label: "Postgres is ready", fraction: 1 });
}

/**
 * Opens a run: a transaction with the lesson's statement timeout, and a port for the sandbox.
 * `finish` rolls everything back and resets the session; call it however the run ended (done,
 * stopped, timed out). `failure` settles with the reason if Postgres had to be restarted during
 * the run.
 */
export async function preparePostgresRun(
  statementTimeoutMs: number,
  datasets: readonly DatasetName[],
): Promise<{ port: MessagePort; finish: () => Promise<void>; failure: Promise<string> }> {
  const pg = await start(datasets);
  const dog = watch({ ping: () => pg.remote.ping(), limitMs: statementTimeoutMs + STUCK_GRACE_MS, onStuck: () => restart(pg, STUCK) });
  let run: number | null = null;
  try {
    const channel = new MessageChannel();
    run = await guard(pg, pg.remote.beginRun(statementTimeoutMs));
    await guard(pg, pg.remote.connect(run, channel.port1));
    const opened = run;
    return {
      port: channel.port2,
      failure: pg.died,
      finish: async () => {
        let escaped = false;
        try {
          ({ escaped } = await guard(pg, pg.remote.endRun(opened)));
        } catch {
          // The worker died: its transaction died with it.
        } finally {
          dog.stop();
        }
        // A statement left the run's transaction by a door nobody foresaw: what it did may have
        // been committed, so the seeded data is rebuilt.
        if (escaped) void resetDatabase().catch(() => {});
      },
    };
  } catch (e) {
    dog.stop();
    if (run !== null) void guard(pg, pg.remote.endRun(run)).catch(() => {});
    throw e;
  }
}
