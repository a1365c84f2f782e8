// The run's clock as every engine of a run reads it (ModuleEnv.now). It reads the run's real
// milliseconds, except while an engine in virtual time runs and has placed its own time on the
// run's axis (playground/tasks, for the length of a `run()`): then it reads that placed time. So
// what another engine does inside that run — a FastAPI request made from a loop task, answered
// by an endpoint that awaits the loop — is stamped on the same axis as the loop's own events, and
// its durations are the loop's virtual milliseconds, not the few real ones it took.
//
// One run clock per run, made by the runner: its state lives in this closure, never in a module
// global (the modules are hardened in the browser, and a run must not see the previous one's).

export interface RunClock {
  now(): number;
  /**
   * Reads `placed` instead of the real clock until the returned release is called. One engine at
   * a time: asyncio refuses a loop inside a running one, and so does a second placement.
   */
  place(placed: () => number): () => void;
}

export function runClock(real: () => number): RunClock {
  let placed: (() => number) | null = null;
  return {
    now: () => (placed === null ? real() : placed()),
    place(fn) {
      if (placed !== null) throw new Error("the run's clock is already placed on a running loop's time");
      placed = fn;
      return () => {
        if (placed === fn) placed = null;
      };
    },
  };
}
