// The viz half of the cluster bench: the real `cluster` visualization (app/visualizations/cluster/
// Cluster.tsx, with the app's styles) rendered with React from a run that keeps growing, while
// VIZ_RATE client messages a second flow through a pub/sub cluster (viz-flow.ts). Each animation
// frame the synthetic run advances to the page's clock: its new events go to the run's store
// through the page's real receiver (receiveTrace: one store update a frame), and the one playhead
// follows the live edge as it does during a run (useTraceView), so the picture moves on every
// frame. Frames are counted as the blank-canvas peer counts them (frames.ts). The events are made
// on this thread, where a lesson's arrive from the sandbox's worker already made: a few hundred
// small objects a frame.
import { createRoot } from "react-dom/client";
import { createStore } from "zustand/vanilla";
import "../../app/styles.css";
import { receiveTrace } from "../../app/lesson/trace-receiver";
import type { RunState, RunStore } from "../../app/lesson/run-session";
import { createPlayhead, type PlayheadStore } from "../../app/playhead/playhead";
import { useTraceView } from "../../app/playhead/use-trace-view";
import Cluster from "../../app/visualizations/cluster/Cluster";
import { countFrames } from "./frames";
import type { VizResult } from "./messages";
import { Flow, VIZ_WARMUP_MS, VIZ_WINDOW_MS } from "./viz-flow";

function Pane({ store, playhead }: { store: RunStore; playhead: PlayheadStore }) {
  const view = useTraceView(store, playhead);
  return (
    <div style={{ width: 720, padding: 8 }}>
      <Cluster store={store} view={view} />
    </div>
  );
}

export function vizRun(): () => Promise<VizResult> {
  const store: RunStore = createStore<RunState>(() => ({ running: true, outcome: "running", status: "Running…", tone: "running", output: [], dropped: 0, checks: [], markers: [], trace: [], traceDropped: 0, traceEnd: 0, runs: 1, experiment: null }));
  const playhead = createPlayhead();
  createRoot(document.getElementById("root")!).render(<Pane store={store} playhead={playhead} />);
  return async () => {
    const receiver = receiveTrace(store, () => true);
    const flow = new Flow();
    const start = performance.now();
    let atOpen = 0;
    const count = await countFrames(VIZ_WARMUP_MS, VIZ_WINDOW_MS, (now) => {
      if (!atOpen && now - start >= VIZ_WARMUP_MS) atOpen = flow.messages;
      const events = flow.until(now - start);
      if (events.length) receiver.receive({ events, dropped: 0 });
    });
    const s = store.getState();
    return { mode: "viz-ours", ...count, fps: (count.frames / count.windowMs) * 1000, messages: flow.messages - atOpen, events: s.trace.length + s.traceDropped };
  };
}
