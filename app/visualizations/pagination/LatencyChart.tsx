// Measured wall time of each page query against how deep it reads: OFFSET queries at their
// OFFSET, keyset queries at the depth their `/* depth N */` label gives. Only real durations from
// the trace; a series with no points is simply absent.
import { line, scaleLinear } from "d3";
import { latencySeries, type LatencyPoint, type QueryRow } from "./model";
import { ms, short } from "./format";

const W = 420;
const H = 150;
const M = { top: 18, right: 12, bottom: 28, left: 48 };

export function LatencyChart({ rows }: { rows: QueryRow[] }) {
  const series = latencySeries(rows);
  const all = [...series.offset, ...series.keyset];
  if (all.length === 0) {
    return <p className="pagination-chart__empty">No page query with a known depth in this run: OFFSET queries and keyset queries labelled <code>/* depth N */</code> are plotted here.</p>;
  }
  const x = scaleLinear()
    .domain([0, Math.max(1, ...all.map((p) => p.depth))])
    .range([M.left, W - M.right])
    .nice();
  const y = scaleLinear()
    .domain([0, Math.max(1, ...all.map((p) => p.ms))])
    .range([H - M.bottom, M.top])
    .nice();
  const path = line<LatencyPoint>()
    .x((p) => x(p.depth))
    .y((p) => y(p.ms));
  const deepest = (points: LatencyPoint[]) => points[points.length - 1];
  const describe = (name: string, points: LatencyPoint[]) => (points.length ? `${name}: ${points.map((p) => `${short(p.depth)} → ${ms(p.ms)}`).join(", ")}` : "");
  const label = `Latency against page depth. ${describe("OFFSET", series.offset)}. ${describe("cursor", series.keyset)}.`;

  return (
    <section className="pagination-chart" aria-label="Latency against page depth">
      <h3>Latency against page depth, measured in this run</h3>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={label}>
        {y.ticks(4).map((t) => (
          <g key={t}>
            <line className="pagination-chart__grid" x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text className="pagination-chart__tick" x={M.left - 4} y={y(t) + 3} textAnchor="end">
              {t} ms
            </text>
          </g>
        ))}
        {x.ticks(5).map((t) => (
          <text key={t} className="pagination-chart__tick" x={x(t)} y={H - M.bottom + 13} textAnchor="middle">
            {short(t)}
          </text>
        ))}
        <text className="pagination-chart__tick" x={(M.left + W - M.right) / 2} y={H - 3} textAnchor="middle">
          rows before the page
        </text>
        {(["offset", "keyset"] as const).map((kind) => (
          <g key={kind} className={`pagination-chart__series pagination-chart__series--${kind}`}>
            <path d={path(series[kind]) ?? ""} />
            {series[kind].map((p, i) => (
              <circle key={i} cx={x(p.depth)} cy={y(p.ms)} r={3.5}>
                <title>{`${kind === "offset" ? "OFFSET" : "cursor"} at ${short(p.depth)}: ${ms(p.ms)}`}</title>
              </circle>
            ))}
            {series[kind].length > 0 && (
              <text className="pagination-chart__end" x={x(deepest(series[kind]).depth) - 6} y={y(deepest(series[kind]).ms) - 6} textAnchor="end">
                {kind === "offset" ? "OFFSET" : "cursor"} {ms(deepest(series[kind]).ms)}
              </text>
            )}
          </g>
        ))}
      </svg>
    </section>
  );
}
