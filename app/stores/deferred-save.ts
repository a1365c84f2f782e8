// Saving off the keystroke path. A localStorage write is synchronous (and slow for a large file),
// so edits are saved once typing pauses, or every few seconds while it goes on, and at once when
// the page may be going away (pagehide, a hidden tab) or something needs the saved code now (a
// Run, a replacement, leaving the lesson): `flush`.

export interface DeferredSave {
  /** Something changed: save it soon. */
  schedule(): void;
  /** Save now if anything is waiting. */
  flush(): void;
  /** Flush, and stop saving (the lesson is closing). */
  dispose(): void;
}

export function createDeferredSave(save: () => void, options: { idleMs?: number; maxWaitMs?: number } = {}): DeferredSave {
  const { idleMs = 400, maxWaitMs = 3000 } = options;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** When the oldest unsaved change was scheduled; null when nothing waits. */
  let waitingSince: number | null = null;
  let disposed = false;

  function flush(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (waitingSince === null) return;
    waitingSince = null;
    save();
  }

  return {
    schedule() {
      if (disposed) return;
      const now = Date.now();
      waitingSince ??= now;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(flush, Math.max(0, Math.min(idleMs, waitingSince + maxWaitMs - now)));
    },
    flush,
    dispose() {
      flush();
      disposed = true;
    },
  };
}

/** Calls `flush` whenever the page may be about to go away; returns the way to stop. */
export function flushWhenPageHides(flush: () => void): () => void {
  const onHidden = () => {
    if (document.visibilityState === "hidden") flush();
  };
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", onHidden);
  return () => {
    window.removeEventListener("pagehide", flush);
    document.removeEventListener("visibilitychange", onHidden);
  };
}
