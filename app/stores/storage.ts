// localStorage that never throws: storage can be full, disabled or blocked (private modes,
// sandboxed iframes). A failure is remembered per key, so the UI can tell the learner their work
// is only in this tab, and the value is still kept in memory. The warning lasts until that same
// key is written successfully (the thing that was not saved now is) or the learner dismisses it:
// an unrelated successful write (the theme, the pane sizes) does not make it true again. A page
// whose storage is refused from the start (storage disabled, or a third-party frame the browser
// keeps from storage) is told so once, on load, and works in memory: every write fails there, so
// a failure is no news and the note, once dismissed, stays away.
import { createStore } from "zustand/vanilla";

export type StorageFailure = "full" | "blocked";

interface StorageHealth {
  /** Keys whose last write failed, and why. */
  failed: Record<string, StorageFailure>;
  /** The learner closed the warning; it comes back when another key fails (unless `memoryOnly`). */
  dismissed: boolean;
  /** The browser refused storage when the page asked on load (`probeStorage`): everything is in memory. */
  memoryOnly: boolean;
}

export const storageHealth = createStore<StorageHealth>(() => ({ failed: {}, dismissed: false, memoryOnly: false }));

/** The warning to show, if any; `embed`: the lesson is framed by another page, whose learner has no home page to export from. */
export function storageProblem(health: StorageHealth, embed = false): string | null {
  if (health.dismissed) return null;
  if (health.memoryOnly) {
    return embed
      ? "Your browser does not let this embedded lesson save, so your code lasts only while this page is open."
      : "Your browser is not letting this page save, so your code and progress last only while this tab is open. Export your progress from the home page to keep a copy.";
  }
  const kinds = Object.values(health.failed);
  if (kinds.length === 0) return null;
  return kinds.includes("blocked")
    ? "Your browser is not letting this page save, so your code is kept in this tab only. Use Share to keep a copy."
    : "Your browser's storage is full, so your code is kept in this tab only. Use Share to keep a copy.";
}

export function dismissStorageProblem(): void {
  storageHealth.setState({ dismissed: true });
}

const memory = new Map<string, string>();

function isFull(e: unknown): boolean {
  return e instanceof DOMException && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED");
}
const PROBE_KEY = "bp:probe";

/** Asks once, on load, whether the browser lets this page save at all; if not, says so now rather than at the first edit. */
export function probeStorage(): boolean {
  try {
    const store = local();
    if (!store) throw new Error("storage is disabled");
    store.setItem(PROBE_KEY, "1");
    store.removeItem(PROBE_KEY);
    return true;
  } catch (e) {
    // Full is not refused: there may be room for what the learner saves next.
    if (!isFull(e)) storageHealth.setState({ memoryOnly: true });
    return isFull(e);
  }
}

/** Whether everything is kept in memory only (the browser refused storage on load). */
export function isMemoryOnly(): boolean {
  return storageHealth.getState().memoryOnly;
}

function local(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function readItem(key: string): string | null {
  if (memory.has(key)) return memory.get(key)!;
  try {
    return local()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeItem(key: string, value: string | null): void {
  if (value === null) memory.delete(key);
  else memory.set(key, value);
  const { failed, memoryOnly } = storageHealth.getState();
  try {
    const store = local();
    if (!store) throw new Error("storage is disabled");
    if (value === null) store.removeItem(key);
    else store.setItem(key, value);
    if (key in failed) {
      const { [key]: _saved, ...rest } = failed;
      storageHealth.setState({ failed: rest });
    }
  } catch (e) {
    const kind: StorageFailure = isFull(e) ? "full" : "blocked";
    if (failed[key] === kind) return;
    if (memoryOnly) return storageHealth.setState({ failed: { ...failed, [key]: kind } }); // said once already, on load
    // A key that was saving fine (or failing for another reason) is news: show the warning again.
    storageHealth.setState({ failed: { ...failed, [key]: kind }, dismissed: false });
  }
}
