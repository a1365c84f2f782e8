// storage.ts keeps what it wrote in memory when there is no localStorage (as in Node), so each
// test uses lesson ids of its own.
import { describe, expect, it } from "vitest";
import { completedWithSolution, isCompleted, lessonProgress, markCompleted, savedStep, saveStep, saveStepsDone, stepsDone } from "./progress";

describe("completions and steps", () => {
  it("records completing with the solution shown as such, not as solved", () => {
    markCompleted("shown-1", { solutionShown: true });
    expect(isCompleted("shown-1")).toBe(false);
    expect(completedWithSolution("shown-1")).toBe(true);
    expect(lessonProgress("shown-1")).toBe("solution-shown");
  });

  it("lets a later solve of one's own replace it, and never takes a solve back", () => {
    markCompleted("shown-2", { solutionShown: true });
    markCompleted("shown-2");
    expect(lessonProgress("shown-2")).toBe("completed");
    markCompleted("shown-2", { solutionShown: true });
    expect(lessonProgress("shown-2")).toBe("completed");
    expect(completedWithSolution("shown-2")).toBe(false);
  });

  it("keeps the step shown and the steps done", () => {
    expect(savedStep("steps-1")).toBe(0);
    saveStep("steps-1", 2);
    saveStepsDone("steps-1", new Set([2, 0]));
    expect(savedStep("steps-1")).toBe(2);
    expect([...stepsDone("steps-1")]).toEqual([0, 2]);
  });
});
