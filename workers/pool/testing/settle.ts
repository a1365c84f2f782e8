// Drives the virtual clock until a promise from the engine settles, for tests: fire the next
// timer, let the promise's reactions run, look again. The outcome is what node-postgres would
// have given: a value, or the error's fields as the recordings write them.
import type { VirtualClock } from "../../shared/virtual-clock.ts";

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: { message: string; code?: string; severity?: string } };

/** Lets the promise reactions queued so far run (a few rounds, for chained ones). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** Clocks being driven now: two drivers interleaving on one clock would make a test lie. */
const driven = new WeakSet<VirtualClock>();

async function drive(clock: VirtualClock, run: () => Promise<void>): Promise<void> {
  if (driven.has(clock)) throw new Error("the clock is already being driven: await one settle / advanceTo before starting another");
  driven.add(clock);
  try {
    await run();
  } finally {
    driven.delete(clock);
  }
}

export async function settle<T>(clock: VirtualClock, promise: Promise<T>): Promise<Outcome<T>> {
  let outcome: Outcome<T> | undefined;
  promise.then(
    (value) => (outcome = { ok: true, value }),
    (e: { message: string; code?: string; severity?: string }) => (outcome = { ok: false, error: errorFields(e) }),
  );
  await drive(clock, async () => {
    await flush();
    for (let steps = 0; !outcome; steps++) {
      if (!clock.step()) throw new Error(`nothing left on the clock at ${clock.now()} ms and the promise has not settled`);
      if (steps > 1_000_000) throw new Error(`a million timers by ${clock.now()} ms and the promise has not settled`);
      await flush();
    }
  });
  return outcome!;
}

/** An error as the recordings write it: message, and code / severity only when present. */
export function errorFields(e: { message: string; code?: string; severity?: string }): { message: string; code?: string; severity?: string } {
  return { message: e.message, ...(e.code !== undefined && { code: e.code }), ...(e.severity !== undefined && { severity: e.severity }) };
}

/** Moves the clock to `t`, letting promise reactions run after each timer. */
export async function advanceTo(clock: VirtualClock, t: number): Promise<void> {
  await drive(clock, async () => {
    for (let at = clock.nextAt(); at !== undefined && at <= t; at = clock.nextAt()) {
      clock.step();
      await flush();
    }
    clock.advanceTo(t);
    await flush();
  });
}
