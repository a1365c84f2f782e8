// `playground/tasks` as lesson code imports it (types in learner-api.ts): asyncio's event loop in
// virtual time. Each `run(main)` is a fresh loop (asyncio.run); its events are stamped on the
// run's axis from where the previous loop's ended (or from now on the run's clock, if later), and
// numbered, as pool's simulations are: a loop's virtual second costs no real time, so its events
// cannot be stamped with the run's clock itself. While a loop runs it places its time on the run's
// clock (env.placeClock), so another engine used from its tasks — a FastAPI app's request made
// by a task, its endpoint awaiting the loop — stamps its events on the same axis, in loop time.
// What the loop reports (a task destroyed while pending, an exception never retrieved) goes to
// the run's console, as asyncio's logger writes it.
//
// The module is hardened in the browser: per-run state lives in this factory's closure. The loop
// drives the learner's native async functions through `then` on its own futures (loop.ts), which
// works the same in the locked-down realm (lockdown.test.ts runs it there).
import type { TraceEvent } from "../trace.ts";
import { EventLoop, type ExceptionContext } from "./loop.ts";
import { runToOutcome } from "./runner.ts";
import { sleep, gather, waitFor, shield, runningLoop } from "./combinators.ts";
import { coro } from "./coroutine.ts";
import { Event, Lock, Queue, TaskSet } from "./sync.ts";
import { createTask, currentTask, allTasks, callSoon, callLater, cpu, createFuture, toThread, toProcess, gc } from "./api.ts";
import { CancelledError, GeneratorExit, InvalidStateError, QueueEmpty, QueueFull, TimeoutError, label } from "./errors.ts";
import { measureWorkersOn, type WorkerPool } from "./real-workers.ts";
import { queuePlayground } from "./queue/playground.ts";
import type { TasksTrace } from "./trace.ts";
import type { InjectedEvent } from "../injections.ts";
import type { JobQueue } from "./queue/types.ts";
import { scheduleCrashes } from "./injected.ts";
import type * as LearnerApi from "./learner-api.ts";

export interface TasksModuleEnv {
  now(): number;
  trace(event: TraceEvent): void;
  /** The run's console: where the loop's own reports are written. */
  log?(level: "log" | "info" | "warn" | "error", text: string): void;
  /** Real Web Workers for measureWorkers (the cluster's machinery), or null when the lesson has none. */
  workers?: WorkerPool | null;
  /** Built inside a worker of measureWorkers or of a cluster, which cannot start workers of its own. */
  inWorker?: boolean;
  /** Puts the running loop's placed time on the run's clock until released (the sandbox's run-clock.ts). */
  placeClock?(placed: () => number): () => void;
  /** What the page asked this run to inject (workers/injections.ts, already read): crashes, by run() number. */
  injected?: readonly InjectedEvent[];
}

export const MEASURE_IN_WORKER =
  "measureWorkers() ran inside a worker: each worker imports your module afresh, so a call at its top level runs there too. Guard it with `if (isMainThread)`, as Python guards a process pool with `if __name__ == \"__main__\":`";

/** Python's repr of an exception: ValueError('boom'). */
function excRepr(exc: unknown): string {
  const text = label(exc);
  const colon = text.indexOf(": ");
  return colon < 0 ? `${text}()` : `${text.slice(0, colon)}('${text.slice(colon + 2)}')`;
}

/**
 * How asyncio's default exception handler words a report (base_events.py, logged by
 * logger.error): the message, the object it is about (`task:` for a task destroyed pending or one
 * that failed during shutdown, `future:` for an exception never retrieved), and the exception's
 * last traceback line.
 */
export function reportText(ctx: ExceptionContext): string {
  const exc = ctx.exception === undefined ? "" : ` exception=${excRepr(ctx.exception)}`;
  let subject = "";
  if (ctx.message === "Task was destroyed but it is pending!") subject = `\ntask: <Task pending name='${ctx.name}'>`;
  else if (ctx.message === "Task exception was never retrieved") subject = `\nfuture: <Task finished name='${ctx.name}'${exc}>`;
  else if (ctx.message === "Future exception was never retrieved") subject = `\nfuture: <Future finished${exc}>`;
  else if (ctx.name !== undefined) subject = `\ntask: <Task finished name='${ctx.name}'${exc}>`;
  return `${ctx.message}${subject}${ctx.exception === undefined ? "" : `\n${label(ctx.exception)}`}`;
}

