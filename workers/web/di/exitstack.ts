// Python's AsyncExitStack and (async)contextmanager, which FastAPI uses for `yield`
// dependencies: exit callbacks run last-in first-out; each sees the error still in flight (or
// none); a callback that swallows it clears it for the ones after; one that raises replaces it.
import { RuntimeError } from "../app/errors";

export interface InFlight {
  error: unknown;
}

/** Returns true when it swallowed the error it was given. */
type ExitCallback = (pending: InFlight | undefined) => Promise<boolean>;

export class AsyncExitStack {
  #callbacks: ExitCallback[] = [];

  push(callback: ExitCallback): void {
    this.#callbacks.push(callback);
  }

  /** Unwinds the stack; returns the error still in flight afterwards, if any. */
  async close(pending?: InFlight): Promise<InFlight | undefined> {
    for (let cb = this.#callbacks.pop(); cb; cb = this.#callbacks.pop()) {
      try {
        if (await cb(pending)) pending = undefined;
      } catch (error) {
        pending = { error };
      }
    }
    return pending;
  }
}

export type TeardownOutcome = { outcome: "ok" } | { outcome: "raised"; error: unknown } | { outcome: "suppressed" };

export type AnyGenerator = Generator<unknown, unknown, unknown> | AsyncGenerator<unknown, unknown, unknown>;

/**
 * Runs a generator to its `yield` and pushes its teardown onto `stack`: resumed normally when
 * no error is in flight, or with the error thrown in at the `yield`.
 */
export async function enterGenerator(
  generator: AnyGenerator,
  stack: AsyncExitStack,
  onTeardown: (result: TeardownOutcome) => void,
): Promise<unknown> {
  const first = await generator.next();
  if (first.done) throw new RuntimeError("generator didn't yield");
  stack.push(async (pending) => {
    let step: IteratorResult<unknown>;
    try {
      step = pending ? await generator.throw(pending.error) : await generator.next();
    } catch (error) {
      onTeardown({ outcome: "raised", error });
      throw error;
    }
    if (!step.done) {
      const error = new RuntimeError(pending ? "generator didn't stop after throw()" : "generator didn't stop");
      onTeardown({ outcome: "raised", error });
      throw error;
    }
    onTeardown(pending ? { outcome: "suppressed" } : { outcome: "ok" });
    return pending !== undefined;
  });
  return first.value;
}
