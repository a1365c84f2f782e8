// Which steps of a lesson are done, pure: the page's hook (use-lesson-steps.ts) feeds it the
// checks of each finished run. A step is done once all its checks have passed in one run; a step
// without checks (a reading step) once the learner has moved on from it. Done stays done: a later
// run that breaks a check does not take a step back. A run with a crash injected from the page is
// an experiment and counts for nothing, neither steps nor the lesson's completion nor the last
// run's score: the checks were written for the code's own runs, and a worker killed at a moment
// the learner picked changes what they see (the solution's own signup check fails when a worker
// dies holding a job the visibility timeout cannot free in time), so its results say nothing
// about the code.
import type { LessonMeta, LessonStep } from "../../../build/lessons";

export interface CheckOutcome {
  name: string;
  state: "not-run" | "passed" | "failed";
}

/** The lesson's steps; a lesson without any is one step holding every check. */
export function stepsOf(lesson: Pick<LessonMeta, "title" | "steps">, checkNames: readonly string[]): LessonStep[] {
  return lesson.steps.length > 0 ? lesson.steps : [{ title: lesson.title, checks: [...checkNames] }];
}

/** Whether a finished run's checks count for progress: not an experiment's (a crash from the page). */
export function countsForProgress(run: { experiment: unknown }): boolean {
  return run.experiment === null;
}

/** The steps done after a run that reached its checks, given those done before. */
export function doneAfterRun(steps: readonly LessonStep[], checks: readonly CheckOutcome[], before: ReadonlySet<number>): Set<number> {
  const passed = new Set(checks.filter((c) => c.state === "passed").map((c) => c.name));
  const done = new Set(before);
  steps.forEach((step, i) => {
    if (step.checks.length > 0 && step.checks.every((name) => passed.has(name))) done.add(i);
  });
  return done;
}

/** The steps done once the learner leaves step `from` for another: a reading step is done by then. */
export function doneAfterLeaving(steps: readonly LessonStep[], from: number, before: ReadonlySet<number>): Set<number> {
  const done = new Set(before);
  if (steps[from]?.checks.length === 0) done.add(from);
  return done;
}

/** The lesson after this one in the catalogue's order, or null for the last. */
export function nextLesson<T extends { id: string }>(catalogue: readonly T[], id: string): T | null {
  const at = catalogue.findIndex((l) => l.id === id);
  return at >= 0 && at + 1 < catalogue.length ? catalogue[at + 1] : null;
}
