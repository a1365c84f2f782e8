// One row per statement: the rows it read and its time, each on a scale shared by every row, so
// a Seq Scan's 200,000 rows run the whole width and an index lookup is a sliver beside it.
import { scaleLinear } from "d3";
import type { Statement } from "./model";
import { formatCount, formatMs } from "./format";

const LABEL = 0;
const ROW = 46;
/** Room right of the longest bar for its value ("200,000 read → 1,013"). */
const VALUE_ROOM = 150;

export function PlanBars({ statements, width }: { statements: Statement[]; width: number }) {
  const barMax = Math.max(80, width - VALUE_ROOM);
  const rows = scaleLinear().domain([0, Math.max(1, ...statements.map((s) => s.scanned))]).range([0, barMax]);
  const time = scaleLinear().domain([0, Math.max(1, ...statements.map((s) => s.durationMs))]).range([0, barMax]);
  const height = statements.length * ROW + 6;
  return (
    <svg className="search-plans" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Rows read and time of each statement, on shared scales (the tables below say the same)">
      {statements.map((s, i) => {
        const y = i * ROW + 4;
        const bar = (value: number, scale: (v: number) => number) => Math.max(value > 0 ? 2 : 0, scale(value));
        return (
          <g key={s.n} transform={`translate(${LABEL},${y})`} className={`search-plans__row search-plans__row--${s.access}`}>
            <text className="search-plans__title" y={11}>
              <tspan className="search-plans__n">#{s.n}</tspan> {s.via === "explain" ? "EXPLAIN · " : ""}
              {s.error ? `failed: ${s.error}` : s.reads.length ? s.reads.join(" + ") : "no table read"}
            </text>
            <rect className="search-plans__rows" x={0} y={16} width={bar(s.scanned, rows)} height={10} rx={2} />
            <text className="search-plans__value" x={bar(s.scanned, rows) + 4} y={25}>
              {formatCount(s.scanned)} read → {formatCount(s.returned)}
            </text>
            <rect className="search-plans__time" x={0} y={30} width={bar(s.durationMs, time)} height={6} rx={2} />
            <text className="search-plans__value search-plans__value--time" x={bar(s.durationMs, time) + 4} y={38}>
              {formatMs(s.durationMs)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
