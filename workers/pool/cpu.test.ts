import { describe, expect, it } from "vitest";
import { VirtualClock } from "../shared/virtual-clock.ts";
import { Processors } from "./cpu.ts";

function runAll(cores: number, works: number[], startAt: number[] = works.map(() => 0)) {
  const clock = new VirtualClock();
  const cpu = new Processors(clock, cores);
  const finished: number[] = works.map(() => NaN);
  works.forEach((work, i) => clock.setTimeout(() => cpu.run(work, () => (finished[i] = clock.now())), startAt[i]));
  clock.advanceTo(1e9);
  return finished;
}

describe("Processors (processor sharing)", () => {
  it("runs up to `cores` statements at full speed", () => {
    expect(runAll(4, [10, 10, 10, 10])).toEqual([10, 10, 10, 10]);
  });

  it("shares the cores past that: twice the statements, each twice as long, the same throughput", () => {
    expect(runAll(2, [10, 10, 10, 10])).toEqual([20, 20, 20, 20]);
    expect(runAll(2, [10, 10])).toEqual([10, 10]);
  });

  it("speeds the others up when one finishes", () => {
    // 3 jobs on 1 core: all run at 1/3 until the 3 ms one is done at 9, then 1/2.
    const [a, b, c] = runAll(1, [3, 6, 6]);
    expect(a).toBeCloseTo(9);
    expect(b).toBeCloseTo(15);
    expect(c).toBeCloseTo(15);
  });

  it("charges a late arrival only from when it started", () => {
    const [a, b] = runAll(1, [10, 2], [0, 4]);
    // 0–4: a alone (4 of 10 done); 4–8: both at 1/2 (b's 2 done at 8, a at 6 of 10); a alone again until 12.
    expect(b).toBeCloseTo(8);
    expect(a).toBeCloseTo(12);
  });
});
