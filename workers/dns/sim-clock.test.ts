// SimClock following a wall clock (the UDP bridge's mode), on a fake wall moved by hand: timers
// wait for the wall, an idle clock catches up with it, and a sooner timer set while the pump
// waits is not held behind the later one.
import { describe, expect, it } from "vitest";
import { SimClock, type WallClock } from "./sim-clock.ts";

function fakeWall(start: number) {
  let now = start;
  let timers: { at: number; fire: () => void }[] = [];
  const wall: WallClock = {
    now: () => now,
    setTimer: (fire, ms) => {
      const timer = { at: now + ms, fire };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => (timers = timers.filter((t) => t !== handle)),
  };
  /** Moves the wall to `t`, firing what fell due, and lets every microtask and macrotask queued meanwhile run. */
  const moveTo = async (t: number) => {
    now = t;
    for (const timer of timers.filter((x) => x.at <= t)) {
      timers = timers.filter((x) => x !== timer);
      timer.fire();
    }
    await new Promise((r) => setTimeout(r, 5));
  };
  /** Moves the wall without firing its timers: a host busy elsewhere when they fell due. */
  const lateTo = (t: number) => (now = t);
  return { wall, moveTo, lateTo, pending: () => timers.length };
}

describe("SimClock.followWall", () => {
  it("fires a virtual timer only once the wall has reached it", async () => {
    const { wall, moveTo } = fakeWall(1000);
    const clock = new SimClock();
    clock.followWall(wall);
    let woke = false;
    void clock.sleep(100).then(() => (woke = true));
    await moveTo(1050);
    expect(woke).toBe(false);
    expect(clock.now()).toBe(0);
    await moveTo(1100);
    expect(woke).toBe(true);
    expect(clock.now()).toBe(100);
  });

  it("catches an idle clock up with the wall, but not past a timer due before", async () => {
    const { wall, moveTo, lateTo } = fakeWall(0);
    const clock = new SimClock();
    clock.followWall(wall);
    await moveTo(5000);
    clock.catchUp();
    expect(clock.now()).toBe(5000);
    const fired: number[] = [];
    void clock.sleep(10).then(() => fired.push(clock.now()));
    await moveTo(5005);
    // The wall is at 5020 but its timer for 5010 has not run yet: catching up now would skip it.
    lateTo(5020);
    clock.catchUp();
    expect(clock.now()).toBe(5000);
    await moveTo(5020);
    expect(fired).toEqual([5010]);
    clock.catchUp();
    expect(clock.now()).toBe(5020);
  });

  it("a sooner timer set while the pump waits for a later one fires on time", async () => {
    const { wall, moveTo, pending } = fakeWall(0);
    const clock = new SimClock();
    clock.followWall(wall);
    const fired: string[] = [];
    void clock.sleep(1000).then(() => fired.push(`late@${clock.now()}`));
    await moveTo(0);
    expect(pending()).toBe(1);
    void clock.sleep(20).then(() => fired.push(`soon@${clock.now()}`));
    await moveTo(20);
    expect(fired).toEqual(["soon@20"]);
    await moveTo(1000);
    expect(fired).toEqual(["soon@20", "late@1000"]);
    expect(pending()).toBe(0);
  });
});
