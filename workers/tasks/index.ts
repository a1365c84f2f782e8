// The tasks engine (docs/architecture.md, "The tasks engine: asyncio's loop in virtual time"):
// CPython 3.11's asyncio event loop in virtual time, driving ordinary async functions; threads
// under a GIL and a process pool; the garbage collector's part in the fire-and-forget trap.
export { EventLoop, YIELD, DeadlockError, type ExceptionContext, type LoopOptions } from "./loop.ts";
export { Future } from "./future.ts";
export { Task } from "./task.ts";
export { Coroutine, coro, ensureFuture, type AwaitableLike, type AnyAwaitable } from "./coroutine.ts";
export { sleep, gather, waitFor, shield, runningLoop, type GatherOptions } from "./combinators.ts";
export { Event, Lock, Queue, TaskSet } from "./sync.ts";
export { createTask, currentTask, allTasks, callSoon, callLater, cpu, createFuture, toThread, toProcess, gc } from "./api.ts";
export { run, runToOutcome, type RunOptions, type RunOutcome } from "./runner.ts";
export { StrongSet } from "./reachability.ts";
export { isGone } from "./collector.ts";
export { SWITCH_INTERVAL_MS, type ThreadBody, type ThreadContext, type ThreadOp } from "./threads.ts";
export { PROCESS_WORKERS, WORKER_START_MS, PICKLE_BASE_MS, PICKLE_MS_PER_100KB, pickleMs } from "./executors.ts";
export * from "./errors.ts";
export type * from "./trace.ts";
