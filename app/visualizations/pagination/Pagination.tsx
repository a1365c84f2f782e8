// The pagination lesson's picture of a run: the scan strip (where in feed_items the selected query
// read, and how much of it was thrown away), measured latency against page depth for OFFSET and
// keyset queries, and every statement as a table — the text alternative, and the way to pick the
// query the strip shows. All of it from the Postgres trace events (workers/postgres/trace.ts), up
// to the playhead: at the end of a run the strip opens on the learner's biggest scan; elsewhere on
// the last query the playhead has reached. Choosing a row moves the playhead to that query.
import type { VisualizationProps } from "../Visualization";
import { RunPlaceholder } from "../RunPlaceholder";
import { defaultSelection, readQueries } from "./model";
import { ScanStrip } from "./ScanStrip";
import { LatencyChart } from "./LatencyChart";
import { QueryTable } from "./QueryTable";
import "./pagination.css";

export default function Pagination({ store, view }: VisualizationProps) {
  const rows = readQueries(view.trace);

  if (rows.length === 0) {
    return (
      <RunPlaceholder
        store={store}
        view={view}
        beforeFirstRun="Run your code to see, for each query, how many rows of feed_items Postgres read, threw away and returned, and how long deep pages take with OFFSET and with a cursor."
        nothingInRun="This run sent no query to Postgres, so there is nothing to draw."
      />
    );
  }
  const selected = view.atEnd ? defaultSelection(rows) : rows.length - 1;
  return (
    <figure className="pagination-viz">
      <ScanStrip rows={rows} selected={selected} />
      <LatencyChart rows={rows} />
      <QueryTable rows={rows} selected={selected} onSelect={(index) => view.showEvent(rows[index].event)} />
    </figure>
  );
}
