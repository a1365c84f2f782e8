// The dependency graph of one request of the last run: what the endpoint needed, in what order
// FastAPI called it, what came from the request cache, what was torn down (and when, and how),
// and where an error cut the request short. The run holds many requests (the learner's own and
// every check's). Rendered from the trace up to the playhead: the request shown is the last one
// the playhead has reached, drawn as far as it had got; the picker moves the playhead to the end
// of the request chosen.
import { useId, useMemo } from "react";
import { useStore } from "zustand";
import type { VisualizationProps } from "../Visualization";
import { Graph } from "./Graph";
import { requestsOf, summarize, type RequestView } from "./model";
import { Phases, Tables } from "./Tables";
import "./dependency-graph.css";
import { Picker } from "../Picker";
import { RunPlaceholder } from "../RunPlaceholder";

function optionText(v: RequestView): string {
  return `${v.index} · ${v.method} ${v.path} → ${v.status ?? "no response"}`;
}

export default function DependencyGraph({ store, view: traceView }: VisualizationProps) {
  const runs = useStore(store, (s) => s.runs);
  const all = useMemo(() => requestsOf(traceView.all), [traceView.all]);
  const views = useMemo(() => requestsOf(traceView.trace), [traceView.trace]);
  const captionId = useId();

  if (views.length === 0) {
    return <RunPlaceholder store={store} view={traceView} beforeFirstRun={"Run your code to see the dependencies of each request your app serves: the order they run in, cache hits, and teardown."} nothingInRun={"This run sent no request to a FastAPI app. Requests sent with TestClient, by your code or by the checks, appear here."} />;
  }

  const index = views.length - 1;
  const view = views[index];
  return (
    <figure className="dependency-graph">
      <Picker label="Request" noun="request" items={all} index={index} optionText={optionText} onPick={(v) => traceView.showEvent(v.last)} />
      {view.nodes.length > 0 ? (
        <Graph key={`${runs}-${view.index}`} view={view} labelledBy={captionId} />
      ) : (
        <p className="pane__placeholder">No route matched, so no dependency ran.</p>
      )}
      <Phases view={view} />
      <figcaption id={captionId} aria-live="polite">
        {summarize(view, all.length)}
        {view.sentBy && <span className="dependency-graph__sender"> Sent by {view.sentBy === "your code" ? "your code" : `the check “${view.sentBy}”`}.</span>}
      </figcaption>
      <p className="dependency-graph__legend" aria-hidden="true">
        <span className="dependency-graph__key dependency-graph__key--order">1</span> call order
        <span className="dependency-graph__key dependency-graph__key--cached">5</span> cache hit
        <span className="dependency-graph__key dependency-graph__key--teardown">↩1</span> teardown order
        <span className="dependency-graph__key dependency-graph__key--raised" /> raised
      </p>
      <details className="dependency-graph__details">
        <summary>Show as a table</summary>
        <Tables view={view} />
      </details>
    </figure>
  );
}
