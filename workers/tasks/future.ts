// asyncio.Future: a result that will exist later, with done callbacks. As in CPython, completing
// a future never runs its callbacks at once: each is scheduled with call_soon, in registration
// order (loop_rules (3)). A Future is a thenable so learner code can `await` it; the loop decides
// what an await means (loop.ts, "Driving native async functions").
import { CancelledError, InvalidStateError } from "./errors.ts";
import type { Traceable } from "./reachability.ts";

/** What a Future needs from its loop. */
export interface FutureLoop {
  callSoon<A>(fn: (arg: A) => void, arg: A, holder?: Traceable | null): unknown;
  awaitFrom(fut: Future<unknown>, ok: (v: unknown) => void, fail: (e: unknown) => void): void;
  /** A future finished with an exception nobody has retrieved yet: report it if it is freed so. */
  noteUnretrieved(fut: Future<unknown>): void;
}

export interface DoneCallback<T> {
  // A method signature: parameters stay bivariant, so a Task<void> is a Task<unknown>.
  fn(fut: Future<T>): void;
  /** Whose callback it is (an awaiting task, gather's outer future): held through this future. */
  holder: Traceable | null;
}

export type FutureState = "pending" | "finished" | "cancelled";

export class Future<T = unknown> implements Traceable {
  state: FutureState = "pending";
  protected value: T | undefined = undefined;
  protected exc: unknown = undefined;
  protected hasExc = false;
  cancelMessage: string | undefined = undefined;
  callbacks: DoneCallback<T>[] = [];
  /** True while an exception is set and nobody has retrieved it (result(), exception(), await). */
  logTraceback = false;
  /** The name the loop's exception handler shows for this object. */
  displayName = "future";

  constructor(readonly loop: FutureLoop) {}

  done(): boolean {
    return this.state !== "pending";
  }

  cancelled(): boolean {
    return this.state === "cancelled";
  }

  /** The value, or throws the exception / a CancelledError (and marks the exception retrieved). */
  result(): T {
    if (this.state === "cancelled") throw this.makeCancelledError();
    if (this.state === "pending") throw new InvalidStateError("Result is not ready.");
    this.logTraceback = false;
    if (this.hasExc) throw this.exc;
    return this.value as T;
  }

  exception(): unknown {
    if (this.state === "cancelled") throw this.makeCancelledError();
    if (this.state === "pending") throw new InvalidStateError("Exception is not set.");
    this.logTraceback = false;
    return this.hasExc ? this.exc : null;
  }

  /** The exception without retrieving it (for the trace and the loop's reports). */
  peekException(): { exc: unknown } | null {
    return this.state === "finished" && this.hasExc ? { exc: this.exc } : null;
  }

  peekValue(): T | undefined {
    return this.value;
  }

  setResult(value: T): void {
    if (this.state !== "pending") throw new InvalidStateError(`invalid state: ${this.state}`);
    this.value = value;
    this.state = "finished";
    this.scheduleCallbacks();
  }

  setException(exc: unknown): void {
    if (this.state !== "pending") throw new InvalidStateError(`invalid state: ${this.state}`);
    this.exc = exc;
    this.hasExc = true;
    this.state = "finished";
    this.scheduleCallbacks();
    this.logTraceback = true;
    this.loop.noteUnretrieved(this as Future<unknown>);
  }

  cancel(msg?: string): boolean {
    this.logTraceback = false;
    if (this.state !== "pending") return false;
    this.state = "cancelled";
    this.cancelMessage = msg;
    this.scheduleCallbacks();
    return true;
  }

  addDoneCallback(fn: (fut: Future<T>) => void, holder: Traceable | null = null): void {
    if (this.state !== "pending") this.loop.callSoon(fn, this, holder);
    else this.callbacks.push({ fn, holder });
  }

  /** Removes every registration of fn; returns how many. */
  removeDoneCallback(fn: (fut: Future<T>) => void): number {
    const before = this.callbacks.length;
    this.callbacks = this.callbacks.filter((cb) => cb.fn !== fn);
    return before - this.callbacks.length;
  }

  makeCancelledError(): CancelledError {
    return new CancelledError(this.cancelMessage ?? "");
  }

  refs(out: Traceable[]): void {
    for (const cb of this.callbacks) if (cb.holder) out.push(cb.holder);
  }

  /** `await fut`: the loop suspends the current task on it, or continues at once when done. */
  then(onfulfilled: (value: T) => unknown, onrejected?: (reason: unknown) => unknown): void {
    this.loop.awaitFrom(this as Future<unknown>, onfulfilled as (v: unknown) => void, onrejected ?? (() => {}));
  }

  private scheduleCallbacks(): void {
    const callbacks = this.callbacks;
    this.callbacks = [];
    for (const cb of callbacks) this.loop.callSoon(cb.fn, this, cb.holder);
  }
}
