// Every statement of the run with its rows scanned / discarded / returned and its time: the text
// alternative of the strip and the chart, and the buttons that pick the strip's query.
import { count, millis } from "./format";
import type { QueryRow } from "./model";

export function QueryTable({ rows, selected, onSelect }: { rows: QueryRow[]; selected: number; onSelect: (i: number) => void }) {
  return (
    <div className="pagination-table">
      <table>
        <caption>Queries of this run — press one to draw it on the strip</caption>
        <thead>
          <tr>
            <th scope="col">Query</th>
            <th scope="col">Depth</th>
            <th scope="col">Scanned</th>
            <th scope="col">Discarded</th>
            <th scope="col">Returned</th>
            <th scope="col" title="Wall time of the statement">ms</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const s = r.event.summary;
            return (
              <tr key={i} className={i === selected ? "pagination-table__selected" : undefined}>
                <th scope="row">
                  <button type="button" aria-pressed={i === selected} onClick={() => onSelect(i)} title={r.event.text}>
                    <span className="pagination-table__n">{i + 1}.</span>{" "}
                    {r.event.via === "explain" ? "EXPLAIN " : ""}
                    {r.label}
                  </button>
                  {r.check && <span className="pagination-table__from"> check: {r.check}</span>}
                </th>
                <td>{r.depth === undefined ? "–" : count(r.depth)}</td>
                {s ? (
                  <>
                    <td>{count(s.scanned)}</td>
                    <td>{count(s.discarded)}</td>
                    <td>{count(s.returned)}</td>
                  </>
                ) : (
                  <td colSpan={3} className="pagination-table__error">
                    {r.event.error?.message}
                  </td>
                )}
                <td>{millis(r.event.durationMs)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
