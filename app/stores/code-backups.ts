// The way back from every replacement of a lesson's code. Whatever replaces the code in the
// editor (a shared link, Reset code, Show solution, going back itself, and any future one) goes
// through `replaced`, which records the code it replaced, where that code came from and what
// replaced it, newest first, a few per lesson. Nothing overwrites an earlier backup: several
// replacements in a row keep every earlier version. The record lives in storage beside the code,
// so the banner that offers the ways back is drawn from it and survives a reload until dismissed.
import { readItem, writeItem } from "./storage";
import { savedCode } from "./progress";

/** Where the code in the editor came from. Only "mine" is the learner's own: the starter is not. */
export type CodeOrigin = "mine" | "starter" | "share" | "solution";

/** What replaced the code. "back" is going back to a backup; "earlier" a backup kept by an older version of the site; "host" the page embedding the lesson (setCode); "import" a progress file. */
export type Replacement = "share" | "reset" | "solution" | "back" | "earlier" | "host" | "import";

export interface Backup {
  /** The code that was replaced. */
  code: string;
  origin: CodeOrigin;
  by: Replacement;
  /** When (ms since the epoch). */
  at: number;
}

export interface CodeRecord {
  /** Where the code now saved came from; null when it was saved before records were kept. */
  origin: CodeOrigin | null;
  /** The code each replacement replaced, newest first, at most MAX_BACKUPS (the learner's own always among them): the ways back the banner offers until dismissed. */
  backups: Backup[];
  /** What happened last (what the banner says). */
  last: Replacement | null;
}

export const MAX_BACKUPS = 5;
export const EMPTY_RECORD: CodeRecord = { origin: null, backups: [], last: null };

const ORIGINS: readonly string[] = ["mine", "starter", "share", "solution"] satisfies CodeOrigin[];
const REPLACEMENTS: readonly string[] = ["share", "reset", "solution", "back", "earlier", "host", "import"] satisfies Replacement[];

// ---- Pure: what each event does to a record ----

/**
 * The newest MAX_BACKUPS, except that the learner's own code is never pushed out by a run of
 * replacements (Show solution, Reset code, Show solution, …): their newest backup takes the place
 * of the oldest other one.
 */
function within(backups: Backup[]): Backup[] {
  const kept = backups.slice(0, MAX_BACKUPS);
  if (kept.length === backups.length || kept.some((b) => b.origin === "mine")) return kept;
  const mine = backups.find((b) => b.origin === "mine");
  return mine ? [...kept.slice(0, MAX_BACKUPS - 1), mine] : kept;
}

/** `by` replaced code that came from `replaced.origin` with code that comes from `origin`. */
export function replaced(record: CodeRecord, replacedCode: { code: string; origin: CodeOrigin }, by: Replacement, origin: CodeOrigin, at = Date.now()): CodeRecord {
  const backup: Backup = { code: replacedCode.code, origin: replacedCode.origin, by, at };
  return { origin, backups: within([backup, ...record.backups]), last: by };
}

/** The learner typed: the code is now theirs. */
export function edited(record: CodeRecord): CodeRecord {
  return record.origin === "mine" ? record : { ...record, origin: "mine" };
}

/**
 * Goes back to backup `index`: its code returns, and the backups newer than it (the replacements
 * being undone) go; older ones stay offered. Going back is itself a replacement: if the code it
 * replaces is the learner's own, that is kept as a backup too; unedited code from a link, the
 * starter or the solution is not (the link, Reset code and Show solution bring it again).
 */
export function goneBack(record: CodeRecord, index: number, current: { code: string; origin: CodeOrigin }, at = Date.now()): { record: CodeRecord; code: string } {
  const backup = record.backups[index];
  if (!backup) return { record, code: current.code };
  const older: CodeRecord = { origin: backup.origin, backups: record.backups.slice(index + 1), last: "back" };
  if (current.origin === "mine" && current.code !== backup.code) return { record: replaced(older, current, "back", backup.origin, at), code: backup.code };
  return { record: older, code: backup.code };
}

/** The learner closed the banner: they need no way back, so the backups are forgotten (nothing hidden lingers in storage, filling it). */
export function dismissed(record: CodeRecord): CodeRecord {
  return { origin: record.origin, backups: [], last: null };
}

/** Where `code` came from: the starter is never the learner's own, even if they typed it back. */
export function originOf(record: CodeRecord, code: string, starter: string): CodeOrigin {
  if (code === starter) return "starter";
  return record.origin ?? "mine";
}

export function parseRecord(text: string | null): CodeRecord | null {
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== "object" || v === null) return null;
    const r = v as Record<string, unknown>;
    const origin = typeof r.origin === "string" && ORIGINS.includes(r.origin) ? (r.origin as CodeOrigin) : null;
    const backups = Array.isArray(r.backups)
      ? r.backups.filter(
          (b): b is Backup =>
            typeof b === "object" && b !== null && typeof b.code === "string" && ORIGINS.includes(b.origin) && REPLACEMENTS.includes(b.by) && typeof b.at === "number",
        )
      : [];
    const last = typeof r.last === "string" && REPLACEMENTS.includes(r.last) ? (r.last as Replacement) : null;
    return { origin, backups: backups.slice(0, MAX_BACKUPS), last };
  } catch {
    return null;
  }
}

// ---- Storage ----

const recordKey = (id: string) => `bp:code-backups:${id}`;
// Where the site used to keep one backup, before a shared link replaced the code. Read once, moved.
const oldBackupKey = (id: string) => `bp:code-before-share:${id}`;

export function loadCodeRecord(id: string): CodeRecord {
  const record = parseRecord(readItem(recordKey(id))) ?? EMPTY_RECORD;
  const old = readItem(oldBackupKey(id));
  if (old === null) return record;
  const moved = old === savedCode(id) ? record : { ...replaced(record, { code: old, origin: "mine" }, "earlier", "mine", 0), origin: record.origin };
  saveCodeRecord(id, moved);
  writeItem(oldBackupKey(id), null);
  return moved;
}

export function saveCodeRecord(id: string, record: CodeRecord): void {
  writeItem(recordKey(id), JSON.stringify(record));
}
