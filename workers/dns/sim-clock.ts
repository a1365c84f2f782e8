// The internet's virtual clock, driving itself: whenever a timer is set, a pump runs every
// continuation of the current instant (the pool engine's drain rule, workers/pool/clock.ts
// drainInstant) and only then jumps to the next timer. So `await resolver.resolve4(…)` resolves
// once the simulation has reached the answer, however many hops it took, while costing no wall
// time; code that awaits nothing of the engine for `quietHops` microtask hops sees time move.
import { VirtualClock, drainInstant, type TimerId } from "../pool/clock.ts";

export class SimClock {
  private readonly clock = new VirtualClock();
  /** Bumped by every engine call and timer: the drain's measure of "something happened". */
  activity = 0;
  private pumping = false;

  constructor(private readonly quietHops = 16) {}

  now(): number {
    return this.clock.now();
  }

  /** Runs `fire` `ms` from now on the virtual clock. */
  at(ms: number, fire: () => void): TimerId {
    this.touch();
    return this.clock.setTimeout(() => {
      this.activity++;
      fire();
    }, ms);
  }

  cancel(id: TimerId | undefined): void {
    this.clock.clearTimeout(id);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.at(ms, resolve));
  }

  /** Marks engine activity and makes sure the pump runs. */
  touch(): void {
    this.activity++;
    if (this.pumping) return;
    this.pumping = true;
    void this.pump();
  }

  private async pump(): Promise<void> {
    for (;;) {
      await drainInstant(() => this.activity, this.quietHops);
      const next = this.clock.nextAt();
      if (next === undefined) break;
      this.clock.advanceTo(next);
    }
    this.pumping = false;
  }
}
