// A run's store and the playhead's view of it at one moment, without a lesson page: for the
// picture's render test and for looking at it in a scratch page.
import { createStore } from "zustand/vanilla";
import type { TraceEvent } from "../../../../workers/trace";
import type { RunState, RunStore } from "../../../lesson/run-session";
import { endOf, momentAt } from "../../../playhead/timeline";
import type { TraceView } from "../../../playhead/use-trace-view";

export function finishedRun(trace: readonly TraceEvent[]): RunStore {
  return createStore<RunState>(() => ({ running: false, outcome: "passed", status: "", tone: "neutral", output: [], dropped: 0, checks: [], markers: [], trace, traceDropped: 0, traceEnd: runEnd(trace), runs: 1, experiment: null }));
}

export function runEnd(trace: readonly TraceEvent[]): number {
  return trace.reduce((end, e) => Math.max(end, endOf(e)), 0);
}

/** The view at run-clock `time` (null: the end, as when the playhead follows the run). */
export function viewAt(all: readonly TraceEvent[], time: number | null, showEvent: (e: TraceEvent) => void = () => {}): TraceView {
  const end = runEnd(all);
  if (time === null) return { trace: all, time: end, all, end, atEnd: true, showEvent };
  const moment = momentAt(all, time);
  return { trace: all.slice(0, moment.count), time: moment.time, all, end, atEnd: false, showEvent };
}
