// asyncio.Task: a Future that drives a coroutine, one step at a time, on its loop. A step resumes
// the coroutine (or starts it) and lasts until the coroutine suspends on a loop future (the loop
// sees the `then` call) or its promise settles; loop.ts explains how. The rules are CPython
// 3.11's Task.__step / __wakeup / cancel (tasks.py), summarised in loop_rules (2)-(4).
import { CancelledError } from "./errors.ts";
import { Future, type FutureLoop } from "./future.ts";
import type { Traceable } from "./reachability.ts";
import type { TaskPhase } from "./trace.ts";

/** What a Task needs from its loop beyond a Future's needs. */
export interface TaskLoop extends FutureLoop {
  readonly tracing: boolean;
  beginStep(task: Task<unknown>): void;
  endStep(task: Task<unknown>): void;
  traceTask(task: Task<unknown>, phase: TaskPhase, extra?: { on?: string; outcome?: string }): void;
}

export type CoroutineFunction<T> = () => PromiseLike<T> | T;

export class Task<T = unknown> extends Future<T> {
  started = false;
  mustCancel = false;
  private cancelMsg: string | undefined = undefined;
  private cancelledExc: CancelledError | null = null;
  /** The future this task is suspended on (asyncio's _fut_waiter). */
  futWaiter: Future<unknown> | null = null;
  /** How to resume the coroutine: the callbacks of the `then` call it is suspended in. */
  resumeOk: ((v: unknown) => void) | null = null;
  resumeFail: ((e: unknown) => void) | null = null;
  /** What the coroutine's frame holds strongly besides the awaited future (locals). */
  get frame(): Set<Traceable> {
    return (this.frameRefs ??= new Set());
  }

  private frameRefs: Set<Traceable> | null = null;
  /** The handle that schedules this task's next step: reused, a task has one step pending at most. */
  stepHandle: unknown = null;
  /** Destroyed by the garbage collector while pending. */
  destroyed = false;
  /** gather turns the "destroyed but pending" report off for the tasks it made. */
  logDestroyPending = true;
  /** Set while the collector closes this task's coroutine: called when the coroutine has ended. */
  closing: (() => void) | null = null;

  constructor(
    readonly taskLoop: TaskLoop,
    private readonly coro: CoroutineFunction<T>,
    readonly name: string,
    /** Creation order: the collector finalizes in it. */
    readonly serial: number,
  ) {
    super(taskLoop);
    this.displayName = name;
  }

  /** The done callback that resumes this task when the future it awaits completes. */
  get wakeup(): (fut: Future<unknown>) => void {
    return (this.wakeupFn ??= (fut) => this.wake(fut));
  }

  private wakeupFn: ((fut: Future<unknown>) => void) | null = null;

  private wake(fut: Future<unknown>): void {
    let value: unknown;
    try {
      value = fut.result();
    } catch (e) {
      this.step({ e });
      return;
    }
    this.step(undefined, value);
  }

  static stepSoon(task: Task<unknown>): void {
    task.step();
  }

  step(exc?: { e: unknown }, value?: unknown): void {
    if (this.done() || this.destroyed) return;
    if (this.mustCancel) {
      if (!(exc && exc.e instanceof CancelledError)) exc = { e: this.makeCancelledError() };
      this.mustCancel = false;
    }
    this.futWaiter = null;
    const loop = this.taskLoop;
    loop.beginStep(this as Task<unknown>);
    if (!this.started) {
      this.started = true;
      // A coroutine that has not started raises what is thrown into it before its first line.
      if (exc) return this.finish(true, exc.e);
      if (loop.tracing) loop.traceTask(this as Task<unknown>, "started");
      let p: PromiseLike<T> | T;
      try {
        p = this.coro();
      } catch (e) {
        return this.finish(true, e);
      }
      Promise.resolve(p).then(
        (v) => this.settled(false, v),
        (e) => this.settled(true, e),
      );
      return;
    }
    if (loop.tracing) loop.traceTask(this as Task<unknown>, "resumed");
    const ok = this.resumeOk!;
    const fail = this.resumeFail!;
    this.resumeOk = this.resumeFail = null;
    if (exc) fail(exc.e);
    else ok(value);
  }

  cancel(msg?: string): boolean {
    this.logTraceback = false;
    if (this.done()) return false;
    if (this.futWaiter !== null && this.futWaiter.cancel(msg)) return true;
    // The task's next step is already scheduled (or it is running): it gets CancelledError there.
    this.mustCancel = true;
    this.cancelMsg = msg;
    return true;
  }

  /** Whether a cancel is waiting to be delivered (cancelling() in spirit). */
  cancelRequested(): boolean {
    return this.mustCancel;
  }

  makeCancelledError(): CancelledError {
    if (this.cancelledExc !== null) {
      const exc = this.cancelledExc;
      this.cancelledExc = null;
      return exc;
    }
    return new CancelledError(this.cancelMessage ?? this.cancelMsg ?? "");
  }

  refs(out: Traceable[]): void {
    super.refs(out);
    if (this.futWaiter) out.push(this.futWaiter);
    if (this.frameRefs) for (const x of this.frameRefs) out.push(x);
  }

  /**
   * Ends a task whose step never ended (loop.ts, stall): it fails with `error`, and whatever its
   * coroutine does later is ignored.
   */
  abandon(error: Error): void {
    this.finish(true, error);
  }

  private settled(threw: boolean, v: unknown): void {
    if (this.done()) return; // abandoned mid-step: its coroutine ended later, or elsewhere
    if (this.closing) {
      const closed = this.closing;
      this.closing = null;
      closed();
      return;
    }
    this.finish(threw, v);
  }

  private finish(threw: boolean, v: unknown): void {
    this.frameRefs = null; // the coroutine's frame, and its locals, are gone
    if (!threw) {
      if (this.mustCancel) {
        // cancel() arrived during the final step: the task ends cancelled anyway.
        this.mustCancel = false;
        super.cancel(this.cancelMsg);
      } else this.setResult(v as T);
    } else if (v instanceof CancelledError) {
      this.cancelledExc = v;
      super.cancel();
    } else this.setException(v);
    this.taskLoop.endStep(this as Task<unknown>);
  }
}
