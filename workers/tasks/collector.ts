// The garbage collector's part in asyncio (fire_and_forget_rules of golden/asyncio.json), on the
// explicit reference graph of reachability.ts:
//  - collect(): gc.collect(). Every pending task that no root reaches is destroyed, in creation
//    order: its coroutine is closed (GeneratorExit thrown at its await, so `finally` blocks run)
//    and the loop reports "Task was destroyed but it is pending!" (not for gather's own children).
//  - reportUnretrieved(): reference counting. A finished future whose exception nobody retrieved
//    is reported ("Task exception was never retrieved") the moment nothing reaches it any more;
//    the loop asks after every handle while such futures exist.
import { GeneratorExit } from "./errors.ts";
import type { EventLoop } from "./loop.ts";
import { reachableFrom } from "./reachability.ts";
import { Task } from "./task.ts";

export function reportUnretrieved(loop: EventLoop): void {
  const live = reachableFrom(loop.roots());
  for (const fut of loop.unretrieved) {
    if (!fut.logTraceback) {
      loop.unretrieved.delete(fut);
      continue;
    }
    if (live.has(fut)) continue;
    loop.unretrieved.delete(fut);
    fut.logTraceback = false;
    loop.report({
      message: fut instanceof Task ? "Task exception was never retrieved" : "Future exception was never retrieved",
      name: fut.displayName,
      exception: fut.peekException()?.exc,
    });
  }
}

/** gc.collect(): destroys the unreachable pending tasks; resolves once their coroutines are closed. */
export async function collect(loop: EventLoop): Promise<Task<unknown>[]> {
  const live = reachableFrom(loop.roots());
  const victims = [...loop.allTasks].filter((t) => !t.done() && !live.has(t));
  for (const t of victims) {
    t.destroyed = true;
    loop.allTasks.delete(t);
  }
  for (const t of victims) {
    if (t.started && t.resumeFail) await close(loop, t);
    loop.traceTask(t, "destroyed");
    if (t.logDestroyPending) loop.report({ message: "Task was destroyed but it is pending!", name: t.name });
  }
  if (loop.unretrieved.size > 0) reportUnretrieved(loop);
  return victims;
}

/** coroutine.close(): GeneratorExit at its await; waits until the coroutine has ended. */
function close(loop: EventLoop, task: Task<unknown>): Promise<void> {
  return new Promise<void>((resolve) => {
    const caller = loop.stepping;
    task.closing = () => {
      loop.stepping = caller;
      resolve();
    };
    const fail = task.resumeFail!;
    task.resumeOk = task.resumeFail = null;
    task.futWaiter = null;
    loop.stepping = task;
    fail(new GeneratorExit());
  });
}

/** Whether the task object no longer exists: destroyed, or finished and unreferenced. */
export function isGone(loop: EventLoop, task: Task<unknown>): boolean {
  if (task.destroyed) return true;
  if (!task.done()) return false;
  return !reachableFrom(loop.roots()).has(task);
}
