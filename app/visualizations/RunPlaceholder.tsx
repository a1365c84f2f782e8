// What a visualization says while it has nothing to draw: the run is going, no run yet (and what
// one will show), or the last run gave it nothing (and why).
import { useStore } from "zustand";
import type { RunStore } from "../lesson/run-session";

export function RunPlaceholder({ store, beforeFirstRun, nothingInRun }: { store: RunStore; beforeFirstRun: string; nothingInRun: string }) {
  const running = useStore(store, (s) => s.running);
  const runs = useStore(store, (s) => s.runs);
  return <p className="pane__placeholder">{running ? "Running…" : runs === 0 ? beforeFirstRun : nothingInRun}</p>;
}
