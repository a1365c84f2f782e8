// The page's Postgres, as a hosted engine (docs/architecture.md, "Hosted engines"): one worker
// for the whole page (PGlite), started the first time a lesson needs it, each dataset seeded the
// first time a lesson reads it (once per page load), or loaded with it from the copy kept by an
// earlier visit (kept-copy.ts), with the progress in a store the status bar
// renders (state.ts). It lives outside the sandbox so a stopped run never loses the database; each
// run gets a fresh port to it and its own transaction, rolled back when the run ends.
//
// A statement that only computes cannot be cancelled inside PGlite and blocks its worker for good.
// From the start of a run until its rollback a watchdog (watchdog.ts) pings the worker; when it
// stops answering, the worker is ended and a new one started and seeded, and the run learns why.
//
// The worker speaks a narrow protocol (protocol.ts): the host may ask it to start, seed, reset,
// report its status, begin and end a run (always a rollback) and hand a run its port; the
// sandbox's port carries the run's statements only, and dies with the run.
//
// What the host starts as its worker is passed in: the page's host (the default export)
// starts worker.ts as a Web Worker; Node tests serve an engine in-process over a MessageChannel
// (test-host.ts) and run lessons through the same prepareRun.
import type { HostedEngine, HostedLesson, PreparedRun } from "../sandbox/hosted-engines.ts";
import type { Endpoint } from "./api.ts";
import type { DatasetName } from "./dataset-names.ts";
import type { SeedProgress } from "./engine.ts";
import { connectHost, type PostgresHostClient } from "./host-client.ts";
import type { StartProgress } from "./protocol.ts";
import { BOOT_MS, createProgressBar, seedPart, silentEstimate, weightOf, type PartKey, type ProgressBar } from "./progress.ts";
import { createPostgresState, runWaitsFor, type PostgresState } from "./state.ts";
import { watch } from "./watchdog.ts";

/** The longest a run's statement may take: the lesson's time limit, up to this. */
const MAX_STATEMENT_TIMEOUT_MS = 5000;

/** Beyond the statement timeout, how long a silent worker is given before it counts as stuck. */
const STUCK_GRACE_MS = 5000;

const STUCK =
  "Postgres stopped answering: a statement kept computing past the statement timeout. Pure computation over rows already in memory (a join of small cached tables) never checks the clock inside PGlite, so it cannot be cancelled; Postgres was restarted and its tables are being seeded again.";

/** A worker serving the main scope of protocol.ts (api.ts serveHost), which the host may end. */
export interface PostgresWorker extends Endpoint {
  terminate(): void;
}

export interface PostgresHostOptions {
  /** Starts a worker; called again for a fresh one when the last got stuck. */
  spawn: () => PostgresWorker;
}

export interface PostgresHost extends HostedEngine<PostgresState> {
  reset(): Promise<void>;
  /**
   * Starts the worker and has it fetch and compile PGlite, without booting it: the home page
   * calls it when idle, so a Postgres lesson opened next skips the download.
   */
  prepare(): void;
}

/** One worker and the promise that it has died (it is never revived: a new one replaces it). */
interface Instance {
  remote: PostgresHostClient;
  died: Promise<string>;
  kill: (reason: string) => void;
  /** Datasets seeded or being seeded, in the order asked for. */
  seeding: Map<DatasetName, Promise<void>>;
  /** Datasets still being seeded: until none is, Postgres is not ready. */
  pending: Set<DatasetName>;
  /**
   * Whether a kept copy holds every dataset seeded here (it was loaded from one, or keeping its
   * datasets succeeded): then a reset or a restart loads it instead of seeding again.
   */
  kept: boolean;
  /** Keeping the seeded datasets is under way. */
  keeping: Promise<void> | null;
}

/** Rejects with the reason as soon as the instance dies, since a call to a dead worker never settles. */
function guard<T>(pg: Instance, call: Promise<T>): Promise<T> {
  return Promise.race([call, pg.died.then((reason) => Promise.reject(new Error(reason)))]);
}

const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);

