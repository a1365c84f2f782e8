// The caching lesson's picture of a run: every GET as a hit or a miss and every Postgres
// statement, latency against the run's time; the lesson clock's jumps (advanceTime); the keys
// Redis held at the chosen moment with their TTL counting down; and the same as tables.
import { useEffect, useMemo, useState } from "react";
import { useStore } from "zustand";
import type { TraceEvent } from "../../../workers/trace";
import type { VisualizationProps } from "../Visualization";
import { RunPlaceholder } from "../RunPlaceholder";
import { LatencyChart } from "./LatencyChart";
import { KeyBars, KeysTable, SummaryTable } from "./Tables";
import { formatDuration } from "./format";
import { keysAt, lessonTime, readRun, summarize } from "./model";
import "./caching.css";

const PLAY_MS = 4_000;

function prefersReducedMotion(): boolean {
  return typeof window !== "undefined" && !!window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
}

export default function Caching({ store }: VisualizationProps) {
  const trace = useStore(store, (s) => s.trace);
  const running = useStore(store, (s) => s.running);
  const run = useMemo(() => readRun(trace), [trace]);
  // The chosen moment belongs to the trace it was chosen on; a new run replays from the start.
  const [cursor, setCursor] = useState<{ trace: readonly TraceEvent[]; t: number; playing: boolean } | null>(null);
  const current = cursor?.trace === trace ? cursor : { trace, t: run.end, playing: false };

  useEffect(() => {
    if (running || run.points.length === 0 || prefersReducedMotion()) return;
    // Replay the run once: TTLs tick down on the lesson clock, and jump where advanceTime skipped.
    const started = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      const done = now - started >= PLAY_MS;
      setCursor((c) => (c && c.trace === trace && !c.playing ? c : { trace, t: done ? run.end : (run.end * (now - started)) / PLAY_MS, playing: !done }));
      if (!done) frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [trace, run, running]);

  if (run.points.length === 0 && run.redis.length === 0) {
    return (
      <RunPlaceholder
        store={store}
        beforeFirstRun="Run your code to see each cache hit, miss and database query on the run's time axis, and the keys in Redis with their TTL counting down."
        nothingInRun="This run sent no command to Redis and no query to Postgres, so there is nothing to draw."
      />
    );
  }

  const rows = summarize(run);
  const { keys, history } = keysAt(run, current.t);
  const clock = lessonTime(run, current.t);
  const [hits, misses, queries] = rows;
  const skipped = run.advances.reduce((sum, a) => sum + a.ms, 0);

  return (
    <figure className="caching-viz">
      <figcaption className="caching-viz__summary">
        {hits.count} {hits.count === 1 ? "hit" : "hits"}, {misses.count} {misses.count === 1 ? "miss" : "misses"}, {queries.count} database{" "}
        {queries.count === 1 ? "statement" : "statements"}
        {skipped > 0 && <> · the lesson clock skipped {formatDuration(skipped)}</>}
      </figcaption>
      <LatencyChart run={run} cursor={current.t} />
      <div className="caching-viz__scrub">
        <label>
          <span className="visually-hidden">Moment in the run</span>
          <input
            type="range"
            min={0}
            max={Math.max(1, Math.ceil(run.end))}
            step={1}
            value={Math.round(current.t)}
            onChange={(e) => setCursor({ trace, t: Number(e.target.value), playing: false })}
            aria-valuetext={`run ${formatDuration(current.t)}, lesson clock ${formatDuration(clock)}`}
          />
        </label>
        <span className="caching-viz__clock">
          run {formatDuration(current.t)} · lesson clock {formatDuration(clock)}
        </span>
      </div>
      <KeyBars keys={keys} />
      <SummaryTable rows={rows} />
      <KeysTable keys={keys} history={history} />
    </figure>
  );
}
