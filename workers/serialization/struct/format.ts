// A struct format string read as CPython's prepare_s reads it: the byte-order prefix picks a table
// of codes (sizes, alignment, which functions pack them), then each code with its repeat count.
import { PyException } from "../values.ts";

export type Table = "native" | "little" | "big";

export interface Code {
  /** The format character: 'h', 's', 'x', … */
  char: string;
  /** Repeat count; for s and p the byte length of the one item. */
  count: number;
  /** Byte size of one item (of the whole item for s/p). */
  size: number;
  /** Offset of the first item, after native alignment. */
  offset: number;
}

export interface Format {
  table: Table;
  codes: Code[];
  size: number;
  /** How many values pack takes and unpack gives. */
  items: number;
}

// Standard sizes ('<', '>', '!', '='); native ones on x86-64 Linux, where CPython was recorded.
const STANDARD: Record<string, number> = { x: 1, b: 1, B: 1, c: 1, s: 1, p: 1, h: 2, H: 2, i: 4, I: 4, l: 4, L: 4, q: 8, Q: 8, "?": 1, e: 2, f: 4, d: 8 };
const NATIVE: Record<string, number> = { ...STANDARD, l: 8, L: 8, n: 8, N: 8, P: 8 };
// Native alignment: chars and pads have none (alignment 0 in CPython's native_table).
const UNALIGNED = new Set(["x", "b", "B", "c", "s", "p"]);

export const structError = (message: string) => new PyException("struct.error", message);

export function parseFormat(format: string): Format {
  // 1. The prefix: '<' little, '>'/'!' big, '=' native order (little here) with standard sizes, '@' or none native.
  let table: Table = "native";
  let i = 0;
  const first = format[0];
  if (first === "<" || first === "=") table = "little";
  else if (first === ">" || first === "!") table = "big";
  if ("<>!=@".includes(first ?? "\0") && format.length > 0) i = 1;
  if (format.includes("\0")) throw structError("embedded null character");
  const sizes = table === "native" ? NATIVE : STANDARD;

  const codes: Code[] = [];
  let size = 0;
  let items = 0;
  while (i < format.length) {
    let c = format[i++];
    // 2. Whitespace between codes is ignored (Python's isspace on ASCII).
    if (" \t\n\r\v\f".includes(c)) continue;
    // 3. A count, which must be followed by a code.
    let count = 1;
    if (c >= "0" && c <= "9") {
      let digits = c;
      while (i < format.length && format[i] >= "0" && format[i] <= "9") digits += format[i++];
      if (i >= format.length) throw structError("repeat count given without format specifier");
      count = Number(digits);
      if (!Number.isSafeInteger(count)) throw structError("total struct size too long");
      c = format[i++];
    }
    // 4. The code, from this table.
    const itemSize = sizes[c];
    if (itemSize === undefined) throw structError("bad char in struct format");
    // 5. Native alignment: pad so the item starts at a multiple of its size.
    if (table === "native" && !UNALIGNED.has(c) && size > 0) size += (itemSize - 1) - ((size - 1) % itemSize);
    const isString = c === "s" || c === "p";
    codes.push({ char: c, count, size: isString ? count : itemSize, offset: size });
    if (isString) items += 1;
    else if (c !== "x") items += count;
    size += count * itemSize;
  }
  return { table, codes, size, items };
}
