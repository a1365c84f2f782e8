// The WebSockets lesson's picture of a cluster: clients → load balancer → workers → broker →
// workers → clients, with every frame moving along its path at the playhead's time and an ✕ where
// one was lost; the workers' and broker's counters; then the same in words — each worker, the last
// messages and whom they reached, every loss. All of it from the cluster engine's trace
// (workers/cluster/trace.ts) up to the playhead; a run with several clusters shows the last one
// begun by then, and the picker moves the playhead to another.
import { useMemo, useState } from "react";
import { useStore } from "zustand";
import type { VisualizationProps } from "../Visualization";
import { RunPlaceholder } from "../RunPlaceholder";
import { useWidth } from "../use-width";
import { ClusterPicker } from "./ClusterPicker";
import { ClusterPicture } from "./ClusterPicture";
import { hopFor } from "./flights";
import { layoutCluster } from "./layout";
import { Legend } from "./Legend";
import { fatesOf, neverLeftMarks } from "./messages";
import { clusterCache, clustersIndex, shownCluster, shownUntil } from "./model";
import { pictureLabel, summaryLine } from "./summary";
import { ClientTable, LossList, MessageList, WorkerTable } from "./Tables";
import "./cluster.css";

export default function Cluster({ store, view }: VisualizationProps) {
  // Read incrementally: while a run streams, each frame adds only the events that arrived.
  const [index] = useState(clustersIndex);
  const clusters = useMemo(() => index(view.all), [index, view.all]);
  const info = shownCluster(clusters, view.trace.length);
  const [read] = useState(clusterCache);
  const hop = hopFor(view.end);
  const count = view.trace.length;
  const now = useMemo(() => (info ? read(info, count, hop) : null), [read, info, count, hop]);
  const fates = useMemo(() => (now ? fatesOf(now) : []), [now]);
  const marks = useMemo(() => (now ? [...now.marks, ...neverLeftMarks(fates)] : []), [now, fates]);
  const [figure, width] = useWidth<HTMLElement>(420);
  // A hop arrives a little after its event, so at the end of a finished run the picture shows
  // every frame arrived rather than the last ones frozen on their way.
  const running = useStore(store, (s) => s.running);
  const atRunEnd = view.trace.length === view.all.length && view.time >= view.end && !running;
  const time = now && atRunEnd ? Math.max(view.time, now.settledAt) : view.time;
  const layout = useMemo(() => (info ? layoutCluster(info, width) : null), [info, width]);

  if (!now || !layout) {
    return (
      <RunPlaceholder
        store={store}
        view={view}
        beforeFirstRun="Run your code to see its cluster: clients connecting through a load balancer to each worker, and every message travelling to the clients it reaches — or lost on the way."
        nothingInRun="This run started no cluster, so there is nothing to draw."
      />
    );
  }
  return (
    <figure className="cluster-viz" ref={figure}>
      {clusters.length > 1 && <ClusterPicker clusters={clusters} shown={now.info} onPick={(c) => view.showEvent(shownUntil(clusters, c))} />}
      <figcaption className="cluster-viz__summary">
        {summaryLine(now, clusters.length)}
        {!atRunEnd && " · so far"}
      </figcaption>
      <ClusterPicture now={now} layout={layout} marks={marks} time={time} label={pictureLabel(now)} />
      <Legend broker={now.info.usesBroker} />
      <WorkerTable now={now} />
      <MessageList fates={fates} time={time} />
      <LossList now={now} fates={fates} time={time} />
      <ClientTable now={now} />
    </figure>
  );
}
