// The progress file (progress-file.ts) against this browser's storage: what there is to export,
// and applying an import. Code an import replaces is kept as a way back (code-backups.ts), as
// every replacement of a learner's code is; the lesson's banner offers it the next time it opens.
import { isCompleted, lastOpened, markCompleted, noteOpened, saveCode, savedCode } from "./progress";
import { loadCodeRecord, replaced, saveCodeRecord } from "./code-backups";
import { toFile, type ImportPlan, type ProgressSnapshot } from "./progress-file";

export function currentProgress(ids: readonly string[]): ProgressSnapshot {
  const lessons: ProgressSnapshot["lessons"] = {};
  for (const id of ids) lessons[id] = { code: savedCode(id), completed: isCompleted(id) };
  return { lessons, lastLesson: lastOpened() };
}

/** The file's text and the name to save it under. */
export function exportProgress(ids: readonly string[], now: Date): { name: string; text: string } {
  return { name: `backend-playground-progress-${now.toISOString().slice(0, 10)}.json`, text: `${JSON.stringify(toFile(currentProgress(ids), now), null, 2)}\n` };
}

export function applyImport(plan: ImportPlan, now = Date.now()): void {
  for (const change of plan.changes) {
    const next = plan.apply[change.lesson];
    const before = savedCode(change.lesson);
    if (change.code !== null && next.code !== null) {
      // The code the file brings is the learner's own (they wrote it elsewhere).
      if (before !== null) {
        const record = loadCodeRecord(change.lesson);
        saveCodeRecord(change.lesson, replaced(record, { code: before, origin: record.origin ?? "mine" }, "import", "mine", now));
      }
      saveCode(change.lesson, next.code);
    }
    if (next.completed) markCompleted(change.lesson);
  }
  if (plan.lastLesson !== null) noteOpened(plan.lastLesson);
}
