// Picks the lesson's visualization (front matter `visualization:`) and puts the one playhead under
// it. Each visualization renders from the trace up to the playhead's moment (TraceView) and
// carries its own text alternative, which follows the playhead too.
import { lazy, Suspense, type ComponentType } from "react";
import type { RunStore } from "../lesson/run-session";
import type { PlayheadStore } from "../playhead/playhead";
import { Playhead } from "../playhead/Playhead";
import { useTraceView, type TraceView } from "../playhead/use-trace-view";
import type { VisualizationId } from "./ids";
import type { InjectedEvent } from "../../workers/injections";

export interface VisualizationProps {
  store: RunStore;
  view: TraceView;
  /**
   * Runs the learner's code again, as Run does, with these events injected (workers/injections.ts):
   * the tasks board's "Crash worker-1 here". Absent where the page cannot run code.
   */
  inject?: (events: InjectedEvent[]) => void;
}

const VISUALIZATIONS: Record<VisualizationId, ComponentType<VisualizationProps>> = {
  "run-timeline": lazy(() => import("./run-timeline/RunTimeline")),
  "routing": lazy(() => import("./routing/Routing")),
  "dependency-graph": lazy(() => import("./dependency-graph/DependencyGraph")),
  "middleware-onion": lazy(() => import("./middleware-onion/MiddlewareOnion")),
  "caching": lazy(() => import("./caching/Caching")),
  "search": lazy(() => import("./search/Search")),
  "pagination": lazy(() => import("./pagination/Pagination")),
  "pool": lazy(() => import("./pool/Pool")),
  "cluster": lazy(() => import("./cluster/Cluster")),
  "validation": lazy(() => import("./validation/ValidationView")),
  "serialization": lazy(() => import("./serialization/Serialization")),
  "dns": lazy(() => import("./dns/Dns")),
  "tasks": lazy(() => import("./tasks/Tasks")),
};

export function Visualization({ id, store, playhead, inject }: { id: string; store: RunStore; playhead: PlayheadStore; inject?: VisualizationProps["inject"] }) {
  const view = useTraceView(store, playhead);
  const Component = VISUALIZATIONS[id as VisualizationId];
  if (!Component) return <p className="pane__placeholder">This lesson names a visualization (“{id}”) that this version of the playground does not have.</p>;
  return (
    <>
      <Suspense fallback={<p className="pane__placeholder">Loading the visualization…</p>}>
        <Component store={store} view={view} inject={inject} />
      </Suspense>
      <Playhead store={store} playhead={playhead} />
    </>
  );
}
