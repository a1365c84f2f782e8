// Notices a worker that stopped answering. PGlite runs a statement synchronously inside its
// worker, and a statement that only computes (a PL/pgSQL loop, a nested loop over cached pages)
// never reaches the point where statement_timeout is delivered (timeouts.ts), so
// the worker's event loop is blocked for good. While watched, the worker is pinged; when no ping
// has been answered for `limitMs`, `onStuck` is called once and the watching ends.
export interface Watchdog {
  stop(): void;
}

export interface WatchOptions {
  ping: () => Promise<unknown>;
  /** How long without an answer counts as stuck: longer than any statement may legally run. */
  limitMs: number;
  onStuck: () => void;
  intervalMs?: number;
  now?: () => number;
}

export function watch({ ping, limitMs, onStuck, intervalMs = 500, now = () => performance.now() }: WatchOptions): Watchdog {
  let answeredAt = now();
  let waiting = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (now() - answeredAt > limitMs) {
      stop();
      onStuck();
      return;
    }
    // One ping at a time: a busy worker answers them all at once when it is free again.
    if (waiting) return;
    waiting = true;
    void ping().then(
      () => {
        waiting = false;
        answeredAt = now();
      },
      () => (waiting = false),
    );
  }, intervalMs);
  function stop(): void {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
  }
  return { stop };
}
