// The engines that live outside the sandbox (docs/architecture.md, "Hosted engines"): costly to
// build and meant to outlive a stopped run, each runs in its own worker beside the page, and a
// host on the page (`workers/<engine>/host.ts`) starts it for a lesson and hands each run a port
// to it. A lesson names the ones it uses in its front matter (`engines: [postgres]`); the build
// takes the names it allows from HOSTED_ENGINES, the page loads a lesson's hosts through it.
//
// The page's first paint must not load an engine: each host is loaded with import() only when a
// lesson needs it. The build reads only the names (hosted-engine-names.ts).
import type { DatasetName } from "../postgres/dataset-names.ts";
import type { HostedEngineName } from "./hosted-engine-names.ts";

export { HOSTED_ENGINE_NAMES, isHostedEngine, type HostedEngineName } from "./hosted-engine-names.ts";

/**
 * One line per hosted engine: its name (front matter, port name) and its host's module, whose
 * default export is the page's host.
 */
export const HOSTED_ENGINES = {
  postgres: () => import("../postgres/host.ts"),
  cluster: () => import("../cluster/page-host.ts"),
} satisfies Record<HostedEngineName, () => Promise<{ default: HostedEngine }>>;

/** The host the page gets for `name`. */
export type HostOf<N extends HostedEngineName> = Awaited<ReturnType<(typeof HOSTED_ENGINES)[N]>>["default"];


/** What a host reads of a lesson's front matter (build/lessons.ts LessonMeta). */
export interface HostedLesson {
  /** The lesson's time limit for a run. */
  timeoutMs: number;
  /** The Postgres datasets the lesson reads. */
  datasets: readonly DatasetName[];
}

/** One run's connection to a hosted engine. */
export interface PreparedRun {
  /** Handed to the sandbox (transferred) as the engine's port; it goes dead when the run ends. */
  port: MessagePort;
  /** Closes the run however it ended (done, stopped, timed out), after the sandbox's worker is gone. */
  finish(): Promise<void>;
  /** Settles with the reason if the engine failed during the run (it was restarted meanwhile). */
  failure: Promise<string>;
}

/** A store's reading side (zustand's), so the page renders the host's state but cannot set it. */
export interface ReadableStore<State> {
  getState(): State;
  getInitialState(): State;
  subscribe(listener: (state: State, previous: State) => void): () => void;
}

export interface HostedEngine<State = unknown> {
  /** Its name in HOSTED_ENGINES, which is also its port's name in the sandbox (ModuleEnv.port). */
  readonly name: string;
  /** How messages name it: "Stopped: Postgres stopped answering". */
  readonly label: string;
  /** What its status component (app/engines) renders: starting, progress, ready, failed. */
  readonly state: ReadableStore<State>;
  /** What a Run started now would wait for, said so the learner knows (short: it fits the toolbar); null when it would not wait. */
  runWaitsFor(): string | null;
  /** Starts the engine with what `lesson` needs, as the lesson opens; a run prepared meanwhile waits for it. */
  start(lesson: HostedLesson): Promise<void>;
  /** Opens a run for `lesson` (under the lesson's limits), starting the engine first if need be. */
  prepareRun(lesson: HostedLesson): Promise<PreparedRun>;
  /** Puts the engine's data back as it was first built (the learner's "Reset database"). */
  reset?(): Promise<void>;
}


/** The hosts of `names`, loaded (each module once per page). */
export function loadHostedEngines(names: readonly HostedEngineName[]): Promise<HostedEngine[]> {
  return Promise.all(names.map((name) => HOSTED_ENGINES[name]().then((module) => module.default)));
}

/** The hosted engines' side of one run: a port per engine by name, one failure, one finish. */
export interface HostedRun {
  ports: Record<string, MessagePort>;
  /** Settles with the first engine that failed during the run, and why. */
  failure: Promise<{ label: string; reason: string }>;
  /** Finishes every engine's run; never rejects. */
  finish(): Promise<void>;
}

/**
 * Prepares a run of `lesson` on each of `hosts`, all at once. If one cannot, the runs the others
 * opened are finished and its error is thrown.
 */
export async function prepareHostedRun(hosts: readonly HostedEngine[], lesson: HostedLesson): Promise<HostedRun> {
  const settled = await Promise.allSettled(hosts.map((host) => host.prepareRun(lesson)));
  const opened = settled.flatMap((s, i) => (s.status === "fulfilled" ? [{ host: hosts[i], run: s.value }] : []));
  const finish = async () => {
    await Promise.all(opened.map(({ run }) => run.finish().catch(() => {})));
  };
  const refused = settled.find((s) => s.status === "rejected");
  if (refused) {
    await finish();
    throw refused.reason;
  }
  return {
    ports: Object.fromEntries(opened.map(({ host, run }) => [host.name, run.port])),
    failure: Promise.race(opened.map(({ host, run }) => run.failure.then((reason) => ({ label: host.label, reason })))),
    finish,
  };
}
