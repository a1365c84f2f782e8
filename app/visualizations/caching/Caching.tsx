// The caching lesson's picture of a run: every GET as a hit or a miss and every Postgres
// statement, latency against the run's time; the lesson clock's jumps (advanceTime); the keys
// Redis held with their TTL counting down; and the same as tables. All of it at the playhead's
// moment: playing the run shows the keys' TTLs tick down, and jump where advanceTime skipped.
import { useMemo } from "react";
import type { VisualizationProps } from "../Visualization";
import { RunPlaceholder } from "../RunPlaceholder";
import { LatencyChart } from "./LatencyChart";
import { KeyBars, KeysTable, SummaryTable } from "./Tables";
import { formatDuration } from "./format";
import { keysAt, lessonTime, readRun, summarize } from "./model";
import "./caching.css";

export default function Caching({ store, view }: VisualizationProps) {
  const whole = useMemo(() => readRun(view.all), [view.all]);
  const run = useMemo(() => readRun(view.trace), [view.trace]);

  // Before the playhead reaches the first command the picture is drawn empty, on the whole run's axes.
  if (whole.points.length === 0 && whole.redis.length === 0) {
    return (
      <RunPlaceholder
        store={store}
        view={view}
        beforeFirstRun="Run your code to see each cache hit, miss and database query on the run's time axis, and the keys in Redis with their TTL counting down."
        nothingInRun="This run sent no command to Redis and no query to Postgres, so there is nothing to draw."
      />
    );
  }

  const rows = summarize(run);
  const { keys, history } = keysAt(run, view.time);
  const clock = lessonTime(run, view.time);
  const [hits, misses, queries] = rows;
  const skipped = run.advances.reduce((sum, a) => sum + a.ms, 0);

  return (
    <figure className="caching-viz">
      <figcaption className="caching-viz__summary">
        {hits.count} {hits.count === 1 ? "hit" : "hits"}, {misses.count} {misses.count === 1 ? "miss" : "misses"}, {queries.count} database{" "}
        {queries.count === 1 ? "statement" : "statements"}
        {skipped > 0 && <> · the lesson clock skipped {formatDuration(skipped)}</>}
        {!view.atEnd && <> by this moment</>}
      </figcaption>
      <LatencyChart run={run} whole={whole} cursor={view.time} />
      <p className="caching-viz__clock">
        run {formatDuration(view.time)} · lesson clock {formatDuration(clock)}
      </p>
      <KeyBars keys={keys} />
      <SummaryTable rows={rows} />
      <KeysTable keys={keys} history={history} />
    </figure>
  );
}