export function tasksModule(env: TasksModuleEnv): typeof LearnerApi {
  let axisEnd = 0;
  let loops = 0;
  const log = (text: string) => (env.log ? env.log("error", text) : console.error(text));

  // The loop now running, for what other engines on it report in loop ms (the queues, their Redis),
  // and the job queues made in it (where the page's injected crashes find their worker).
  let current = { loop: 0, base: 0, queues: [] as JobQueue<unknown>[] };
  const onAxis = (event: { t: number; loop?: number }, end = event.t) => {
    event.t += current.base;
    event.loop = current.loop;
    axisEnd = Math.max(axisEnd, end + current.base);
    env.trace(event as TraceEvent);
  };
  // The queue's events and its Redis's are copied: the loop's own are fresh objects kept nowhere.
  const queues = queuePlayground({ trace: (event) => onAxis({ ...event }) });

  /** Notes a queue as made in the running run(), for the page's crashes. */
  const made = <Q extends JobQueue<never>>(queue: Q): Q => {
    current.queues.push(queue as unknown as JobQueue<unknown>);
    return queue;
  };

  async function run<T>(main: () => PromiseLike<T> | T): Promise<T> {
    if (typeof main !== "function") throw new TypeError("run() takes an async function: run(async () => { … }), not its promise");
    if (EventLoop.running) throw new Error("asyncio.run() cannot be called from a running event loop");
    const base = Math.max(axisEnd, env.now());
    const tracer = (event: TasksTrace) => onAxis(event, event.t + (event.kind === "loop-blocked" ? event.durationMs : 0));
    const eventLoop = new EventLoop({ tracer, exceptionHandler: (ctx) => log(reportText(ctx)) });
    // Placed before this loop becomes the current one: a refusal leaves the running loop's numbering alone.
    const release = env.placeClock?.(() => base + eventLoop.time());
    current = { loop: ++loops, base, queues: [] };
    const madeHere = current.queues;
    const crashes = (env.injected ?? []).filter((e) => e.action === "crash" && e.loop === current.loop);
    const unlanded = crashes.length > 0 ? scheduleCrashes(eventLoop, crashes, () => madeHere, tracer) : null;
    let outcome;
    try {
      outcome = await runToOutcome(main, { loop: eventLoop });
    } finally {
      unlanded?.();
      release?.();
    }
    axisEnd = Math.max(axisEnd, base + eventLoop.time());
    if (outcome.ok) return outcome.value;
    throw outcome.error;
  }

  return {
    run,
    createTask: createTask as unknown as typeof LearnerApi.createTask,
    sleep,
    gather: gather as unknown as typeof LearnerApi.gather,
    waitFor: waitFor as unknown as typeof LearnerApi.waitFor,
    shield: shield as unknown as typeof LearnerApi.shield,
    coro,
    callSoon,
    callLater,
    cpu,
    createFuture: createFuture as unknown as typeof LearnerApi.createFuture,
    currentTask: currentTask as unknown as typeof LearnerApi.currentTask,
    allTasks: allTasks as unknown as typeof LearnerApi.allTasks,
    toThread,
    toProcess: toProcess as unknown as typeof LearnerApi.toProcess,
    gc,
    loopTime: () => runningLoop().time(),
    Event,
    Lock,
    Queue,
    TaskSet: TaskSet as unknown as typeof LearnerApi.TaskSet,
    CancelledError,
    TimeoutError,
    InvalidStateError,
    QueueEmpty,
    QueueFull,
    GeneratorExit,
    isMainThread: !env.inWorker,
    createRedis: (options) => queues.createRedis({ seed: options?.seed }),
    durableQueue: async (redis, options) => made(await queues.durableQueue(redis, { ...options, trace: undefined })),
    memoryQueue: (options) => made(queues.memoryQueue({ ...options, trace: undefined })),
    queueControls: queues.queueControls,
    measureWorkers: async (options) => {
      if (env.inWorker) throw new Error(MEASURE_IN_WORKER);
      return measureWorkersOn(env.workers ?? null, options, { now: env.now, trace: (e) => env.trace(e) });
    },
  };
}
