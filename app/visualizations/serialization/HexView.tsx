// The bytes of one byte string as hex, each coloured by the field it belongs to. Hovering a byte,
// or focusing it (one tab stop; the arrow keys, Home and End move between bytes), says which field
// it is in and what that field holds. The byte holding a number's most significant part is marked.
// Shared: the DNS visualization shows a message's wire bytes with it, its own words per byte.
import { useRef, useState, type KeyboardEvent } from "react";
import { hexByte, type ByteCell } from "./model";
import "./hex-view.css";

/** Beyond this many bytes the view stops drawing cells; the table still lists every field. */
const MAX_CELLS = 1024;

export const fieldClass = (field: number) => (field === -1 ? "ser-field--none" : `ser-field--${field % 6}`);

export interface HexViewProps {
  cells: ByteCell[];
  /** What the bytes are, for the group's name: "struct.pack(>BH)". */
  name: string;
  /** The byte string's whole length (more than the cells when the trace kept only the first). */
  length: number;
  truncated?: boolean;
  /** One byte in words: its offset, value, field and what the field holds. */
  describe: (cell: ByteCell) => string;
}

export function HexView({ cells, name, length, truncated = false, describe }: HexViewProps) {
  const shown = cells.slice(0, MAX_CELLS);
  const [hovered, setHovered] = useState<number | null>(null);
  const [focused, setFocused] = useState<number | null>(null);
  const [stop, setStop] = useState(0); // the one byte Tab reaches
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const active = hovered ?? focused;
  const activeCell = active !== null && active < shown.length ? shown[active] : undefined;
  const tabStop = Math.min(stop, Math.max(0, shown.length - 1));

  const move = (e: KeyboardEvent, from: number) => {
    const to = { ArrowRight: from + 1, ArrowDown: from + 8, ArrowLeft: from - 1, ArrowUp: from - 8, Home: 0, End: shown.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(shown.length - 1, to));
    setStop(next);
    refs.current[next]?.focus();
  };

  if (shown.length === 0) return <p className="ser-hex__empty">No bytes: an empty byte string.</p>;
  return (
    <div className="ser-hex">
      <div className="ser-hex__grid" role="group" aria-label={`The ${length} bytes of ${name}; arrow keys move between bytes`} onMouseLeave={() => setHovered(null)}>
        {shown.map((cell) => {
          const classes = ["ser-hex__byte", fieldClass(cell.field)];
          if (cell.mostSignificant) classes.push("ser-hex__byte--msb");
          if (cell.offset === active) classes.push("ser-hex__byte--active");
          // A field's first and last bytes are rounded off, so neighbouring fields read apart.
          if (cell.field !== -1 && shown[cell.offset - 1]?.field !== cell.field) classes.push("ser-hex__byte--first");
          if (cell.field !== -1 && shown[cell.offset + 1]?.field !== cell.field) classes.push("ser-hex__byte--last");
          return (
            <button
              key={cell.offset}
              ref={(el) => {
                refs.current[cell.offset] = el;
              }}
              type="button"
              className={classes.join(" ")}
              tabIndex={cell.offset === tabStop ? 0 : -1}
              aria-label={describe(cell)}
              onMouseEnter={() => setHovered(cell.offset)}
              onFocus={() => {
                setFocused(cell.offset);
                setStop(cell.offset);
              }}
              onBlur={() => setFocused(null)}
              onKeyDown={(e) => move(e, cell.offset)}
            >
              {hexByte(cell.byte)}
            </button>
          );
        })}
      </div>
      {cells.length > shown.length || truncated ? (
        <p className="ser-hex__note">
          Showing the first {shown.length.toLocaleString("en-US")} of {length.toLocaleString("en-US")} bytes.
        </p>
      ) : null}
      <p className="ser-hex__detail" aria-live="polite">
        {activeCell ? describe(activeCell) : "Hover over a byte, or tab to the bytes and use the arrow keys, to see its field and value."}
      </p>
    </div>
  );
}
