// What `import … from "playground/tasks"` gives lesson code: its types, for the editor and the
// typecheck. The values come from playground.ts, built per run. The loop is CPython 3.11's asyncio
// event loop in virtual milliseconds, driving your ordinary `async` functions; names are asyncio's
// in camelCase (create_task → createTask), durations are milliseconds (asyncio's are seconds).
// Only `run` starts a loop: everything else is called inside the function you give it.

/** asyncio.Future: a result that will exist later. `await` it inside a task. */
export interface Future<T = unknown> {
  /** True once it has a result, an exception, or was cancelled. */
  done(): boolean;
  cancelled(): boolean;
  /** The result; throws the exception it finished with, CancelledError if cancelled, InvalidStateError if not done. */
  result(): T;
  /** The exception it finished with, or null. */
  exception(): unknown;
  /** Completes it: the tasks awaiting it resume on the loop's next iteration, in the order they began to wait. */
  setResult(value: T): void;
  setException(exc: unknown): void;
  /** Cancels it (the awaiting tasks get CancelledError); false if it was already done. */
  cancel(msg?: string): boolean;
  /** Scheduled with callSoon when it completes (at once if it is done already), in the order added. */
  addDoneCallback(fn: (fut: Future<T>) => void): void;
  /** Removes every registration of fn; returns how many. */
  removeDoneCallback(fn: (fut: Future<T>) => void): number;
  /** `await fut`: the loop suspends the current task on it. */
  then(onfulfilled: (value: T) => unknown, onrejected?: (reason: unknown) => unknown): void;
}

/** asyncio.Task: a Future that runs a coroutine on the loop, one step at a time. */
export interface Task<T = unknown> extends Future<T> {
  readonly name: string;
  /**
   * Requests cancellation: CancelledError is thrown into the coroutine at its current await (its
   * `finally` blocks run; it may even swallow it). False if the task is already done.
   */
  cancel(msg?: string): boolean;
  /** Destroyed by gc() while still pending (the fire-and-forget trap). */
  readonly destroyed: boolean;
  /** As Future's; fn gets the task itself (so `t.addDoneCallback((t) => set.discard(t))` types). */
  addDoneCallback(fn: (task: Task<T>) => void): void;
  removeDoneCallback(fn: (task: Task<T>) => void): number;
}

/** A coroutine not started yet (JavaScript's async functions start when called; Python's when awaited or wrapped in a task). */
export interface Coroutine<T> {
  readonly name?: string;
  /** `await coro(...)`: runs the body inline, in the awaiting task's step (no new task). */
  then(onfulfilled: (value: T) => unknown, onrejected?: (reason: unknown) => unknown): void;
}

/** What gather, waitFor and shield accept: a future or task, a coroutine, or an async function (wrapped in a task). */
export type Awaitable<T> = Future<T> | Coroutine<T> | (() => PromiseLike<T> | T);

/** A handle from callSoon / callLater. */
export interface Handle {
  /** The callback will not run (a no-op once it has). */
  cancel(): void;
  readonly cancelled: boolean;
}

/**
 * A thread's body (toThread, toProcess): a generator that yields how it spends its time —
 * `yield th.cpu(50)` (CPU work, needs the GIL), `yield th.block(50)` (I/O, releases it) — and
 * returns its result.
 */
export type { ThreadBody, ThreadContext, ThreadOp } from "./threads.ts";
import type { ThreadBody } from "./threads.ts";
import type { RedisClientType } from "../redis/client/client.ts";
import type { RedisOnLoop } from "./queue/redis-on-loop.ts";
import type { DurableQueueOptions } from "./queue/durable.ts";
import type { MemoryJobQueue, MemoryQueueOptions } from "./queue/memory.ts";
import type { JobQueue } from "./queue/types.ts";
import type { QueueControls } from "./queue/controls.ts";
export type { Handler, Job, JobQueue, QueueWorker, RetryPolicy, WorkerState } from "./queue/types.ts";
export type { MemoryJobQueue } from "./queue/memory.ts";
export type { QueueControls, WorkerView } from "./queue/controls.ts";
export type { RedisOnLoop } from "./queue/redis-on-loop.ts";
export type { RedisClientType } from "../redis/client/client.ts";

