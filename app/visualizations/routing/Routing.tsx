// The routing lesson's picture of a run: the radix tree built from the app's routes with one
// lookup drawn on it (the last by default), every request's comparisons under a static map, a
// radix tree and a linear regex scan side by side, and the last raw request parsed field by
// field. All of it from the trace's routing events (workers/web/playground-routing.ts), up to the
// playhead: the lookup drawn is the last one it has reached; choosing a row moves the playhead.
import type { VisualizationProps } from "../Visualization";
import { CompareTable } from "./CompareTable";
import { LookupDetail } from "./LookupDetail";
import { comparisons, outcome, readRun, targetOf, walkOf } from "./model";
import { RawRequest } from "./RawRequest";
import { RouteTree, TreeAsList } from "./RouteTree";
import "./routing.css";
import { RunPlaceholder } from "../RunPlaceholder";

export default function Routing({ store, view }: VisualizationProps) {
  const run = readRun(view.trace);

  if (run.lookups.length === 0 && !run.raw) {
    return <RunPlaceholder store={store} view={view} beforeFirstRun={"Run your code to see the radix tree of your routes, the path each lookup takes, and how many comparisons each kind of router needs."} nothingInRun={"This run sent no request to a FastAPI app, so there is no lookup to draw."} />;
  }

  const selected = run.lookups.length - 1;
  const lookup = run.lookups[selected];
  const walk = lookup ? walkOf(lookup) : undefined;
  const summary = lookup
    ? `${lookup.event.method} ${targetOf(lookup.event)}: the linear scan made ${comparisons(lookup.event.linear.comparisons)} (${outcome(lookup.event.linear, lookup.table)}), the radix tree ${comparisons(lookup.event.radix.comparisons)} (${outcome(lookup.event.radix, lookup.table)}), the static map ${lookup.event.staticMap.hit ? "hit" : "missed"}.`
    : "";

  return (
    <figure className="routing-viz">
      <figcaption className="routing-viz__summary" aria-live="polite">
        {lookup ? (
          <>
            Lookup {selected + 1} of {run.lookups.length}:{" "}
            <code>
              {lookup.event.method} {targetOf(lookup.event)}
            </code>
            <span className="visually-hidden">. {summary}</span>
          </>
        ) : (
          "The raw request never reached the app."
        )}
      </figcaption>
      {lookup?.table && walk && (
        <>
          <RouteTree table={lookup.table} walk={walk} label={`The radix tree of ${lookup.table.routes.length} routes, with the lookup of ${lookup.event.method} ${targetOf(lookup.event)}`} />
          <p className="routing-legend" aria-hidden="true">
            <span className="routing-legend__found">found</span> <span className="routing-legend__left">matched, then left</span>{" "}
            <span className="routing-legend__failed">no match</span> · numbers: order tried
          </p>
          <details className="routing-viz__list">
            <summary>The tree as a list</summary>
            <TreeAsList table={lookup.table} />
          </details>
          <LookupDetail lookup={lookup} walk={walk} />
        </>
      )}
      {run.lookups.length > 0 && <CompareTable lookups={run.lookups} selected={selected} onSelect={(index) => view.showEvent(run.lookups[index].event)} />}
      {run.raw && <RawRequest event={run.raw.event} lookup={run.raw.lookup} />}
    </figure>
  );
}
