// localStorage that never throws: storage can be full, disabled or blocked (private modes,
// sandboxed iframes). A failure is remembered so the UI can tell the learner their work is only
// in this tab, and the value is still kept in memory.
import { createStore } from "zustand/vanilla";

export const storageHealth = createStore<{ problem: string | null }>(() => ({ problem: null }));

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
  try {
    const store = local();
    if (!store) throw new Error("storage is disabled");
    if (value === null) store.removeItem(key);
    else store.setItem(key, value);
    if (storageHealth.getState().problem) storageHealth.setState({ problem: null });
  } catch (e) {
    const full = e instanceof DOMException && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED");
    storageHealth.setState({
      problem: full
        ? "Your browser's storage is full, so your code is kept in this tab only. Use Share to keep a copy."
        : "Your browser is not letting this page save, so your code is kept in this tab only. Use Share to keep a copy.",
    });
  }
}