/** asyncio.Event: tasks wait until it is set. */
export declare class Event {
  constructor();
  isSet(): boolean;
  /** Wakes every waiter (they resume on the next iteration, in the order they began to wait). */
  set(): void;
  clear(): void;
  wait(): Promise<true>;
}

/** asyncio.Lock: one holder at a time; waiters get it in FIFO order. */
export declare class Lock {
  constructor();
  locked(): boolean;
  acquire(): Promise<true>;
  /** RuntimeError if it is not locked. */
  release(): void;
}

/** asyncio.Queue: FIFO; with maxsize > 0, put waits while it is full. */
export declare class Queue<T> {
  constructor(maxsize?: number);
  readonly maxsize: number;
  qsize(): number;
  empty(): boolean;
  full(): boolean;
  put(item: T): Promise<void>;
  /** QueueFull if there is no room. */
  putNowait(item: T): void;
  get(): Promise<T>;
  /** QueueEmpty if there is nothing. */
  getNowait(): T;
  /** Marks one item got earlier as processed (join waits for all of them). */
  taskDone(): void;
  join(): Promise<void>;
}

/**
 * The docs' `background_tasks = set()`: the strong references that keep fire-and-forget tasks
 * alive. Add each task and discard it in its done callback:
 * `tasks.add(t); t.addDoneCallback((t) => tasks.discard(t))`.
 */
export declare class TaskSet {
  constructor();
  add(task: Task<unknown>): void;
  discard(task: Task<unknown>): void;
  has(task: Task<unknown>): boolean;
  readonly size: number;
}

/** asyncio.CancelledError (a BaseException: if you catch everything, throw it on). */
export declare class CancelledError extends Error {}
/** The builtin TimeoutError that waitFor raises at its timeout. */
export declare class TimeoutError extends Error {}
export declare class InvalidStateError extends Error {}
export declare class QueueEmpty extends Error {}
export declare class QueueFull extends Error {}
/** Thrown into a coroutine at its await when the garbage collector destroys its task. */
export declare class GeneratorExit extends Error {}

/**
 * asyncio.run(main()): a fresh event loop runs main to completion, then shuts down as asyncio's
 * runner does (tasks still pending are cancelled, threads joined, the loop closed). Resolves to
 * main's value, or rejects with what it raised. Time inside is virtual: sleep(1000) costs nothing real.
 */
export declare function run<T>(main: () => PromiseLike<T> | T): Promise<T>;

/**
 * asyncio.create_task(coro()): pass the function, not its promise: createTask(() => work()). The
 * loop keeps only a weak reference to the task, as asyncio does: keep it yourself (a TaskSet, or
 * await it), or gc() may destroy it while it waits.
 */
export declare function createTask<T>(coro: (() => PromiseLike<T> | T) | Coroutine<T>, name?: string): Task<T>;

/** asyncio.sleep: the current task waits ms (virtual); sleep(0) yields to the other ready tasks once. */
export declare function sleep(ms: number): PromiseLike<undefined>;

/**
 * asyncio.gather: runs them concurrently and resolves to their results in order. The first
 * exception rejects it at once (the others keep running) unless `returnExceptions` puts the
 * exceptions among the results. Cancelling it cancels every child.
 */
export declare function gather<T extends unknown[] = unknown[]>(aws: readonly Awaitable<unknown>[], options?: { returnExceptions?: boolean }): Future<T>;

/**
 * asyncio.wait_for (3.11): at the timeout the inner task is cancelled, waited for, and
 * TimeoutError raised (or the inner task's value returned if it swallowed the cancel). null: no timeout.
 */
export declare function waitFor<T>(aw: Awaitable<T>, timeoutMs: number | null): Promise<T>;

/** asyncio.shield: cancelling the awaiter does not cancel the inner task. */
export declare function shield<T>(aw: Awaitable<T>): Future<T>;

/** Wraps an async function as a coroutine not started yet: coro(() => fetchUser(1), "fetch-1"). */
export declare function coro<T>(fn: () => PromiseLike<T> | T, name?: string): Coroutine<T>;

