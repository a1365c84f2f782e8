// The same CPU-bound jobs on 1, 2 and 4 real Web Workers, measured in this browser: one bar per
// measurement, its speedup over the first, with the ideal (as many times faster as workers) as a
// tick on each bar. Beside the simulation's threads, this is what real parallelism gave here.
import { scaleBand, scaleLinear } from "d3";
import type { MeasuredEvent } from "./read";

const W = 360;
const H = 150;
const M = { top: 16, right: 8, bottom: 30, left: 36 };

export function SpeedupChart({ measured }: { measured: MeasuredEvent[] }) {
  const x = scaleBand<number>()
    .domain(measured.map((_, i) => i))
    .range([M.left, W - M.right])
    .padding(0.35);
  const top = Math.max(...measured.map((m) => Math.max(m.speedup, m.workers / (measured[0]?.workers ?? 1))), 1);
  const y = scaleLinear()
    .domain([0, Math.ceil(top)])
    .range([H - M.bottom, M.top]);
  const label = `Measured speedup: ${measured.map((m) => `${m.workers} ${m.workers === 1 ? "worker" : "workers"} ${m.speedup.toFixed(2)}×`).join(", ")}`;
  return (
    <figure className="tasks-speedup">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        {y.ticks(4).map((v) => (
          <g key={v} className="tasks-speedup__grid">
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
            <text x={M.left - 4} y={y(v)} dy="0.32em" textAnchor="end">
              {v}×
            </text>
          </g>
        ))}
        {measured.map((m, i) => {
          const ideal = m.workers / measured[0].workers;
          return (
            <g key={i}>
              <rect className="tasks-speedup__bar" x={x(i)} width={x.bandwidth()} y={y(m.speedup)} height={y(0) - y(m.speedup)} />
              <line className="tasks-speedup__ideal" x1={x(i)! - 3} x2={x(i)! + x.bandwidth() + 3} y1={y(ideal)} y2={y(ideal)} />
              <text className="tasks-speedup__value" x={x(i)! + x.bandwidth() / 2} y={y(m.speedup) - 4} textAnchor="middle">
                {m.speedup.toFixed(2)}×
              </text>
              <text x={x(i)! + x.bandwidth() / 2} y={H - M.bottom + 12} textAnchor="middle">
                {m.workers} {m.workers === 1 ? "worker" : "workers"}
              </text>
              <text x={x(i)! + x.bandwidth() / 2} y={H - M.bottom + 24} textAnchor="middle">
                {Math.round(m.ms)} ms
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="tasks-legend">
        Real Web Workers in this browser ({measured[0].jobs} jobs of <code>{measured[0].exportName}</code>): bars are measured, the line across each is the ideal.
      </figcaption>
    </figure>
  );
}
