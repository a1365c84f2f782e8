// What `playground/tasks` reports: one event per change of a task's life (the lanes of the event
// loop view), the stretches when the loop thread was blocked (cpu work), and each hand-over of
// the GIL between the loop thread and worker threads. Times are the loop's virtual milliseconds,
// placed on the run's axis by playground.ts; measureWorkers' figures are real milliseconds.

interface TasksTraceBase {
  t: number;
  source: "tasks";
  /** Which run() of the lesson's run the event belongs to (1, 2, …): playground.ts numbers them. */
  loop?: number;
}

export type TaskPhase = "created" | "started" | "awaited" | "resumed" | "finished" | "cancelled" | "destroyed";

export interface TaskTrace extends TasksTraceBase {
  kind: "task";
  phase: TaskPhase;
  task: string;
  /** awaited: what the task now waits for (a task's name, "future", "sleep", "yield"). */
  on?: string;
  /** finished: "returned <json>" or "raised <label>". */
  outcome?: string;
}

export interface LoopBlockedTrace extends TasksTraceBase {
  kind: "loop-blocked";
  /** The task whose step blocked the loop (null for a plain callback). */
  task: string | null;
  durationMs: number;
}

export interface GilTrace extends TasksTraceBase {
  kind: "gil";
  /** The thread that had the GIL last ("loop" is the event loop's thread), null when it was free. */
  from: string | null;
  to: string;
}

/** measureWorkers: the same jobs on `workers` real Web Workers, timed on the run's clock (`t` is when the jobs were sent). */
export interface WorkersMeasuredTrace extends TasksTraceBase {
  kind: "workers-measured";
  exportName: string;
  jobs: number;
  workers: number;
  ms: number;
  /** The first measurement's time over this one. */
  speedup: number;
}

/**
 * What became of an event the page injected into this run() (workers/injections.ts), at the loop
 * ms it landed: the worker crashed, or why nothing was. `loop-ended`: the run() ended (at `t`)
 * before that moment came.
 */
export interface InjectedTrace extends TasksTraceBase {
  kind: "injected";
  action: "crash";
  worker: string;
  /** The loop ms the page asked for; the event's own time is when it landed (later only past a blocked loop). */
  atMs: number;
  /** The loop ms it landed at, or at which the run() ended without it. */
  loopMs: number;
  outcome: "crashed" | "no-such-worker" | "not-running" | "loop-ended";
  /** crashed: the worker's queue and the jobs it held; not-running: the queue and the worker's state. */
  queue?: string;
  holding?: string[];
  state?: string;
  /** no-such-worker: the workers this run() had. */
  workers?: string[];
}

export type TasksTrace = TaskTrace | LoopBlockedTrace | GilTrace | WorkersMeasuredTrace | InjectedTrace;

export type TasksTracer = (event: TasksTrace) => void;
