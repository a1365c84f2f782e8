import { describe, expect, it } from "vitest";
import { countsForProgress, doneAfterLeaving, doneAfterRun, nextLesson, stepsOf } from "./step-progress";

const steps = [
  { title: "Read", checks: [] },
  { title: "One", checks: ["a"] },
  { title: "Two", checks: ["b", "c"] },
];

describe("step progress", () => {
  it("is one step holding every check when the lesson has none", () => {
    expect(stepsOf({ title: "L", steps: [] }, ["a", "b"])).toEqual([{ title: "L", checks: ["a", "b"] }]);
    expect(stepsOf({ title: "L", steps }, ["a"])).toBe(steps);
  });

  it("marks a step done when all its checks passed in the run, and keeps it done", () => {
    const once = doneAfterRun(steps, [{ name: "a", state: "passed" }, { name: "b", state: "passed" }, { name: "c", state: "failed" }], new Set());
    expect([...once]).toEqual([1]);
    const later = doneAfterRun(steps, [{ name: "a", state: "failed" }, { name: "b", state: "passed" }, { name: "c", state: "passed" }], once);
    expect([...later].sort()).toEqual([1, 2]);
  });

  it("never marks a reading step done by a run, only by leaving it", () => {
    expect(doneAfterRun(steps, [], new Set()).has(0)).toBe(false);
    expect([...doneAfterLeaving(steps, 0, new Set())]).toEqual([0]);
    expect([...doneAfterLeaving(steps, 1, new Set())]).toEqual([]);
  });

  it("counts a plain run, never one with a crash injected from the page", () => {
    expect(countsForProgress({ experiment: null })).toBe(true);
    expect(countsForProgress({ experiment: { events: [{ action: "crash", loop: 1, atMs: 0, worker: "w1" }], codeChanged: false } })).toBe(false);
  });

  it("finds the next lesson in the catalogue, none after the last", () => {
    const catalogue = [{ id: "a" }, { id: "b" }];
    expect(nextLesson(catalogue, "a")).toEqual({ id: "b" });
    expect(nextLesson(catalogue, "b")).toBeNull();
  });
});
