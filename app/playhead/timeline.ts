// The moments of a run's trace that the playhead can stand on. The page keeps a run's events
// sorted by their time `t` (arrival order among equals), so "what had happened by then" is always
// a prefix of the trace: a Moment is that prefix's length and the run-clock time it stands at
// (docs/architecture.md, "The trace and the playhead").
import type { TraceEvent } from "../../workers/trace";

export interface Moment {
  /** The first `count` events of the sorted trace had happened. */
  count: number;
  /** Milliseconds on the run's clock (≥ the time of every counted event). */
  time: number;
}

/** When an event ends: its time, plus its duration for the events that have one. */
export function endOf(event: TraceEvent): number {
  const duration = (event as { durationMs?: unknown }).durationMs;
  return typeof duration === "number" && duration > 0 ? event.t + duration : event.t;
}

/** `trace` (sorted) with `batch` merged in, still sorted and stable: earlier arrivals first among equal times. */
export function mergeByTime(trace: readonly TraceEvent[], batch: readonly TraceEvent[]): TraceEvent[] {
  if (batch.length === 0) return trace as TraceEvent[];
  const sorted = isSorted(batch) ? batch : [...batch].sort((a, b) => a.t - b.t); // Array#sort is stable
  // Nearly always: the batch comes after everything already here.
  if (trace.length === 0 || sorted[0].t >= trace[trace.length - 1].t) return trace.concat(sorted);
  const merged: TraceEvent[] = new Array(trace.length + sorted.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < trace.length && j < sorted.length) merged[k++] = sorted[j].t < trace[i].t ? sorted[j++] : trace[i++];
  while (i < trace.length) merged[k++] = trace[i++];
  while (j < sorted.length) merged[k++] = sorted[j++];
  return merged;
}

function isSorted(events: readonly TraceEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i].t < events[i - 1].t) return false;
  return true;
}

/** How many events of the sorted `trace` happened at or before `time` (binary search); any list sorted by `t` will do. */
export function countAt(trace: readonly { t: number }[], time: number): number {
  let lo = 0;
  let hi = trace.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (trace[mid].t <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The moment at run-clock `time`: every event up to it. */
export function momentAt(trace: readonly TraceEvent[], time: number): Moment {
  return { count: countAt(trace, time), time: Math.max(0, time) };
}

/** The moment just before anything happened. */
export const START: Moment = { count: 0, time: 0 };

/** The moment right after event `index` (of the sorted trace) happened. */
export function momentOf(trace: readonly TraceEvent[], index: number): Moment {
  const event = trace[index];
  // Events at the same time as this one but after it in the trace have not happened yet.
  return { count: index + 1, time: event ? event.t : 0 };
}

/**
 * One event later; null means the end of the run (every event, and every duration finished). A
 * moment past the last event steps to the end.
 */
export function nextMoment(trace: readonly TraceEvent[], from: Moment | null, end: number): Moment | null {
  if (from === null) return null;
  if (from.count < trace.length) return momentOf(trace, from.count);
  return end > from.time ? null : from;
}

/** One event earlier; from the end, the last event (or the one before, when the end adds nothing). */
export function previousMoment(trace: readonly TraceEvent[], from: Moment | null, end: number): Moment {
  if (trace.length === 0) return START;
  if (from === null) {
    const last = momentOf(trace, trace.length - 1);
    return end > last.time ? last : previousMoment(trace, last, end);
  }
  // A moment between two events (reached by scrubbing or playing) steps back to the last one it shows.
  const showing = from.count > 0 ? momentOf(trace, from.count - 1) : START;
  if (showing.count === from.count && showing.time < from.time) return showing;
  return from.count <= 1 ? START : momentOf(trace, from.count - 2);
}
