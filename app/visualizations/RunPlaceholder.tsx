// What a visualization says while it has nothing to draw: the run is going, no run yet (and what
// one will show), the playhead stands before anything it draws, or the last run gave it nothing
// (and why).
import { useStore } from "zustand";
import type { RunStore } from "../lesson/run-session";
import type { TraceView } from "../playhead/use-trace-view";
import { formatMs } from "./run-timeline/steps";

export function RunPlaceholder({ store, view, beforeFirstRun, nothingInRun }: { store: RunStore; view: TraceView; beforeFirstRun: string; nothingInRun: string }) {
  const running = useStore(store, (s) => s.running);
  const runs = useStore(store, (s) => s.runs);
  if (!view.atEnd && view.trace.length < view.all.length) {
    return <p className="pane__placeholder">Nothing to draw yet at {formatMs(view.time)} into the run. Press Play or step forward to see what happened next.</p>;
  }
  return <p className="pane__placeholder">{running ? "Running…" : runs === 0 ? beforeFirstRun : nothingInRun}</p>;
}
