// What a learner has done, per lesson, saved in the browser: their code and whether every check has
// passed. Keys are stable (lesson ids: docs/architecture.md, "Contracts") so progress survives new
// releases.
import { createStore } from "zustand/vanilla";
import { useStore } from "zustand";
import { readItem, writeItem } from "./storage";

const codeKey = (id: string) => `bp:code:${id}`;
const doneKey = (id: string) => `bp:completed:${id}`;
// Completed with the solution on screen (Show solution, or Compare with mine): not solved.
const solutionShownKey = (id: string) => `bp:completed-with-solution:${id}`;
const stepKey = (id: string) => `bp:step:${id}`;
const stepsDoneKey = (id: string) => `bp:steps-done:${id}`;

interface ProgressState {
  /** Bumped on every change so subscribers re-read. */
  version: number;
}

export const progress = createStore<ProgressState>(() => ({ version: 0 }));
const changed = () => progress.setState((s) => ({ version: s.version + 1 }));

export function savedCode(id: string): string | null {
  return readItem(codeKey(id));
}

/** Saves the code in the editor. Replacing the learner's code goes through use-lesson-code's replaceCode, which keeps a way back first (code-backups.ts). */
export function saveCode(id: string, code: string): void {
  writeItem(codeKey(id), code);
  changed();
}

export function forgetCode(id: string): void {
  writeItem(codeKey(id), null);
  changed();
}

export function isCompleted(id: string): boolean {
  return readItem(doneKey(id)) === "1";
}

/** All checks passed; with the solution shown it is recorded as such, and a lesson solved before stays solved. */
export function markCompleted(id: string, how: { solutionShown: boolean } = { solutionShown: false }): void {
  if (isCompleted(id)) return;
  if (how.solutionShown) {
    if (completedWithSolution(id)) return;
    writeItem(solutionShownKey(id), "1");
  } else {
    writeItem(doneKey(id), "1");
    writeItem(solutionShownKey(id), null);
  }
  changed();
}

export function completedWithSolution(id: string): boolean {
  return !isCompleted(id) && readItem(solutionShownKey(id)) === "1";
}

/** The step the learner was on (0 when none was kept). */
export function savedStep(id: string): number {
  const n = Number(readItem(stepKey(id)));
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

export function saveStep(id: string, step: number): void {
  writeItem(stepKey(id), String(step));
}

/** The steps done, by index. */
export function stepsDone(id: string): Set<number> {
  try {
    const v = JSON.parse(readItem(stepsDoneKey(id)) ?? "[]") as unknown;
    return new Set(Array.isArray(v) ? v.filter((n): n is number => Number.isInteger(n) && n >= 0) : []);
  } catch {
    return new Set();
  }
}

export function saveStepsDone(id: string, done: ReadonlySet<number>): void {
  writeItem(stepsDoneKey(id), JSON.stringify([...done].sort((a, b) => a - b)));
  changed();
}

const LAST_LESSON_KEY = "bp:last-lesson";
const lastRunKey = (id: string) => `bp:last-run:${id}`;

/** The lesson opened last (not as an embed): where "Continue where you left off" goes. */
export function noteOpened(id: string): void {
  if (readItem(LAST_LESSON_KEY) === id) return;
  writeItem(LAST_LESSON_KEY, id);
  changed();
}

export function lastOpened(): string | null {
  return readItem(LAST_LESSON_KEY);
}

/** How a lesson's last run that reached its checks went. */
export interface LastRun {
  passed: number;
  total: number;
}

export function saveLastRun(id: string, run: LastRun): void {
  writeItem(lastRunKey(id), JSON.stringify(run));
  changed();
}

export function lastRun(id: string): LastRun | null {
  try {
    const v = JSON.parse(readItem(lastRunKey(id)) ?? "null") as Partial<LastRun> | null;
    return v && Number.isInteger(v.passed) && Number.isInteger(v.total) && v.passed! >= 0 && v.passed! <= v.total! ? { passed: v.passed!, total: v.total! } : null;
  } catch {
    return null;
  }
}

export type LessonProgress = "completed" | "solution-shown" | "started" | "not-started";

export function lessonProgress(id: string): LessonProgress {
  if (isCompleted(id)) return "completed";
  if (completedWithSolution(id)) return "solution-shown";
  return savedCode(id) !== null ? "started" : "not-started";
}

/** Re-renders when any progress changes. */
export function useProgressVersion(): number {
  return useStore(progress, (s) => s.version);
}
