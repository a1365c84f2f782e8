// Picks the lesson's visualization (front matter `visualization:`); each renders from the run's
// trace alone and carries its own text alternative.
import { lazy, Suspense, type ComponentType } from "react";
import type { RunStore } from "../lesson/run-session";
import type { VisualizationId } from "./ids";

export interface VisualizationProps {
  store: RunStore;
}

const VISUALIZATIONS: Record<VisualizationId, ComponentType<VisualizationProps>> = {
  "run-timeline": lazy(() => import("./run-timeline/RunTimeline")),
  "routing": lazy(() => import("./routing/Routing")),
  "dependency-graph": lazy(() => import("./dependency-graph/DependencyGraph")),
  "middleware-onion": lazy(() => import("./middleware-onion/MiddlewareOnion")),
  "caching": lazy(() => import("./caching/Caching")),
  "search": lazy(() => import("./search/Search")),
  "pagination": lazy(() => import("./pagination/Pagination")),
};

export function Visualization({ id, store }: { id: string; store: RunStore }) {
  const Component = VISUALIZATIONS[id as VisualizationId];
  if (!Component) return <p className="pane__placeholder">This lesson names a visualization (“{id}”) that this version of the playground does not have.</p>;
  return (
    <Suspense fallback={<p className="pane__placeholder">Loading the visualization…</p>}>
      <Component store={store} />
    </Suspense>
  );
}
