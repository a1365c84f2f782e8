// What the queue board offers to crash at the playhead's moment (workers/injections.ts): the
// workers of that queue running then, each with the jobs it holds. A crash from the page lands at
// the END of its virtual millisecond, after everything the loop does then (workers/tasks/injected.ts),
// so the offers are the queue as it stands once that moment's events have all happened, read
// from the whole trace: the picture at the playhead may stand between two events of that moment.
// Pure.
import { queueStates } from "./queue-state";
import type { QueueEvent, TasksEvent } from "./read";

/** Times within this of each other are one moment (the same tolerance as the engine's SAME_MOMENT_MS). */
const SAME_MOMENT_MS = 0.0005;

export interface CrashOffer {
  worker: string;
  /** The jobs it holds at the end of that moment. */
  holding: string[];
}

export interface CrashMoment {
  loop: number;
  /** The moment in that run()'s own virtual ms (what the run request names). */
  atMs: number;
  offers: CrashOffer[];
}

/** Where each run() lies on the run's axis: its start (main created, at its loop's 0 ms) and its last event. */
export function loopSpans(tasks: readonly TasksEvent[], queue: readonly QueueEvent[]): Map<number, { start: number; end: number }> {
  const spans = new Map<number, { start: number; end: number }>();
  for (const e of tasks) {
    // runToOutcome makes main first, at the loop's time 0: its creation is where the loop starts.
    if (e.kind === "task" && e.phase === "created" && e.task === "main" && e.loop !== undefined && !spans.has(e.loop)) spans.set(e.loop, { start: e.t, end: e.t });
  }
  for (const e of [...tasks, ...queue]) {
    const span = e.loop === undefined ? undefined : spans.get(e.loop);
    if (span) span.end = Math.max(span.end, e.t + (e.kind === "loop-blocked" ? e.durationMs : 0));
  }
  return spans;
}

/** µs are enough to name a moment of a loop, and keep the axis's float sums out of the request. */
const roundMs = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * The crash offers of queue `name` of run() `loop` at `time` (the playhead's, on the run's axis),
 * or null when that run() is not going on then (before its start or after its last event, by
 * `spans`, loopSpans' answer for the whole run).
 */
export function crashMoment(spans: ReadonlyMap<number, { start: number; end: number }>, queue: readonly QueueEvent[], loop: number, name: string, time: number): CrashMoment | null {
  const span = spans.get(loop);
  if (!span || time < span.start || time > span.end) return null;
  const [state] = queueStates(queue.filter((e) => e.loop === loop && e.queue === name && e.t <= time + SAME_MOMENT_MS));
  if (!state) return { loop, atMs: roundMs(time - span.start), offers: [] };
  const offers = [...state.workers]
    .filter(([, s]) => s === "running")
    .map(([worker]) => ({ worker, holding: state.jobs.filter((j) => j.place === "pending" && j.worker === worker).map((j) => j.id) }));
  return { loop, atMs: roundMs(time - span.start), offers };
}

/** The first time a worker of that queue took a job: a moment worth crashing at. */
export function firstTake(queue: readonly QueueEvent[], loop: number, name: string): Extract<QueueEvent, { kind: "read" }> | null {
  const read = queue.find((e) => e.loop === loop && e.queue === name && e.kind === "read");
  return (read as Extract<QueueEvent, { kind: "read" }> | undefined) ?? null;
}
