// The page's injected crashes (workers/injections.ts) on one run()'s loop: "crash worker-1 at
// 150 ms of run() #3" becomes a timer of that loop, set before main starts, so everything up to
// that moment happens exactly as in the run the page showed (a run is deterministic).
//
// It lands at the END of that millisecond: after every handle and timer due then, before the clock
// moves on. The page's playhead stands on the board as it is after some event at that moment, and
// what the learner reads there ("worker-1 holds 1-0") is what a worker holds once the moment's work
// is done; a crash at its start would find a worker that has not yet taken the job it shows. So
// the timer re-queues itself until nothing else is ready or due at that moment. Times within
// SAME_MOMENT_MS count as one moment: the page computes atMs from times placed on the run's axis,
// where a sum of floats can be off by far less than that.
import type { EventLoop } from "./loop.ts";
import type { InjectedCrash } from "../injections.ts";
import type { InjectedTrace } from "./trace.ts";
import type { JobQueue } from "./queue/types.ts";
import { WorkerTask } from "./queue/worker-task.ts";

export const SAME_MOMENT_MS = 0.0005;
/** A moment whose work never drains (a task yielding forever at one instant) gets the crash after this many turns. */
const MAX_TURNS = 100_000;

type Report = Omit<InjectedTrace, "t" | "source" | "kind" | "action" | "worker" | "atMs" | "loopMs" | "loop">;

/**
 * Schedules each crash on `loop` (the running run()'s), looking the worker up among `queues()`
 * (the queues made in that run() so far) when it lands; `trace` gets the outcome in loop ms.
 * Returns what to call once the loop has ended: it reports the crashes whose moment never came.
 */
export function scheduleCrashes(loop: EventLoop, crashes: readonly InjectedCrash[], queues: () => readonly JobQueue<unknown>[], trace: (event: InjectedTrace) => void): () => void {
  const landed = new Set<InjectedCrash>();
  const report = (crash: InjectedCrash, body: Report) =>
    trace({ t: loop.time(), source: "tasks", kind: "injected", action: "crash", worker: crash.worker, atMs: crash.atMs, loopMs: loop.time(), ...body });

  // One timer per moment: two crashes at one moment must not wait for each other.
  const moments = new Map<number, InjectedCrash[]>();
  for (const crash of crashes) moments.set(crash.atMs, [...(moments.get(crash.atMs) ?? []), crash]);
  for (const [atMs, due] of moments) {
    let turns = 0;
    const attempt = () => {
      // This moment's work first: what is ready now, then the timers due within it.
      if (loop.readyCount > 0 && turns++ < MAX_TURNS) return void loop.callSoon(attempt, null);
      const next = loop.timers.nextAt();
      if (next !== undefined && next <= Math.max(atMs, loop.time()) + SAME_MOMENT_MS && turns++ < MAX_TURNS) return void loop.callAt(next, attempt, null);
      for (const crash of due) {
        landed.add(crash);
        land(crash, queues(), (body) => report(crash, body));
      }
    };
    loop.callAt(atMs, attempt, null);
  }
  return () => {
    for (const crash of crashes) if (!landed.has(crash)) report(crash, { outcome: "loop-ended" });
  };
}

function land(crash: InjectedCrash, queues: readonly JobQueue<unknown>[], report: (body: Report) => void): void {
  const found = queues.flatMap((queue) => queue.workers().filter((w) => w.name === crash.worker).map((w) => ({ queue, w })));
  const running = found.find(({ w }) => w.state === "running");
  if (running === undefined) {
    if (found.length === 0) {
      const workers = [...new Set(queues.flatMap((q) => q.workers().map((w) => w.name)))];
      return report({ outcome: "no-such-worker", workers });
    }
    const { queue, w } = found[found.length - 1];
    return report({ outcome: "not-running", queue: queue.name, state: w.state });
  }
  const { queue, w } = running;
  // Told before the crash, so the trace reads: the page's request, then the worker's death.
  report({ outcome: "crashed", queue: queue.name, holding: w.holding() });
  if (w instanceof WorkerTask) w.crash("page");
  else w.crash();
}
