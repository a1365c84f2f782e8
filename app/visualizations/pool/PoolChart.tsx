// The run over time, two panels on one time axis. Above, the app's side: its connections stacked
// as busy, idle and opening, and the callers waiting for one. Below, Postgres's side on its own
// scale: server slots in use against max_connections — so twenty server connections stay visible
// under five hundred waiting callers. Drawn on the whole run's axes with the state up to the
// playhead, so the picture fills in as the run plays.
import { area, curveStepAfter, line, scaleLinear, type ScaleLinear } from "d3";
import { formatDuration, DURATION } from "../../format/duration";
import type { PoolPoint, PoolRun } from "./model";

const APP_H = 130;
const SERVER_H = 80;
const GAP = 16;
const M = { top: 12, right: 12, bottom: 22, left: 34 };
const H = M.top + APP_H + GAP + SERVER_H + M.bottom;

function Grid({ y, width }: { y: ScaleLinear<number, number>; width: number }) {
  return (
    <>
      {y.ticks(3).map((v) => (
        <g key={v} className="pool-chart__grid">
          <line x1={M.left} x2={width - M.right} y1={y(v)} y2={y(v)} />
          <text x={M.left - 4} y={y(v)} dy="0.32em" textAnchor="end">
            {v}
          </text>
        </g>
      ))}
    </>
  );
}

export function PoolChart({ run, whole, time, width }: { run: PoolRun; whole: PoolRun; time: number; width: number }) {
  const appPeak = Math.max(1, ...whole.points.map((p) => Math.max(p.busy + p.idle + p.opening, p.waiting)));
  const limit = whole.maxConnections;
  const serverPeak = Math.max(1, limit ?? 0, whole.peakServer);
  const x = scaleLinear().domain([0, Math.max(1, whole.end)]).range([M.left, width - M.right]);
  const appY = scaleLinear().domain([0, appPeak * 1.08]).range([M.top + APP_H, M.top]).nice();
  const serverTop = M.top + APP_H + GAP;
  const serverY = scaleLinear().domain([0, serverPeak * 1.08]).range([serverTop + SERVER_H, serverTop]).nice();
  // The last point carries on to the playhead, so a step's width is its duration.
  const points: PoolPoint[] = run.points.length ? [...run.points, { ...run.points[run.points.length - 1], t: Math.min(time, whole.end) }] : [];
  const stack = (lower: (p: PoolPoint) => number, upper: (p: PoolPoint) => number) =>
    area<PoolPoint>().x((p) => x(p.t)).y0((p) => appY(lower(p))).y1((p) => appY(upper(p))).curve(curveStepAfter)(points) ?? "";
  const trend = (y: ScaleLinear<number, number>, value: (p: PoolPoint) => number) => line<PoolPoint>().x((p) => x(p.t)).y((p) => y(value(p))).curve(curveStepAfter)(points) ?? "";
  const now = x(Math.min(time, whole.end));
  const label = `Connections over the run: at most ${whole.points.reduce((m, p) => Math.max(m, p.busy + p.idle + p.opening), 0)} app connections and ${whole.points.reduce((m, p) => Math.max(m, p.waiting), 0)} callers waiting; at most ${whole.peakServer} server connections${limit ? ` of max_connections ${limit}` : ""}.`;
  return (
    <>
      <svg className="pool-chart" width={width} height={H} viewBox={`0 0 ${width} ${H}`} role="img" aria-label={label}>
        <text className="pool-chart__panel" x={M.left} y={M.top - 3}>
          the app: its connections, and callers waiting
        </text>
        <Grid y={appY} width={width} />
        <path className="pool-chart__busy" d={stack(() => 0, (p) => p.busy)} />
        <path className="pool-chart__idle" d={stack((p) => p.busy, (p) => p.busy + p.idle)} />
        <path className="pool-chart__opening" d={stack((p) => p.busy + p.idle, (p) => p.busy + p.idle + p.opening)} />
        <path className="pool-chart__waiting" d={trend(appY, (p) => p.waiting)} />
        <text className="pool-chart__panel" x={M.left} y={serverTop - 3}>
          Postgres: server connections
        </text>
        <Grid y={serverY} width={width} />
        <path className="pool-chart__server" d={trend(serverY, (p) => p.server)} />
        {limit !== undefined && (
          <g className="pool-chart__limit">
            <line x1={M.left} x2={width - M.right} y1={serverY(limit)} y2={serverY(limit)} />
            <text x={width - M.right} y={serverY(limit) - 3} textAnchor="end">
              max_connections {limit}
            </text>
          </g>
        )}
        {x.ticks(Math.max(2, Math.floor(width / 110))).map((v) => (
          <text key={v} className="pool-chart__tick" x={x(v)} y={H - 6} textAnchor={v === 0 ? "start" : "middle"}>
            {formatDuration(v, DURATION.tick)}
          </text>
        ))}
        <line className="pool-chart__now" x1={now} x2={now} y1={M.top} y2={serverTop + SERVER_H} />
      </svg>
      <p className="pool-legend" aria-hidden="true">
        <span className="pool-legend__busy">busy</span> <span className="pool-legend__idle">idle</span> <span className="pool-legend__opening">opening</span>{" "}
        <span className="pool-legend__waiting">callers waiting</span> <span className="pool-legend__server">server connections</span>
      </p>
    </>
  );
}
