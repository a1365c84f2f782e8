// The posting lists lesson code showed: one row per term with a tick at every document id on a
// shared id axis, and under them the ids the query matched. An id matched on every term's row is
// drawn strong on each row, so a column of strong ticks is one document of the intersection.
import { scaleLinear } from "d3";
import type { SearchPostingsTrace } from "../../../workers/search/trace";
import { postingRows } from "./model";
import { formatCount } from "./format";

const LABEL = 110;
const ROW = 26;

export function PostingStrip({ event, width }: { event: SearchPostingsTrace; width: number }) {
  const rows = postingRows(event);
  const all = rows.flatMap((row) => row.ids);
  const min = all.length ? Math.min(...all) : 0;
  const max = all.length ? Math.max(...all) : 1;
  const x = scaleLinear().domain([min, Math.max(min + 1, max)]).range([LABEL, width - 8]);
  const matched = new Set(event.matched);
  const height = rows.length * ROW + 22;
  return (
    <svg className="search-postings" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Posting lists of "${event.query}" and the ids it matched, along the document ids ${min} to ${max}`}>
      {rows.map((row, i) => (
        <g key={`${row.label}-${i}`} transform={`translate(0,${i * ROW + 4})`} className={row.matched ? "search-postings__row search-postings__row--matched" : "search-postings__row"}>
          {row.matched && <line className="search-postings__rule" x1={0} x2={width} y1={-3} y2={-3} />}
          <text className="search-postings__label" x={0} y={13}>
            {row.matched ? "AND →" : row.label} <tspan className="search-postings__df">{formatCount(row.total)}</tspan>
          </text>
          <line className="search-postings__axis" x1={LABEL} x2={width - 8} y1={9} y2={9} />
          {row.ids.map((id, k) => (
            <line key={k} className={matched.has(id) ? "search-postings__tick search-postings__tick--hit" : "search-postings__tick"} x1={x(id)} x2={x(id)} y1={1} y2={17} />
          ))}
        </g>
      ))}
      <g className="search-postings__scale" transform={`translate(0,${rows.length * ROW + 12})`}>
        <text x={LABEL} y={6}>id {formatCount(min)}</text>
        <text x={width - 8} y={6} textAnchor="end">
          id {formatCount(max)}
        </text>
      </g>
    </svg>
  );
}
