// The progress file: all of a learner's progress and code as one versioned JSON file, to carry to
// another browser or keep. Pure: what a file holds (`toFile`), reading one with a message that
// names what is wrong (`readFile`), and what importing it would change (`planImport`). The merge
// rules are the learner's safety: a completion is never lost, code only replaces different code
// (and the replaced code is kept as a way back by whoever applies the plan), and lessons this site
// does not have are left out and named.

export const FORMAT = "backend-playground-progress";
export const FILE_VERSION = 1;
/** Larger than any honest file (a few KB of code per lesson), small enough to read at once. */
export const MAX_FILE_CHARS = 5_000_000;

export interface LessonSnapshot {
  /** The learner's saved code; null when they never changed the starter. */
  code: string | null;
  completed: boolean;
}

/** Progress and code as one browser holds them. */
export interface ProgressSnapshot {
  lessons: Record<string, LessonSnapshot>;
  /** The lesson opened last ("Continue where you left off"). */
  lastLesson: string | null;
}

/** The file, as JSON. Version 1: only lessons with code or a completion are written. */
export interface ProgressFileV1 {
  format: typeof FORMAT;
  version: typeof FILE_VERSION;
  exportedAt: string;
  lastLesson: string | null;
  lessons: Record<string, { code?: string; completed: boolean }>;
}

export function toFile(snapshot: ProgressSnapshot, now: Date): ProgressFileV1 {
  const lessons: ProgressFileV1["lessons"] = {};
  for (const [id, lesson] of Object.entries(snapshot.lessons)) {
    if (lesson.code === null && !lesson.completed) continue;
    lessons[id] = lesson.code === null ? { completed: lesson.completed } : { code: lesson.code, completed: lesson.completed };
  }
  return { format: FORMAT, version: FILE_VERSION, exportedAt: now.toISOString(), lastLesson: snapshot.lastLesson, lessons };
}

export type ReadResult = { ok: true; snapshot: ProgressSnapshot; exportedAt: string | null } | { ok: false; error: string };

const fail = (error: string): ReadResult => ({ ok: false, error });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads a progress file; the error says what is wrong in words a learner can act on. */
export function readFile(text: string): ReadResult {
  // 1. Something we can read at all.
  if (text.length > MAX_FILE_CHARS) return fail(`This file is ${(text.length / 1e6).toFixed(1)} MB; a progress file is far smaller (at most ${MAX_FILE_CHARS / 1e6} MB).`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail(`This file is not a progress file: it is not JSON (${(e as Error).message}).`);
  }
  // 2. Ours, and a version this site reads.
  if (!isObject(data) || data.format !== FORMAT) return fail(`This file is not a Backend Playground progress file: its "format" should be "${FORMAT}".`);
  if (typeof data.version !== "number" || !Number.isInteger(data.version) || data.version < 1) return fail(`This progress file has no valid "version" (it should be ${FILE_VERSION}).`);
  if (data.version > FILE_VERSION) return fail(`This progress file was written by a newer version of Backend Playground (file version ${data.version}); this site reads version ${FILE_VERSION}. Reload the page to get the newest site.`);
  // 3. Each lesson's fields.
  if (!isObject(data.lessons)) return fail(`This progress file has no "lessons" object.`);
  const lessons: Record<string, LessonSnapshot> = {};
  for (const [id, value] of Object.entries(data.lessons)) {
    if (!isObject(value)) return fail(`Lesson "${id}" in this file is not an object.`);
    if (value.code !== undefined && value.code !== null && typeof value.code !== "string") return fail(`Lesson "${id}" in this file has code that is not text.`);
    if (value.completed !== undefined && typeof value.completed !== "boolean") return fail(`Lesson "${id}" in this file has "completed" that is neither true nor false.`);
    lessons[id] = { code: typeof value.code === "string" ? value.code : null, completed: value.completed === true };
  }
  const lastLesson = typeof data.lastLesson === "string" ? data.lastLesson : null;
  return { ok: true, snapshot: { lessons, lastLesson }, exportedAt: typeof data.exportedAt === "string" ? data.exportedAt : null };
}

/** What importing does to one lesson. */
export interface LessonChange {
  lesson: string;
  /** "added": this browser had no code for it; "replaced": its code differs (the old code is kept as a way back). */
  code: "added" | "replaced" | null;
  /** The file marks it completed and this browser does not yet. */
  completes: boolean;
}

export interface ImportPlan {
  changes: LessonChange[];
  /** Lessons in the file that this site does not have: left out. */
  unknown: string[];
  /** The lesson to continue with, when this browser has none yet. */
  lastLesson: string | null;
  /** What to write, lesson by lesson (only the changed ones). */
  apply: Record<string, LessonSnapshot>;
}

/** What importing `incoming` over `current` would change; `known` says which lesson ids this site has. */
export function planImport(current: ProgressSnapshot, incoming: ProgressSnapshot, known: (id: string) => boolean): ImportPlan {
  const changes: LessonChange[] = [];
  const unknown: string[] = [];
  const apply: Record<string, LessonSnapshot> = {};
  for (const [id, theirs] of Object.entries(incoming.lessons)) {
    if (!known(id)) {
      unknown.push(id);
      continue;
    }
    const mine = current.lessons[id] ?? { code: null, completed: false };
    // No code in the file keeps this browser's; the same code is no change.
    const code = theirs.code === null || theirs.code === mine.code ? null : mine.code === null ? "added" : "replaced";
    // A completion is never taken back.
    const completes = theirs.completed && !mine.completed;
    if (code === null && !completes) continue;
    changes.push({ lesson: id, code, completes });
    apply[id] = { code: code === null ? mine.code : theirs.code, completed: mine.completed || theirs.completed };
  }
  const lastLesson = current.lastLesson === null && incoming.lastLesson !== null && known(incoming.lastLesson) ? incoming.lastLesson : null;
  return { changes, unknown, lastLesson, apply };
}
