// The functions learner code calls inside a running loop (asyncio's module-level API): each
// finds the running loop as asyncio.get_running_loop() does. Durations are milliseconds.
import { collect } from "./collector.ts";
import { Coroutine } from "./coroutine.ts";
import { runningLoop } from "./combinators.ts";
import { ProcessPool, runInThread } from "./executors.ts";
import type { Future } from "./future.ts";
import type { Handle, TimerHandle } from "./ready-queue.ts";
import type { CoroutineFunction, Task } from "./task.ts";
import type { ThreadBody } from "./threads.ts";

/**
 * asyncio.create_task(coro()): pass the function, not its promise (createTask(() => work())).
 * The loop holds the task only weakly, as asyncio does, and JavaScript variables are invisible
 * to the engine: what keeps a task alive is a TaskSet (or a task awaiting it). Unkept, a task
 * waiting on something only it references is destroyed by the next gc().
 */
export function createTask<T>(coro: CoroutineFunction<T> | Coroutine<T>, name?: string): Task<T> {
  const loop = runningLoop();
  return coro instanceof Coroutine ? loop.createTask(coro.fn, name ?? coro.name) : loop.createTask(coro, name);
}

export function currentTask(): Task<unknown> | null {
  return runningLoop().stepping;
}

/** asyncio.all_tasks(): the pending tasks not yet destroyed, referenced or not. */
export function allTasks(): Task<unknown>[] {
  return [...runningLoop().allTasks];
}

export function callSoon(fn: () => void): Handle<null> {
  return runningLoop().callSoon(() => fn(), null);
}

export function callLater(ms: number, fn: () => void): TimerHandle<null> {
  return runningLoop().callLater(ms, () => fn(), null);
}

/** CPU work on the loop thread (time.sleep in the recordings): blocks the loop for ms. */
export function cpu(ms: number): void {
  runningLoop().cpu(ms);
}

export function createFuture<T>(): Future<T> {
  return runningLoop().createFuture<T>();
}

/** asyncio.to_thread(body): a coroutine; awaited, the body runs on a worker thread under the GIL. */
export function toThread<T>(body: ThreadBody<T>, name = body.name || "thread"): Coroutine<T> {
  return new Coroutine(async () => await runInThread(runningLoop(), name, body), name);
}

/** loop.run_in_executor(ProcessPoolExecutor(2), body): a future; the body runs in a child process. */
export function toProcess<T>(body: ThreadBody<T>, name = body.name || "process"): Future<T> {
  const loop = runningLoop();
  loop.processPool ??= new ProcessPool(loop);
  return loop.processPool.submit(name, body);
}

/** gc.collect(): destroys pending tasks nothing references (await it). */
export async function gc(): Promise<void> {
  await collect(runningLoop());
}
