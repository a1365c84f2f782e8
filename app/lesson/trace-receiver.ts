// The page's end of a run's trace stream (workers/sandbox/trace-stream.ts): batches go into the
// run's store at most once per animation frame, merged by time, at most TRACE_CAP events kept.
import type { StoreApi } from "zustand/vanilla";
import type { TraceEvent } from "../../workers/trace";
import { TRACE_CAP, type TraceBatch } from "../../workers/sandbox/trace-stream";
import { endOf, mergeByTime } from "../playhead/timeline";

/** What of a run's state the receiver keeps up to date. */
export interface TraceState {
  trace: readonly TraceEvent[];
  traceDropped: number;
  traceEnd: number;
}

/** The next animation frame, or a frame's time later where there are none (Node). */
const nextFrame = (callback: () => void) => (typeof requestAnimationFrame === "function" ? requestAnimationFrame(callback) : setTimeout(callback, 16));

/**
 * Takes a run's trace batches as they arrive and puts them in the store at most once per animation
 * frame, so a run that streams many batches costs the page one update a frame. Keeps at most
 * TRACE_CAP events (the sandbox's own always) and counts the rest.
 */
export function receiveTrace(store: StoreApi<TraceState>, current: () => boolean) {
  let pending: TraceEvent[] = [];
  /** Dropped by the sandbox (it says how many so far) and here. */
  let droppedThere = 0;
  let droppedHere = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!current()) return;
    const incoming = pending;
    pending = [];
    store.setState((s) => {
      if (incoming.length === 0 && s.traceDropped === droppedThere + droppedHere) return s;
      let room = TRACE_CAP - s.trace.length;
      const kept = incoming.filter((e) => {
        if (room > 0 || e.source === "sandbox") return room--, true;
        return droppedHere++, false;
      });
      const traceEnd = kept.reduce((end, e) => Math.max(end, endOf(e)), s.traceEnd);
      return { trace: mergeByTime(s.trace, kept), traceEnd, traceDropped: droppedThere + droppedHere };
    });
  };
  return {
    receive(batch: TraceBatch) {
      if (!current()) return;
      for (const e of batch.events) pending.push(e);
      droppedThere = Math.max(droppedThere, batch.dropped);
      if (!scheduled) {
        scheduled = true;
        nextFrame(flush);
      }
    },
    flush,
  };
}

