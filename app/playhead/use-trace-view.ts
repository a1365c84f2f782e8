// What every visualization renders from: the run's trace up to the playhead's moment. A
// visualization reads `trace` (the events that had happened by then) and `time`, never a moment
// of its own; to show something else it moves the one playhead (showEvent).
import { useCallback, useMemo } from "react";
import { useStore } from "zustand";
import type { TraceEvent } from "../../workers/trace";
import type { RunStore } from "../lesson/run-session";
import { seek, type PlayheadStore } from "./playhead";
import { momentOf } from "./timeline";

export interface TraceView {
  /** The events that had happened by the moment shown: a prefix of `all`, sorted by time. */
  trace: readonly TraceEvent[];
  /** The moment shown, in milliseconds on the run's clock. */
  time: number;
  /** Every event of the run so far. */
  all: readonly TraceEvent[];
  /** When the run's last event (or duration) ended. */
  end: number;
  /** The playhead follows the live edge (or rests at the end): nobody moved it. */
  atEnd: boolean;
  /** Moves the playhead to just after `event`, one of `all`. */
  showEvent: (event: TraceEvent) => void;
}

export function useTraceView(store: RunStore, playhead: PlayheadStore): TraceView {
  const all = useStore(store, (s) => s.trace);
  const end = useStore(store, (s) => s.traceEnd);
  const pinned = useStore(playhead, (s) => s.pinned);
  const showEvent = useCallback(
    (event: TraceEvent) => {
      const trace = store.getState().trace;
      const index = trace.indexOf(event);
      if (index !== -1) seek(playhead, momentOf(trace, index));
    },
    [store, playhead],
  );
  return useMemo(() => {
    if (pinned === null) return { trace: all, time: end, all, end, atEnd: true, showEvent };
    return { trace: all.slice(0, pinned.count), time: pinned.time, all, end, atEnd: false, showEvent };
  }, [all, end, pinned, showEvent]);
}
