// The search lesson's picture of a run: every Postgres statement's rows read and time on shared
// scales, labelled with the plan nodes that read them (Seq Scan vs Bitmap Index Scan on the GIN
// index), and the posting lists lesson code showed with playground/search, with the ids its query
// matched. Tables say the same in words. Everything comes from the trace, up to the playhead.
import { useMemo } from "react";
import type { VisualizationProps } from "../Visualization";
import { RunPlaceholder } from "../RunPlaceholder";
import { expectedMatches, readRun } from "./model";
import { formatCount, formatMs } from "./format";
import { PlanBars } from "./PlanBars";
import { PostingStrip } from "./PostingStrip";
import { PlansTable, PostingsTable } from "./Tables";
import { useWidth } from "../use-width";
import "./search.css";

export default function Search({ store, view }: VisualizationProps) {
  const run = useMemo(() => readRun(view.trace), [view.trace]);
  const { statements, postings } = run;
  // The pictures draw at the figure's own width, so their text is its CSS size in any pane.
  const [figure, width] = useWidth<HTMLElement>(420);

  if (statements.length === 0 && !postings) {
    return (
      <RunPlaceholder
        store={store}
        view={view}
        beforeFirstRun="Run your code to compare the plans of its queries — rows read and time — and to see the posting lists of your index and their intersection."
        nothingInRun="This run sent no query to Postgres and showed no posting lists, so there is nothing to draw."
      />
    );
  }

  const slowest = statements.reduce<(typeof statements)[number] | null>((a, s) => (a && a.scanned >= s.scanned ? a : s), null);
  const expected = postings ? expectedMatches(postings) : [];
  const andHolds = postings ? postings.matchedTotal === expected.length && postings.matched.every((id) => expected.includes(id)) : true;

  return (
    <figure className="search-viz" ref={figure}>
      <figcaption className="search-viz__summary" aria-live="polite">
        {statements.length} {statements.length === 1 ? "statement" : "statements"}
        {slowest && slowest.scanned > 0 && (
          <>
            ; the most rows read: {formatCount(slowest.scanned)} by #{slowest.n} ({slowest.reads.join(" + ") || "no table"}, {formatMs(slowest.durationMs)})
          </>
        )}
        {postings && (
          <>
            . “{postings.query}”: {postings.terms.length} {postings.terms.length === 1 ? "term" : "terms"}, {formatCount(postings.matchedTotal)} matched
          </>
        )}
      </figcaption>
      {statements.length > 0 && (
        <section className="search-viz__section" aria-label="Plans">
          <h3 className="search-viz__heading">Plans: rows read and time, shared scales</h3>
          <p className="search-legend" aria-hidden="true">
            <span className="search-legend__seq">Seq Scan</span> <span className="search-legend__index">through an index</span>{" "}
            <span className="search-legend__time">time</span>
          </p>
          <PlanBars statements={statements} width={width} />
        </section>
      )}
      {postings && (
        <section className="search-viz__section" aria-label="Posting lists">
          <h3 className="search-viz__heading">Posting lists of “{postings.query}”</h3>
          <PostingStrip event={postings} width={width} />
          {!andHolds && (
            <p className="search-viz__warning">
              The matched ids are not the ids on every list ({formatCount(expected.length)} are): check the intersection.
            </p>
          )}
        </section>
      )}
      <details className="search-viz__tables">
        <summary>Show as tables</summary>
        {statements.length > 0 && <PlansTable statements={statements} />}
        {postings && <PostingsTable event={postings} />}
      </details>
    </figure>
  );
}
