// asyncio.run / asyncio.Runner (CPython 3.11): runs main to completion, then shuts down as the
// runner does: cancel every task still pending and run the loop until they finish, run the
// (empty) async-generator shutdown, wait for the default executor's threads, close the loop.
// Each of those is a run_until_complete of its own, so handles still queued run meanwhile;
// call_later callbacks still pending when the loop closes are dropped. Then the runner lets go
// of what it held, one reference at a time (the loop reports an unretrieved exception when its
// task's last reference goes), and collects once.
import { gather } from "./combinators.ts";
import { collect, reportUnretrieved } from "./collector.ts";
import type { Future } from "./future.ts";
import { EventLoop, type LoopOptions } from "./loop.ts";
import type { Traceable } from "./reachability.ts";
import type { CoroutineFunction, Task } from "./task.ts";

export interface RunOptions extends LoopOptions {
  /** The loop to run on (to hold references or install hooks before main starts). */
  loop?: EventLoop;
  /** Called once the loop is closed, before the runner releases its references. */
  onClosed?: () => void;
  /** The order the runner releases its references in (default: the order they were taken). */
  releaseOrder?: () => Traceable[];
}

export type RunOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** asyncio.run(main()): main's value, or throws what main raised. */
export async function run<T>(main: CoroutineFunction<T>, options: RunOptions = {}): Promise<T> {
  const outcome = await runToOutcome(main, options);
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}

export async function runToOutcome<T>(main: CoroutineFunction<T>, options: RunOptions = {}): Promise<RunOutcome<T>> {
  const loop = options.loop ?? new EventLoop(options);
  const task = loop.createTask(main, "main");
  loop.runnerRefs.add(task);
  let outcome: RunOutcome<T>;
  try {
    await loop.runUntilComplete(task as Future<unknown>);
    outcome = outcomeOf(task);
  } finally {
    await shutdown(loop);
  }
  options.onClosed?.();
  await release(loop, options.releaseOrder?.() ?? loop.runnerRefs.values());
  return outcome;
}

function outcomeOf<T>(task: Task<T>): RunOutcome<T> {
  try {
    return { ok: true, value: task.result() };
  } catch (error) {
    return { ok: false, error };
  }
}

async function shutdown(loop: EventLoop): Promise<void> {
  await cancelAllTasks(loop);
  await loop.runUntilComplete(loop.createTask(async () => undefined, "shutdown_asyncgens") as Future<unknown>);
  await loop.runUntilComplete(loop.createTask(() => shutdownDefaultExecutor(loop), "shutdown_default_executor") as Future<unknown>);
  loop.close();
}

async function cancelAllTasks(loop: EventLoop): Promise<void> {
  const toCancel = [...loop.allTasks];
  if (toCancel.length === 0) return;
  for (const t of toCancel) t.cancel();
  EventLoop.running = loop;
  const all = gather(toCancel, { returnExceptions: true });
  EventLoop.running = null;
  await loop.runUntilComplete(all as Future<unknown>);
  for (const t of toCancel) {
    if (t.cancelled()) continue;
    const exc = t.exception();
    if (exc !== null)
      loop.report({ message: "unhandled exception during asyncio.run() shutdown", name: t.name, exception: exc });
  }
}

async function shutdownDefaultExecutor(loop: EventLoop): Promise<void> {
  if (!loop.usedThreads) return;
  const done = loop.createFuture<undefined>();
  loop.machine.onThreadsDone(() => loop.machine.runWithGil("executor-shutdown", () => loop.callSoonThreadsafe((f) => f.setResult(undefined), done)));
  await done;
}

/** The runner drops its references one by one, then collects once. */
async function release(loop: EventLoop, order: Traceable[]): Promise<void> {
  for (const ref of order) {
    loop.runnerRefs.discard(ref);
    if (loop.unretrieved.size > 0) reportUnretrieved(loop);
  }
  loop.runnerRefs.clear();
  await collect(loop);
}
