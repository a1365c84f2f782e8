// The text alternative: the statements and the posting lists as tables.
import type { SearchPostingsTrace } from "../../../workers/search/trace";
import type { Statement } from "./model";
import { postingRows } from "./model";
import { formatCount, formatMs, idList } from "./format";

export function PlansTable({ statements }: { statements: Statement[] }) {
  return (
    <table className="search-table">
      <caption>Statements of the run</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Read by</th>
          <th scope="col">Rows read</th>
          <th scope="col">Rows returned</th>
          <th scope="col">Time</th>
          <th scope="col">SQL</th>
        </tr>
      </thead>
      <tbody>
        {statements.map((s) => (
          <tr key={s.n}>
            <td>{s.n}</td>
            <td>{s.error ? `failed: ${s.error}` : s.reads.join(" + ") || "no table read"}</td>
            <td>{formatCount(s.scanned)}</td>
            <td>{formatCount(s.returned)}</td>
            <td>{formatMs(s.durationMs)}</td>
            <td>
              <code>{s.via === "explain" ? `EXPLAIN ${s.sql}` : s.sql}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PostingsTable({ event }: { event: SearchPostingsTrace }) {
  return (
    <table className="search-table">
      <caption>Posting lists of “{event.query}”</caption>
      <thead>
        <tr>
          <th scope="col">Term</th>
          <th scope="col">Documents</th>
          <th scope="col">Ids</th>
        </tr>
      </thead>
      <tbody>
        {postingRows(event).map((row, i) => (
          <tr key={`${row.label}-${i}`}>
            <th scope="row">{row.matched ? "matched (AND)" : row.label}</th>
            <td>{formatCount(row.total)}</td>
            <td>{idList(row.ids, row.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
