// The text alternative: every place of the input that has an answer, as a table that follows the
// playhead (a place not reached yet says so).
import { ColumnHeads } from "../ColumnHeads";
import type { Row } from "./rows";

export function FieldTable({ rows }: { rows: Row[] }) {
  return (
    <table className="vtable">
      <caption>Each place in the input, in order</caption>
      <ColumnHeads names={["Location", "Input", "Result"]} />
      <tbody>
        {rows.map((row, i) => (
          <tr key={i} className={`vtable__row--${row.state}`}>
            <th scope="row">
              <code>{row.loc}</code>
            </th>
            <td>
              <code>{row.input}</code>
            </td>
            <td>{row.result}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