export function createPostgresHost({ spawn }: PostgresHostOptions): PostgresHost {
  const state = createPostgresState();
  let ready: Promise<Instance> | null = null;
  /** The live instance (a stuck one is dropped before it is ended). */
  let current: Instance | null = null;

  /** The bar of the wait going on (progress.ts); null between waits, so the next starts at 0. */
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
  function endWait(next: Partial<PostgresState>): void {
    dropWait();
    state.setState(next);
  }

  function report(phase: PostgresState["phase"], label: string, key: PartKey, fraction: number): void {
    plan([key]);
    state.setState({ phase, label, fraction: bar!.report(key, fraction) });
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

  /** Seeds the datasets this instance has not seeded yet, one after another (Postgres runs one statement at a time). */
  async function seed(pg: Instance, datasets: readonly DatasetName[]): Promise<void> {
    for (const dataset of datasets) {
      if (!pg.seeding.has(dataset)) {
        const previous = [...pg.seeding.values()].at(-1) ?? Promise.resolve();
        const seeded = previous
          .catch(() => {}) // another dataset's failure is reported by its own caller
          .then(async () => {
            const started = performance.now();
            // The raw generate_series part of the seed (its "rows" steps), measured apart for
            // `npm run bench` (postgres.ready_cold's peer).
            let rowsFrom: number | null = null;
            let measured = false;
            const onProgress = (p: SeedProgress) => {
              if (p.phase === "rows") rowsFrom ??= performance.now();
              else if (rowsFrom !== null && !measured) {
                performance.measure(`postgres seed ${dataset} rows`, { start: rowsFrom });
                measured = true;
              }
              showSeeding(p);
            };
            await guard(pg, pg.remote.seed(dataset, onProgress));
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
      keep(pg);
    }
  }

  /**
   * Keeps what was just seeded for the next visit, tab, reset or restart (kept-copy.ts), once
   * Postgres is ready: the dump runs in the worker, so a Run started meanwhile waits for it.
   */
  function keep(pg: Instance): void {
    if (pg.kept || pg.keeping) return;
    const seeded = pg.seeding.size;
    // Said on the status line: a reload before it is done seeds again.
    if (pg === current) state.setState({ keeping: true });
    pg.keeping = guard(pg, pg.remote.keep())
      .then(({ kept }) => {
        pg.kept = kept && pg.seeding.size === seeded && pg.pending.size === 0;
      })
      .catch(() => {})
      .finally(() => {
        pg.keeping = null;
        if (pg === current) state.setState({ keeping: false });
        if (pg.pending.size === 0 && !pg.kept && pg.seeding.size !== seeded) keep(pg); // a dataset came in meanwhile
      });
  }

  function instance(): Instance {
    const worker = spawn();
    let kill!: (reason: string) => void;
    const died = new Promise<string>((resolve) => {
      kill = (reason) => {
        worker.terminate();
        resolve(reason);
      };
    });
    return { remote: connectHost(worker), died, kill, seeding: new Map(), pending: new Set(), kept: false, keeping: null };
  }

  /** A worker fetching PGlite ahead of the boot (prepare), which the boot then takes. */
  let prepared: Instance | null = null;

  /**
   * Starts Postgres once, from a kept copy holding `datasets` if there is one; later calls get
   * the same promise (a new one after a restart).
   */
  function boot(datasets: readonly DatasetName[], restarting = false): Promise<Instance> {
    ready ??= (async () => {
      plan(["download", "boot"]);
      state.setState({ error: null, restarting });
      show("starting", "Downloading Postgres", "download", 0);
      const pg = prepared ?? instance();
      prepared = null;
      const started = performance.now();
      const onProgress = (p: StartProgress) => {
        if (p.phase === "download") return show("starting", `Downloading Postgres (${megabytes(p.done)} of ${megabytes(p.total)} MB)`, "download", p.total ? p.done / p.total : 0);
        report("starting", p.label, "download", 1);
        // Loading a kept copy (kept-copy.ts) says nothing until it is done either, and is quicker.
        if (p.phase === "load") return showSilent("starting", `Loading the saved database (${megabytes(p.total)} MB)`, "boot", 0, 1, BOOT_MS / 3);
        // initdb and starting Postgres (or loading a kept copy) say nothing until they are done.
        if (p.done < p.total) showSilent("starting", p.label, "boot", 0, 1, BOOT_MS);
        else show("starting", "Starting Postgres", "boot", 1);
      };
      const { loaded } = await guard(pg, pg.remote.start(datasets, onProgress));
      // Loaded from a kept copy: seeded already, and kept.
      for (const dataset of loaded) pg.seeding.set(dataset, Promise.resolve());
      pg.kept = loaded.length > 0;
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
    // A dataset a kept copy brings is not seeded: the part is then dropped from the bar's plan
    // by its being done (report), so only a first visit plans the seed.
    plan(datasets.filter((d) => !current?.seeding.has(d)).map(seedPart));
    const pg = await boot(datasets);
    for (const d of datasets) if (pg.seeding.has(d) && !pg.pending.has(d)) bar?.report(seedPart(d), 1);
    await seed(pg, datasets);
    return pg;
  }

  /**
   * Ends a worker and starts a fresh one in its place with the same datasets: loaded from the
   * kept copy when there is one, else seeded again. `reason` is what the old one's run learns.
   */
  function restart(pg: Instance, reason: string, restarting = true): Promise<Instance> {
    current = null;
    pg.kill(reason);
    ready = null;
    const datasets = [...pg.seeding.keys()];
    state.setState({ keeping: false }); // the old worker's keeping, if any, died with it
    dropWait(); // the wait starts again from nothing
    plan(datasets.map(seedPart));
    const fresh = boot(datasets, restarting).then(async (next) => {
      for (const d of datasets) if (next.seeding.has(d)) bar?.report(seedPart(d), 1);
      await seed(next, datasets);
      return next;
    });
    fresh.catch(() => {});
    return fresh;
  }

  /**
   * Puts the seeded datasets back (the learner's "Reset database"): a fresh worker loading the
   * kept copy when there is one (about a second), else each dataset seeded again in this one.
   */
  async function reset(): Promise<void> {
    const pg = await boot([]);
    await Promise.all(pg.seeding.values());
    await pg.keeping;
    if (pg.kept && pg === current) {
      await restart(pg, "Postgres was reset.", false);
      return;
    }
    plan([...pg.seeding.keys()].map(seedPart));
    state.setState({ phase: "seeding", label: "Rebuilding the data", fraction: 0 });
    await guard(pg, pg.remote.reset(showSeeding));
    endWait({ phase: "ready", label: "Postgres is ready", fraction: 1 });
  }

  /**
   * Opens a run: a transaction with the lesson's statement timeout, and a port for the sandbox.
   * `finish` rolls everything back and resets the session; `failure` settles with the reason if
   * Postgres had to be restarted during the run.
   */
  async function prepareRun(lesson: HostedLesson): Promise<PreparedRun> {
    const statementTimeoutMs = Math.min(lesson.timeoutMs, MAX_STATEMENT_TIMEOUT_MS);
    const pg = await start(lesson.datasets);
    // A run started while the copy is kept waits for it before its watchdog starts: the dump
    // holds PGlite's one thread for seconds (the run's statements would queue behind it), and a
    // silence the watchdog counted would end the worker, copy and all, as stuck.
    await pg.keeping;
    const dog = watch({ ping: () => pg.remote.ping(), limitMs: statementTimeoutMs + STUCK_GRACE_MS, onStuck: () => void restart(pg, STUCK) });
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
          if (escaped) void reset().catch(() => {});
        },
      };
    } catch (e) {
      dog.stop();
      if (run !== null) void guard(pg, pg.remote.endRun(run)).catch(() => {});
      throw e;
    }
  }

  return {
    name: "postgres",
    label: "Postgres",
    state,
    runWaitsFor: () => runWaitsFor(state.getState()),
    start: async (lesson) => {
      await start(lesson.datasets);
    },
    prepareRun,
    reset,
    prepare: () => {
      if (ready || prepared) return;
      prepared = instance();
      void prepared.remote.prepare().catch(() => {});
    },
  };
}

/**
 * The page's Postgres (workers/sandbox/hosted-engines.ts loads it): worker.ts in its own Web
 * Worker, which Vite emits as a chunk of its own.
 */
export default createPostgresHost({
  spawn: () => new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "postgres" }),
});
