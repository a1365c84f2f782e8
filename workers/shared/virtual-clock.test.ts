import { describe, expect, it } from "vitest";
import { VirtualClock } from "./virtual-clock.ts";

describe("VirtualClock", () => {
  it("fires timers in time order, equals in the order set, and skips cancelled ones", () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push("b@20"), 20);
    clock.setTimeout(() => fired.push("a@10"), 10);
    const gone = clock.setTimeout(() => fired.push("never"), 15);
    clock.setTimeout(() => fired.push("c@20"), 20);
    clock.clearTimeout(gone);
    clock.advanceTo(19);
    expect(fired).toEqual(["a@10"]);
    expect(clock.now()).toBe(19);
    clock.advanceTo(100);
    expect(fired).toEqual(["a@10", "b@20", "c@20"]);
    expect(clock.now()).toBe(100);
  });

  it("runs a timer set by a timer at its own time, before later ones", () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    clock.setTimeout(() => clock.setTimeout(() => fired.push(clock.now()), 0), 5);
    clock.setTimeout(() => fired.push(clock.now()), 6);
    clock.advanceTo(10);
    expect(fired).toEqual([5, 6]);
  });
});
