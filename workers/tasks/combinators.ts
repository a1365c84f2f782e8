// asyncio.sleep, gather, wait_for and shield, as CPython 3.11 writes them (tasks.py), on the
// loop's futures. wait_for is 3.11's: at the timeout it cancels the inner task and waits until it
// has finished before raising TimeoutError (or returning the value of an inner task that
// swallowed the cancellation).
import { CancelledError, TimeoutError, checkDuration } from "./errors.ts";
import { Future } from "./future.ts";
import { ensureFuture, type AnyAwaitable, type AwaitableLike } from "./coroutine.ts";
import { EventLoop, YIELD } from "./loop.ts";
import type { Traceable } from "./reachability.ts";
import type { Task } from "./task.ts";

export function runningLoop(): EventLoop {
  const loop = EventLoop.running;
  if (!loop) throw new Error("no running event loop");
  return loop;
}

/** asyncio.sleep(ms / 1000): sleep(0) is a bare yield, longer sleeps a future and a timer. */
export function sleep(ms: number): PromiseLike<undefined> {
  checkDuration("sleep", ms, true);
  if (ms <= 0) return YIELD as unknown as PromiseLike<undefined>;
  return sleepOnTimer(runningLoop(), ms);
}

async function sleepOnTimer(loop: EventLoop, ms: number): Promise<undefined> {
  const fut = loop.createFuture<undefined>();
  fut.displayName = "sleep";
  const h = loop.callLater(ms, setResultUnlessCancelled, fut);
  try {
    return await fut;
  } finally {
    h.cancel();
  }
}

function setResultUnlessCancelled(fut: Future<undefined>): void {
  if (!fut.done()) fut.setResult(undefined);
}

/** gather's outer future: cancelling it cancels every child. */
export class GatheringFuture<T> extends Future<T> {
  cancelRequested = false;
  constructor(
    loop: EventLoop,
    readonly children: Future<unknown>[],
  ) {
    super(loop);
    this.displayName = "gather";
  }

  cancel(msg?: string): boolean {
    if (this.done()) return false;
    let ret = false;
    for (const child of this.children) if (child.cancel(msg)) ret = true;
    if (ret) this.cancelRequested = true;
    return ret;
  }

  refs(out: Traceable[]): void {
    super.refs(out);
    for (const c of this.children) out.push(c);
  }
}

export interface GatherOptions {
  returnExceptions?: boolean;
}

/** asyncio.gather(*aws, return_exceptions=...). */
export function gather<T extends unknown[] = unknown[]>(aws: readonly AnyAwaitable[], options: GatherOptions = {}): Future<T> {
  const loop = runningLoop();
  const returnExceptions = options.returnExceptions ?? false;
  if (aws.length === 0) {
    const outer = loop.createFuture<T>();
    outer.setResult([] as unknown as T);
    return outer;
  }
  const argToFut = new Map<unknown, Future<unknown>>();
  const children: Future<unknown>[] = [];
  let nfinished = 0;
  let outer: GatheringFuture<T> | null = null;
  const doneCallback = (fut: Future<unknown>): void => {
    nfinished++;
    if (outer === null || outer.done()) {
      if (!fut.cancelled()) fut.exception(); // marks the exception retrieved
      return;
    }
    if (!returnExceptions) {
      if (fut.cancelled()) return outer.setException(fut.makeCancelledError());
      const exc = fut.exception();
      if (exc !== null) return outer.setException(exc);
    }
    if (nfinished === argToFut.size) {
      const results = children.map((c) => {
        if (c.cancelled()) return new CancelledError(c.cancelMessage ?? "");
        const exc = c.exception();
        return exc !== null ? exc : c.result();
      });
      if (outer.cancelRequested) outer.setException(fut.makeCancelledError());
      else outer.setResult(results as T);
    }
  };
  const made: Future<unknown>[] = [];
  for (const aw of aws) {
    let fut = argToFut.get(aw);
    if (!fut) {
      fut = ensureFuture(loop, aw as AwaitableLike<unknown>);
      if (fut !== aw) {
        (fut as Task<unknown>).logDestroyPending = false;
        made.push(fut);
      }
      argToFut.set(aw, fut);
    }
    children.push(fut);
  }
  outer = new GatheringFuture<T>(loop, children);
  for (const fut of argToFut.values()) fut.addDoneCallback(doneCallback, outer);
  return outer;
}

function releaseWaiter(waiter: Future<unknown>): void {
  if (!waiter.done()) waiter.setResult(undefined);
}

/** Cancels fut and waits until it has finished (tasks._cancel_and_wait). */
async function cancelAndWait<T>(loop: EventLoop, fut: Future<T>): Promise<void> {
  const waiter = loop.createFuture<unknown>();
  const cb = () => releaseWaiter(waiter);
  fut.addDoneCallback(cb, waiter);
  try {
    fut.cancel();
    await waiter;
  } finally {
    fut.removeDoneCallback(cb);
  }
}

/** After the timeout cancelled fut: its value if it swallowed the cancellation, else TimeoutError. */
function resultOrTimeout<T>(fut: Future<T>): T {
  try {
    return fut.result();
  } catch (e) {
    if (e instanceof CancelledError) throw new TimeoutError();
    throw e;
  }
}

/** asyncio.wait_for(aw, timeout), 3.11; timeoutMs null waits forever. */
export async function waitFor<T>(aw: AwaitableLike<T>, timeoutMs: number | null): Promise<T> {
  const loop = runningLoop();
  const task = loop.stepping;
  if (timeoutMs === null) return await ensureFuture(loop, aw);
  checkDuration("waitFor's timeout", timeoutMs, true);
  const fut = ensureFuture(loop, aw);
  task?.frame.add(fut);
  try {
    if (timeoutMs <= 0) {
      if (fut.done()) return fut.result();
      await cancelAndWait(loop, fut);
      return resultOrTimeout(fut);
    }
    const waiter = loop.createFuture<unknown>();
    const timeoutHandle = loop.callLater(timeoutMs, releaseWaiter, waiter);
    const cb = () => releaseWaiter(waiter);
    fut.addDoneCallback(cb, waiter);
    try {
      try {
        await waiter;
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        if (fut.done()) return fut.result();
        fut.removeDoneCallback(cb);
        await cancelAndWait(loop, fut);
        throw e;
      }
      if (fut.done()) return fut.result();
      fut.removeDoneCallback(cb);
      await cancelAndWait(loop, fut);
      return resultOrTimeout(fut);
    } finally {
      timeoutHandle.cancel();
    }
  } finally {
    task?.frame.delete(fut);
  }
}

/** asyncio.shield(aw): cancelling the awaiter does not cancel the inner task. */
export function shield<T>(aw: AwaitableLike<T>): Future<T> {
  const loop = runningLoop();
  const inner = ensureFuture(loop, aw);
  if (inner.done()) return inner;
  const outer = loop.createFuture<T>();
  outer.displayName = "shield";
  const innerDone = (f: Future<T>): void => {
    if (outer.cancelled()) {
      if (!f.cancelled()) f.exception();
      return;
    }
    if (f.cancelled()) outer.cancel();
    else {
      const exc = f.exception();
      if (exc !== null) outer.setException(exc);
      else outer.setResult(f.result());
    }
  };
  const outerDone = (): void => {
    if (!inner.done()) inner.removeDoneCallback(innerDone);
  };
  inner.addDoneCallback(innerDone, outer);
  outer.addDoneCallback(outerDone, inner);
  return outer;
}
