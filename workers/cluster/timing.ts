// `sleep` and `waitFor` (asyncio.sleep and asyncio.wait_for) on an engine's clock, for learner
// code in a worker and in the lesson's main code alike.
import type { Clock } from "./transport.ts";

/** asyncio.TimeoutError (TimeoutError since Python 3.11): what waitFor rejects with when time runs out. */
export class TimeoutError extends Error {
  constructor(message = "the wait timed out") {
    super(message);
    this.name = "TimeoutError";
  }
}

function checkMs(name: string, ms: unknown): number {
  if (typeof ms !== "number" || !(ms >= 0)) throw new RangeError(`${name} takes a number of milliseconds ≥ 0, not ${String(ms)}`);
  return ms;
}

export function sleepOn(clock: Clock, ms: number): Promise<void> {
  checkMs("sleep(ms)", ms);
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

/**
 * What `promise` settles to, or a TimeoutError after `ms` on the clock. Unlike asyncio.wait_for it
 * cannot cancel what it waited for: a receive() that lost the race still takes the next message.
 */
export function waitForOn<T>(clock: Clock, promise: PromiseLike<T>, ms: number): Promise<T> {
  checkMs("waitFor(promise, ms)", ms);
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
    Promise.resolve(promise).then(
      (value) => {
        clock.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        reject(error);
      },
    );
  });
}
