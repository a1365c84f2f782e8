// The text alternative of the hex view, following the playhead: one row per field of the byte
// string shown — offset, bytes, field, value — with the byte order of numbers and what a pickle
// opcode lets loading do.
import type { SerializationBytesTrace } from "../../../workers/serialization/trace";
import { SidewaysScroll } from "../../shell/SidewaysScroll";
import { fieldClass } from "./HexView";
import { callOf, type FieldRow } from "./model";

const offsets = (r: FieldRow) => (r.end - r.start <= 1 ? `${r.start}` : `${r.start}–${r.end - 1}`);

export function FieldTable({ event, rows }: { event: SerializationBytesTrace; rows: FieldRow[] }) {
  const pickle = rows.some((r) => r.danger);
  return (
    <>
      <SidewaysScroll label="Fields">
        <table className="ser-table">
          <caption>
            Fields of {callOf(event)}, {event.length.toLocaleString("en-US")} {event.length === 1 ? "byte" : "bytes"}
          </caption>
          <thead>
            <tr>
              <th scope="col">offset</th>
              <th scope="col">bytes</th>
              <th scope="col">field</th>
              <th scope="col">value</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.start}-${r.field}`} className={r.danger ? "ser-table__danger" : undefined}>
                <td>{offsets(r)}</td>
                <td className="ser-table__bytes">{r.bytes}</td>
                <th scope="row">
                  <span className={`ser-swatch ${fieldClass(r.field)}`}>{r.name}</span>
                  {r.danger && <span className="ser-table__warn"> ⚠ {r.danger}</span>}
                </th>
                <td>
                  <code>{r.value}</code>
                  {r.order && <span className="ser-table__order"> · {r.order}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </SidewaysScroll>
      {pickle && <p className="ser-note">⚠ marks the opcodes through which loading this pickle would import or call something.</p>}
    </>
  );
}
