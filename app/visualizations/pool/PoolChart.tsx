// The run over time on one count axis: the app's connections stacked as busy, idle and opening;
// callers waiting for one; server slots in use against max_connections. Drawn on the whole run's
// axes with the state up to the playhead, so the picture fills in as the run plays.
import { area, curveStepAfter, line, scaleLinear } from "d3";
import { formatDuration, DURATION } from "../../format/duration";
import type { PoolPoint, PoolRun } from "./model";

const H = 190;
const M = { top: 12, right: 12, bottom: 22, left: 34 };

export function PoolChart({ run, whole, time, width }: { run: PoolRun; whole: PoolRun; time: number; width: number }) {
  const peak = Math.max(1, whole.maxConnections ?? 0, ...whole.points.map((p) => Math.max(p.busy + p.idle + p.opening, p.waiting, p.server)));
  const x = scaleLinear().domain([0, Math.max(1, whole.end)]).range([M.left, width - M.right]);
  const y = scaleLinear().domain([0, peak * 1.08]).range([H - M.bottom, M.top]).nice();
  // The last point carries on to the playhead, so a step's width is its duration.
  const points: PoolPoint[] = run.points.length ? [...run.points, { ...run.points[run.points.length - 1], t: Math.min(time, whole.end) }] : [];
  const stack = (lower: (p: PoolPoint) => number, upper: (p: PoolPoint) => number) =>
    area<PoolPoint>().x((p) => x(p.t)).y0((p) => y(lower(p))).y1((p) => y(upper(p))).curve(curveStepAfter)(points) ?? "";
  const trend = (value: (p: PoolPoint) => number) => line<PoolPoint>().x((p) => x(p.t)).y((p) => y(value(p))).curve(curveStepAfter)(points) ?? "";
  const limit = whole.maxConnections;
  const label = `Connections over the run: at most ${whole.peakServer} server connections${limit ? ` of max_connections ${limit}` : ""}, ${whole.points.reduce((m, p) => Math.max(m, p.waiting), 0)} callers waiting at most.`;
  return (
    <>
      <svg className="pool-chart" width={width} height={H} viewBox={`0 0 ${width} ${H}`} role="img" aria-label={label}>
        {y.ticks(4).map((v) => (
          <g key={v} className="pool-chart__grid">
            <line x1={M.left} x2={width - M.right} y1={y(v)} y2={y(v)} />
            <text x={M.left - 4} y={y(v)} dy="0.32em" textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {x.ticks(Math.max(2, Math.floor(width / 110))).map((v) => (
          <text key={v} className="pool-chart__tick" x={x(v)} y={H - 6} textAnchor={v === 0 ? "start" : "middle"}>
            {formatDuration(v, DURATION.tick)}
          </text>
        ))}
        <path className="pool-chart__busy" d={stack(() => 0, (p) => p.busy)} />
        <path className="pool-chart__idle" d={stack((p) => p.busy, (p) => p.busy + p.idle)} />
        <path className="pool-chart__opening" d={stack((p) => p.busy + p.idle, (p) => p.busy + p.idle + p.opening)} />
        <path className="pool-chart__waiting" d={trend((p) => p.waiting)} />
        <path className="pool-chart__server" d={trend((p) => p.server)} />
        {limit !== undefined && (
          <g className="pool-chart__limit">
            <line x1={M.left} x2={width - M.right} y1={y(limit)} y2={y(limit)} />
            <text x={width - M.right} y={y(limit) - 4} textAnchor="end">
              max_connections {limit}
            </text>
          </g>
        )}
        <line className="pool-chart__now" x1={x(Math.min(time, whole.end))} x2={x(Math.min(time, whole.end))} y1={M.top} y2={H - M.bottom} />
      </svg>
      <p className="pool-legend" aria-hidden="true">
        <span className="pool-legend__busy">busy</span> <span className="pool-legend__idle">idle</span> <span className="pool-legend__opening">opening</span>{" "}
        <span className="pool-legend__waiting">callers waiting</span> <span className="pool-legend__server">server connections</span>
      </p>
    </>
  );
}
