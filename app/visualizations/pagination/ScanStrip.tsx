// feed_items as one bar in index order (a d3 linear scale over the rows this run's queries
// reached), with the selected query's rows on it: where its scan started, the rows it read and
// threw away (OFFSET, filters), and the rows it returned.
import { scaleLinear } from "d3";
import { extentOf, planShape, type QueryRow } from "./model";
import { count, ms, short } from "./format";

const W = 420;
const H = 58;
const BAR_Y = 14;
const BAR_H = 18;
/** The thinnest a non-empty segment is drawn, so 50 rows of a million stay visible. */
const MIN_W = 3;

export function ScanStrip({ rows, selected }: { rows: QueryRow[]; selected: number }) {
  const row = rows[selected];
  const s = row.event.summary;
  const total = Math.max(1, ...rows.map((r) => extentOf(r).end));
  const x = scaleLinear().domain([0, total]).range([4, W - 4]);
  const { start } = extentOf(row);
  const seg = (from: number, n: number) => ({ x: x(from), w: n > 0 ? Math.max(MIN_W, x(from + n) - x(from)) : 0 });
  const discarded = s ? seg(start, s.discarded) : null;
  const returned = s ? seg(start + s.discarded, s.returned) : null;
  const read = s ? seg(start, s.scanned) : null;
  const shape = planShape(row.event.plan);
  const where = row.kind === "offset" ? "from the first row" : row.depth !== undefined ? `from row ${count(row.depth)}` : "from a position this query does not say";
  const text = s
    ? `Scanned ${count(s.scanned)} rows, discarded ${count(s.discarded)}, returned ${count(s.returned)} in ${ms(row.event.durationMs)}.`
    : `Failed: ${row.event.error?.message ?? "no plan"}`;

  return (
    <section className="pagination-strip" aria-label="Scan strip">
      <p className="pagination-strip__caption" aria-live="polite">
        <span className="pagination-strip__n">Query {selected + 1} of {rows.length}</span> <code title={row.event.text}>{row.label}</code>
        <br />
        <strong>{text}</strong> {s && <>Read {where}.</>}
        {shape && <span className="pagination-strip__plan"> Plan: {shape}.</span>}
      </p>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`feed_items in index order, ${count(total)} rows: ${text}`}>
        <rect className="pagination-strip__table" x={x(0)} y={BAR_Y} width={x(total) - x(0)} height={BAR_H} rx={3} />
        {row.kind !== "offset" && start > 0 && (
          <line className="pagination-strip__skip" x1={x(0)} x2={x(start)} y1={BAR_Y + BAR_H / 2} y2={BAR_Y + BAR_H / 2} />
        )}
        {read && <rect className="pagination-strip__read" x={read.x} y={BAR_Y - 3} width={read.w} height={BAR_H + 6} rx={2} />}
        {discarded && discarded.w > 0 && <rect className="pagination-strip__discarded" x={discarded.x} y={BAR_Y} width={discarded.w} height={BAR_H} />}
        {returned && returned.w > 0 && <rect className="pagination-strip__returned" x={Math.min(returned.x, x(total) - returned.w)} y={BAR_Y} width={returned.w} height={BAR_H} />}
        {x.ticks(5).map((t) => (
          <text key={t} className="pagination-strip__tick" x={x(t)} y={H - 6} textAnchor={t === 0 ? "start" : "middle"}>
            {short(t)}
          </text>
        ))}
      </svg>
      <p className="pagination-legend" aria-hidden="true">
        <span className="pagination-legend__discarded">discarded</span> <span className="pagination-legend__returned">returned</span>{" "}
        <span className="pagination-legend__read">outline: rows read</span> <span className="pagination-legend__skip">dashed: skipped by the index</span>
      </p>
    </section>
  );
}
