// The internet's virtual clock, driving itself: whenever a timer is set, a pump runs every
// continuation of the current instant (the drain rule of workers/shared/virtual-clock.ts
// drainInstant) and only then jumps to the next timer. So `await resolver.resolve4(…)` resolves
// once the simulation has reached the answer, however many hops it took, while costing no wall
// time; code that awaits nothing of the engine for `quietHops` microtask hops sees time move.
//
// Following a wall clock (followWall, for the UDP bridge): the pump no longer jumps — it waits
// until the wall reaches the next timer, so a simulated 106 ms resolution takes 106 ms, as a
// real tool expects; catchUp() moves an idle clock to the wall's time, so TTLs count down on it.
import { VirtualClock, drainInstant, type TimerId } from "../shared/virtual-clock.ts";

/** The host's clock and timers, passed in (the engine reads no wall clock of its own). */
export interface WallClock {
  /** Milliseconds, monotonic. */
  now(): number;
  setTimer(fire: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export class SimClock {
  private readonly clock = new VirtualClock();
  /** Bumped by every engine call and timer: the drain's measure of "something happened". */
  activity = 0;
  private pumping = false;
  private wall: { clock: WallClock; offset: number } | null = null;
  /** While the pump waits on the wall: ends the wait early (a new timer may be due sooner). */
  private wake: (() => void) | null = null;

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
    this.wake?.();
    if (this.pumping) return;
    this.pumping = true;
    void this.pump();
  }

  /** From now on virtual time keeps pace with `wall`: its current reading is the clock's now(). */
  followWall(wall: WallClock): void {
    this.wall = { clock: wall, offset: wall.now() - this.clock.now() };
  }

  /**
   * Moves the clock to the wall's time (following a wall only), unless a timer is due before
   * then: the pump fires those first, in order, so nothing is skipped. Time never goes back.
   */
  catchUp(): void {
    if (!this.wall) return;
    const target = this.wallTime(this.wall);
    const next = this.clock.nextAt();
    if (next === undefined || next > target) this.clock.advanceTo(target);
  }

  private wallTime(wall: { clock: WallClock; offset: number }): number {
    return wall.clock.now() - wall.offset;
  }

  private async pump(): Promise<void> {
    for (;;) {
      await drainInstant(() => this.activity, this.quietHops);
      const next = this.clock.nextAt();
      if (next === undefined) break;
      const early = this.wall ? next - this.wallTime(this.wall) : 0;
      if (early > 0) {
        await this.waitOnWall(this.wall!.clock, early);
        continue;
      }
      this.clock.advanceTo(next);
    }
    this.pumping = false;
  }

  /** Waits `ms` on the wall, or less if touch() wakes it. */
  private waitOnWall(wall: WallClock, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.wake = null;
        wall.clearTimer(handle);
        resolve();
      };
      const handle = wall.setTimer(done, ms);
      this.wake = done;
    });
  }
}
