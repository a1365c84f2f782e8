// Virtual time for a cluster in one thread: the coordinator, its workers and the messages between
// them share one VirtualClock (workers/shared/virtual-clock.ts), which moves only when everything
// that can happen at the current instant has happened — the rule of workers/pool/simulation.ts:
//   1. Drain: a microtask is queued behind everything queued, hop after hop, until `quietHops`
//      (default 100) hops in a row pass with no activity (a message posted, a timer set). Learner
//      code's await chains (a handler's receive → send, a broker command's reply) reach the
//      engine again within a few hops — a few dozen through a framework's layers of middleware
//      and wrappers, hence more than the pool's 32 — so a drain lets them all run; no macrotask
//      is used, so the outcome is the same every run, and a hop costs a microtask.
//   2. Then the clock jumps to the next timer and fires every timer due at that instant, in the
//      order they were set, before draining once.
// `settle` repeats this while any message is in flight and resolves once none is (timers that are
// not due yet, a heartbeat or a learner's sleep, stay set); `sleep(ms)` repeats it until `ms` have
// passed. One loop drives the clock however many settle and sleep calls wait on it.
import { drainInstant, VirtualClock } from "../shared/virtual-clock.ts";
import type { Clock } from "./transport.ts";

export class VirtualTime {
  readonly virtual = new VirtualClock();
  /** Bumped by every message posted and timer set: a drain ends when it stops moving. */
  activity = 0;
  /** Messages posted and not yet delivered. */
  inFlight = 0;
  private settlers: (() => void)[] = [];
  private sleepers = 0;
  private running = false;

  /** The clock the coordinator and the workers are handed. */
  readonly clock: Clock = {
    now: () => this.virtual.now(),
    setTimeout: (fire, ms) => {
      this.activity++;
      return this.virtual.setTimeout(fire, ms);
    },
    clearTimeout: (id) => this.virtual.clearTimeout(id),
  };

  constructor(private readonly quietHops = 100) {}

  settle(): Promise<void> {
    return new Promise((resolve) => {
      this.settlers.push(resolve);
      void this.run();
    });
  }

  sleep(ms: number): Promise<void> {
    if (!(ms >= 0)) return Promise.reject(new RangeError(`sleep takes a number of milliseconds ≥ 0, not ${String(ms)}`));
    return new Promise((resolve) => {
      this.sleepers++;
      this.virtual.setTimeout(() => {
        this.sleepers--;
        resolve();
      }, ms);
      void this.run();
    });
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        await this.drain();
        if (this.inFlight === 0 && this.settlers.length > 0) {
          const settled = this.settlers;
          this.settlers = [];
          for (const resolve of settled) resolve();
          continue; // drain again: what waited on settle runs now, and may wait again
        }
        if (this.settlers.length === 0 && this.sleepers === 0) break;
        const next = this.virtual.nextAt();
        if (next === undefined) break; // cannot happen: a message in flight or a sleeper is a timer
        this.virtual.advanceTo(next);
      }
    } finally {
      this.running = false;
    }
  }

  private drain(): Promise<void> {
    return drainInstant(() => this.activity, this.quietHops);
  }
}
