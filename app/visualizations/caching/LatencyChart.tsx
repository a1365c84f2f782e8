// Latency against the run's time: a dot per GET (hit or miss, its round trip to Redis) and a
// square per Postgres statement (its duration), on a log scale so 0.3 ms and 400 ms both show.
import { scaleLinear, scaleLog } from "d3";
import type { CacheRun } from "./model";
import { formatDuration, formatTick } from "./format";

const W = 440;
const H = 180;
const M = { top: 14, right: 10, bottom: 24, left: 46 };

/** `run` up to the playhead (`cursor`), drawn on the axes of the whole run (`whole`), which stay put while the playhead moves. */
export function LatencyChart({ run, whole, cursor }: { run: CacheRun; whole: CacheRun; cursor: number }) {
  const latencies = whole.points.map((p) => p.latencyMs);
  const x = scaleLinear()
    .domain([0, Math.max(1, whole.end)])
    .range([M.left, W - M.right]);
  const y = scaleLog()
    .domain([Math.min(0.1, ...latencies), Math.max(1_000, ...latencies)])
    .range([H - M.bottom, M.top])
    .clamp(true);
  const yTicks = y.ticks().filter((v) => Number.isInteger(Math.log10(v)));
  const label = `Latency over the run: ${run.points.filter((p) => p.kind === "hit").length} hits, ${run.points.filter((p) => p.kind === "miss").length} misses, ${run.points.filter((p) => p.kind === "query").length} database statements`;
  return (
    <>
      <svg className="caching-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        {yTicks.map((v) => (
          <g key={v} className="caching-chart__grid">
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
            <text x={M.left - 4} y={y(v)} dy="0.32em" textAnchor="end">
              {`${v} ms`}
            </text>
          </g>
        ))}
        {x.ticks(5).map((v) => (
          <text key={v} className="caching-chart__tick" x={x(v)} y={H - 8} textAnchor="middle">
            {formatTick(v)}
          </text>
        ))}
        {run.advances.map((a, i) => (
          <g key={i} className="caching-chart__advance">
            <line x1={x(a.t)} x2={x(a.t)} y1={M.top - 6} y2={H - M.bottom} />
            <text x={x(a.t) > W * 0.7 ? x(a.t) - 3 : x(a.t) + 3} y={M.top - 4} textAnchor={x(a.t) > W * 0.7 ? "end" : "start"}>
              +{formatDuration(a.ms)}
            </text>
          </g>
        ))}
        {/* Misses, then queries, then hits on top: a hit and the miss next to it share a latency. */}
        {run.points.map((p, i) => p.kind === "miss" && <circle key={i} className="caching-chart__miss" cx={x(p.t)} cy={y(p.latencyMs)} r={2.5} />)}
        {run.points.map(
          (p, i) =>
            p.kind === "query" && (
              <rect key={i} className="caching-chart__query" x={x(p.t) - 3} y={y(p.latencyMs) - 3} width={6} height={6}>
                <title>{`Postgres ${formatDuration(p.latencyMs)}: ${p.text?.replace(/\s+/g, " ").slice(0, 60)}`}</title>
              </rect>
            ),
        )}
        {run.points.map((p, i) => p.kind === "hit" && <circle key={i} className="caching-chart__hit" cx={x(p.t)} cy={y(p.latencyMs)} r={2.5} />)}
        <line className="caching-chart__cursor" x1={x(cursor)} x2={x(cursor)} y1={M.top} y2={H - M.bottom} />
      </svg>
      <p className="caching-legend" aria-hidden="true">
        <span className="caching-legend__hit">hit</span> <span className="caching-legend__miss">miss</span>{" "}
        <span className="caching-legend__query">Postgres statement</span> · latency (log) over the run
      </p>
    </>
  );
}
