// localStorage that never throws: storage can be full, disabled or blocked (private modes,
// sandboxed iframes). A failure is remembered per key, so the UI can tell the learner their work
// is only in this tab, and the value is still kept in memory. The warning lasts until that same
// key is written successfully (the thing that was not saved now is) or the learner dismisses it:
// an unrelated successful write (the theme, the pane sizes) does not make it true again.
import { createStore } from "zustand/vanilla";

export type StorageFailure = "full" | "blocked";

interface StorageHealth {
  /** Keys whose last write failed, and why. */
  failed: Record<string, StorageFailure>;
  /** The learner closed the warning; it comes back when another key fails. */
  dismissed: boolean;
}

export const storageHealth = createStore<StorageHealth>(() => ({ failed: {}, dismissed: false }));

/** The warning to show, if any. */
export function storageProblem(health: StorageHealth): string | null {
  const kinds = Object.values(health.failed);
  if (health.dismissed || kinds.length === 0) return null;
  return kinds.includes("blocked")
    ? "Your browser is not letting this page save, so your code is kept in this tab only. Use Share to keep a copy."
    : "Your browser's storage is full, so your code is kept in this tab only. Use Share to keep a copy.";
}

export function dismissStorageProblem(): void {
  storageHealth.setState({ dismissed: true });
}

const memory = new Map<string, string>();

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
  const { failed } = storageHealth.getState();
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
    const full = e instanceof DOMException && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED");
    const kind: StorageFailure = full ? "full" : "blocked";
    if (failed[key] === kind) return;
    // A key that was saving fine (or failing for another reason) is news: show the warning again.
    storageHealth.setState({ failed: { ...failed, [key]: kind }, dismissed: false });
  }
}
