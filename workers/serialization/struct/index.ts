// Python's struct module: pack, unpack, calcsize and iter_unpack over a parsed format, each also
// telling which bytes hold which item (the hex view's fields).
import { floatOut, intOut, type PyValue } from "../values.ts";
import type { ByteField } from "../trace.ts";
import { repr } from "../repr.ts";
import { parseFormat, structError, type Format } from "./format.ts";
import { packItem, unpackItem } from "./codes.ts";

export interface Packed {
  bytes: Uint8Array;
  fields: ByteField[];
}

export interface Unpacked {
  values: PyValue[];
  fields: ByteField[];
}

/** Every item's place: [code, start, end] in order, pads included (they take no value). */
function* slots(format: Format): Generator<{ char: string; start: number; size: number }> {
  for (const code of format.codes) {
    if (code.char === "s" || code.char === "p") yield { char: code.char, start: code.offset, size: code.size };
    else for (let k = 0; k < code.count; k++) yield { char: code.char, start: code.offset + k * code.size, size: code.size };
  }
}

const byteOrder = (format: Format, size: number) => (size > 1 ? (format.table === "big" ? "big" : "little") : undefined);

function field(format: Format, char: string, start: number, size: number, value: PyValue, base = 0): ByteField {
  const f: ByteField = { start: base + start, end: base + start + size, name: char === "x" ? "pad" : char, value: char === "x" ? "" : repr(value) };
  const order = byteOrder(format, size);
  if (order && char !== "s" && char !== "p" && char !== "x") f.byteOrder = order;
  return f;
}

/** A value as a learner gets it back: ints as number/bigint, floats as number/PyFloat. */
function learnerValue(raw: PyValue): PyValue {
  if (typeof raw === "bigint") return intOut(raw);
  if (typeof raw === "number") return floatOut(raw);
  return raw;
}

export function pack(formatText: string, values: readonly PyValue[]): Packed {
  const format = parseFormat(formatText);
  if (values.length !== format.items) throw structError(`pack expected ${format.items} items for packing (got ${values.length})`);
  const bytes = new Uint8Array(format.size);
  const view = new DataView(bytes.buffer);
  const fields: ByteField[] = [];
  let next = 0;
  for (const { char, start, size } of slots(format)) {
    if (char === "x") {
      fields.push(field(format, char, start, size, null));
      continue;
    }
    const value = values[next++];
    packItem(format.table, char, size, value, view, start);
    // The field shows what reading the bytes back gives (a rounded float, a normalised bool).
    const packed = char === "p" && size === 0 ? new Uint8Array(0) : learnerValue(unpackItem(format.table, char, size, view, start));
    fields.push(field(format, char, start, size, packed));
  }
  return { bytes, fields };
}

function unpackAt(format: Format, bytes: Uint8Array, base: number, fields: ByteField[]): PyValue[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset + base, format.size);
  const values: PyValue[] = [];
  for (const { char, start, size } of slots(format)) {
    if (char === "x") {
      fields.push(field(format, char, start, size, null, base));
      continue;
    }
    const value = learnerValue(unpackItem(format.table, char, size, view, start));
    values.push(value);
    fields.push(field(format, char, start, size, value, base));
  }
  return values;
}

export function unpack(formatText: string, bytes: Uint8Array): Unpacked {
  const format = parseFormat(formatText);
  if (bytes.length !== format.size) throw structError(`unpack requires a buffer of ${format.size} bytes`);
  const fields: ByteField[] = [];
  return { values: unpackAt(format, bytes, 0, fields), fields };
}

export function calcsize(formatText: string): number {
  return parseFormat(formatText).size;
}

export function iterUnpack(formatText: string, bytes: Uint8Array): { values: PyValue[][]; fields: ByteField[] } {
  const format = parseFormat(formatText);
  if (format.size === 0) throw structError("cannot iteratively unpack with a struct of length 0");
  if (bytes.length % format.size !== 0) throw structError(`iterative unpacking requires a buffer of a multiple of ${format.size} bytes`);
  const fields: ByteField[] = [];
  const values: PyValue[][] = [];
  for (let base = 0; base < bytes.length; base += format.size) values.push(unpackAt(format, bytes, base, fields));
  return { values, fields };
}
