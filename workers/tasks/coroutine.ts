// A coroutine object: JavaScript's async functions start running when called, Python's
// coroutines only when awaited or wrapped in a task. Coroutine keeps the function until then:
// awaited directly it runs inline in the awaiting task (no task, no scheduling); gather, waitFor
// and shield wrap it in a task (named `name`). A plain `() => Promise` works the same way.
import { Future } from "./future.ts";
import type { EventLoop } from "./loop.ts";

export class Coroutine<T> {
  constructor(
    readonly fn: () => PromiseLike<T> | T,
    readonly name?: string,
  ) {}

  /** `await coro`: runs the body right here, inside the awaiting task's step. */
  then(onfulfilled: (value: T) => unknown, onrejected?: (reason: unknown) => unknown): void {
    let p: PromiseLike<T> | T;
    try {
      p = this.fn();
    } catch (e) {
      onrejected?.(e);
      return;
    }
    Promise.resolve(p).then(onfulfilled, onrejected);
  }
}

/** Lazily calls an async function: `coro(() => fetchUser(1), "fetch-1")`. */
export function coro<T>(fn: () => PromiseLike<T> | T, name?: string): Coroutine<T> {
  return new Coroutine(fn, name);
}

/** What gather, waitFor and shield accept. */
export type AwaitableLike<T> = Future<T> | Coroutine<T> | (() => PromiseLike<T> | T);

/** Any of them, whatever its value type (gather's arguments). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAwaitable = Future<any> | Coroutine<any> | (() => unknown);

/** asyncio.ensure_future: a future as it is, a coroutine wrapped in a new task. */
export function ensureFuture<T>(loop: EventLoop, aw: AwaitableLike<T>): Future<T> {
  if (aw instanceof Future) return aw;
  if (aw instanceof Coroutine) return loop.createTask(aw.fn, aw.name);
  if (typeof aw === "function") return loop.createTask(aw);
  throw new TypeError(
    "an asyncio.Future, a Coroutine or a function is required (a started promise cannot be wrapped: pass () => work() instead of work())",
  );
}