/** loop.call_soon: fn runs on a later iteration, after the handles already ready. */
export declare function callSoon(fn: () => void): Handle;

/** loop.call_later: fn runs once ms have passed (late if the loop is blocked). */
export declare function callLater(ms: number, fn: () => void): Handle;

/** CPU work on the loop's own thread (a synchronous loop, time.sleep): blocks the loop, every task and timer waits. */
export declare function cpu(ms: number): void;

/** loop.create_future(). */
export declare function createFuture<T>(): Future<T>;

/** asyncio.current_task(): the task whose step is running, or null in a callback. */
export declare function currentTask(): Task<unknown> | null;

/** asyncio.all_tasks(): the pending tasks, referenced or not. */
export declare function allTasks(): Task<unknown>[];

/** asyncio.to_thread(fn): await it; the body runs on a worker thread under the GIL (switch interval 5 ms). */
export declare function toThread<T>(body: ThreadBody<T>, name?: string): Coroutine<T>;

/**
 * loop.run_in_executor(ProcessPoolExecutor(2), fn): the body runs in one of two child processes,
 * each with its own GIL; arguments and results are pickled both ways (that costs time too).
 */
export declare function toProcess<T>(body: ThreadBody<T>, name?: string): Future<T>;

/** gc.collect(): destroys the pending tasks nothing references ("Task was destroyed but it is pending!"). Await it. */
export declare function gc(): Promise<void>;

/** The loop's clock: virtual milliseconds since run() started it. */
export declare function loopTime(): number;

/**
 * A Redis server (7.0, streams included) on the running loop's clock, so a 30 s visibility timeout
 * passes in no real time; `createClient()` gives node-redis-style clients. Call it inside run().
 */
export declare function createRedis(options?: { seed?: number }): RedisOnLoop;

/**
 * A durable job queue on a Redis stream and consumer group: producers XADD, workers (tasks on
 * the loop) XREADGROUP and XACK on success; a crashed worker's jobs are reclaimed with XAUTOCLAIM
 * after the visibility timeout; retries back off by the delivery count; past maxDeliveries a job
 * goes to `<stream>:dead`. Delivery is at least once: `job.once(effect)` keys the side effect.
 */
export declare function durableQueue<P = unknown>(redis: RedisClientType, options?: Omit<DurableQueueOptions, "trace">): Promise<JobQueue<P>>;

/** The same interface over a JavaScript array: a job a crashed worker held is lost. */
export declare function memoryQueue<P = unknown>(options?: Omit<MemoryQueueOptions, "trace">): MemoryJobQueue<P>;

/** A queue's workers as plain data, and crash / restart by name (what the page's buttons call). */
export declare function queueControls(queue: JobQueue<unknown>): QueueControls;

/** One measurement of measureWorkers: the same jobs on `workers` real Web Workers. */
export interface WorkerTiming {
  workers: number;
  /** Wall-clock milliseconds from the first job sent to the last result back. */
  ms: number;
  /** The 1-worker time over this one (1 for the first). */
  speedup: number;
}

export interface MeasureOptions {
  /** The exported function of your module each worker runs (a CPU-bound one, synchronous). */
  exportName: string;
  /** One argument list per job: the jobs are dealt to the workers in turn. */
  jobs: unknown[][];
  /** The worker counts to measure, in order; default [1, 2, 4]. At most 4 each. */
  workers?: number[];
}

/**
 * False inside a worker of measureWorkers, which imports your module afresh: guard the module's
 * own measureWorkers call with `if (isMainThread)` (Node's worker_threads name; Python's
 * `if __name__ == "__main__":`, which a process pool needs for the same reason).
 */
export declare const isMainThread: boolean;

/**
 * The real thing beside the simulation: the same CPU-bound export of your module on 1, 2 and 4
 * real Web Workers (each imports your module afresh, in the sandbox's lockdown), timed for real.
 * Call it from the lesson's main code, outside run(), under `if (isMainThread)`. Needs the lesson's
 * `cluster` engine.
 */
export declare function measureWorkers(options: MeasureOptions): Promise<WorkerTiming[]>;
