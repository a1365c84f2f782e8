// The serialization visualization's reading of a run's trace: every byte string the engine made or
// read (workers/serialization/trace.ts), which one the playhead stands on, and for that one each
// byte with the field it belongs to, the field table (the text alternative), which byte of a
// multi-byte number is the most significant, and which pickle opcodes import or call.
import type { TraceEvent } from "../../../workers/trace";
import type {
  ByteField,
  SerializationBytesTrace,
  SerializationCompareTrace,
  SerializationErrorTrace,
  SerializationExplainTrace,
} from "../../../workers/serialization/trace";

export interface SerializationRun {
  /** Every byte string, in the order the run made or read them. */
  strings: SerializationBytesTrace[];
  /** The last byte string or Python error: what the picture shows at this moment. */
  latest: SerializationBytesTrace | SerializationErrorTrace | undefined;
  /** The last comparison of formats (compare()), if any. */
  compare: SerializationCompareTrace | undefined;
  /** The last account of what loading a pickle would do (explainPickle()), if any. */
  explain: SerializationExplainTrace | undefined;
  /** The last pickle made or disassembled, if any. */
  pickle: SerializationBytesTrace | undefined;
}

export function readRun(trace: readonly TraceEvent[]): SerializationRun {
  const run: SerializationRun = { strings: [], latest: undefined, compare: undefined, explain: undefined, pickle: undefined };
  for (const e of trace) {
    if (e.source !== "serialization") continue;
    if (e.kind === "bytes") {
      run.strings.push(e);
      run.latest = e;
      if (PICKLE_OPS.has(e.op)) run.pickle = e;
    } else if (e.kind === "error") run.latest = e;
    else if (e.kind === "compare") run.compare = e;
    else run.explain = e;
  }
  return run;
}

/** A stretch of the run: the learner's module loading, or one check running. */
export interface Phase {
  label: string;
  start: number;
  end: number;
}

/** The run's stretches, from the sandbox's own events, in order. */
export function phasesOf(trace: readonly TraceEvent[]): Phase[] {
  const phases: Phase[] = [];
  for (const e of trace) {
    if (e.source !== "sandbox" || e.kind === "transpile") continue;
    phases.push({ label: e.kind === "module" ? "your module's own code" : `the check “${e.name}”`, start: e.t, end: e.t + e.durationMs });
  }
  return phases.sort((a, b) => a.start - b.start);
}

/** The stretch an event at `t` happened in: the last one begun by then, if it had not yet ended. */
export function phaseAt(phases: readonly Phase[], t: number): Phase | undefined {
  let found: Phase | undefined;
  for (const p of phases) if (p.start <= t) found = p;
  return found && t <= found.end ? found : undefined;
}

/** The byte strings grouped by the stretch of the run that made them, for the picker. */
export function groupsOf(strings: readonly SerializationBytesTrace[], phases: readonly Phase[]): { label: string; items: { event: SerializationBytesTrace; index: number }[] }[] {
  const groups: { label: string; items: { event: SerializationBytesTrace; index: number }[] }[] = [];
  strings.forEach((event, index) => {
    const label = phaseAt(phases, event.t)?.label ?? "your code";
    if (groups.at(-1)?.label !== label) groups.push({ label, items: [] });
    groups.at(-1)!.items.push({ event, index });
  });
  return groups;
}

/** The bytes of a trace event (as many as it carries). */
export function bytesOf(event: SerializationBytesTrace): number[] {
  const bytes: number[] = [];
  for (let i = 0; i + 1 < event.hex.length; i += 2) bytes.push(parseInt(event.hex.slice(i, i + 2), 16));
  return bytes;
}

export const hexByte = (b: number) => b.toString(16).padStart(2, "0");

/** The offset of the byte that holds a number's most significant part, for numbers of two bytes or more. */
export function mostSignificantOffset(field: ByteField): number | undefined {
  if (!field.byteOrder || field.end - field.start < 2) return undefined;
  return field.byteOrder === "big" ? field.start : field.end - 1;
}

const PICKLE_OPS = new Set(["pickle.dumps", "pickletools.dis", "explain_pickle"]);
// Opcodes through which loading a pickle reaches beyond plain data: importing any global by name,
// and calling what is on the stack (BUILD calls __setstate__ when the object has one).
const IMPORTS = new Set(["GLOBAL", "STACK_GLOBAL", "INST", "EXT1", "EXT2", "EXT4"]);
const CALLS = new Set(["REDUCE", "INST", "OBJ", "NEWOBJ", "NEWOBJ_EX", "BUILD"]);

/** What a pickle opcode lets loading do beyond building data, in words; undefined for plain data. */
export function dangerOf(event: SerializationBytesTrace, field: ByteField): string | undefined {
  if (!PICKLE_OPS.has(event.op)) return undefined;
  const imports = IMPORTS.has(field.name);
  const calls = CALLS.has(field.name);
  if (imports && calls) return "imports a global and calls it";
  if (imports) return "imports any global by name";
  if (field.name === "BUILD") return "may call the object's __setstate__";
  if (calls) return "calls what is on the stack";
  return undefined;
}

/** The opcodes of a pickle through which loading it would import or call something. */
export function dangersOf(event: SerializationBytesTrace): { field: ByteField; danger: string }[] {
  return event.fields.flatMap((field) => {
    const danger = dangerOf(event, field);
    return danger ? [{ field, danger }] : [];
  });
}

export interface ByteCell {
  offset: number;
  byte: number;
  /** Index into the event's fields, or -1 for a byte no field covers. */
  field: number;
  mostSignificant: boolean;
}

/** Each byte carried, with its field and whether it holds the most significant part of a number. */
export function cellsOf(event: SerializationBytesTrace): ByteCell[] {
  const cells: ByteCell[] = bytesOf(event).map((byte, offset) => ({ offset, byte, field: -1, mostSignificant: false }));
  event.fields.forEach((f, index) => {
    for (let o = f.start; o < Math.min(f.end, cells.length); o++) cells[o].field = index;
    const msb = mostSignificantOffset(f);
    if (msb !== undefined && msb < cells.length) cells[msb].mostSignificant = true;
  });
  return cells;
}

export interface FieldRow {
  /** Index into the event's fields, or -1 for bytes no field covers. */
  field: number;
  start: number;
  end: number;
  /** The bytes as spaced hex, the first few only for a long field. */
  bytes: string;
  name: string;
  value: string;
  /** "big-endian: most significant byte first", for numbers of two bytes or more. */
  order?: string;
  danger?: string;
}

const SHOWN_BYTES = 12;
const SHOWN_VALUE = 80;

export const shorten = (text: string, max = SHOWN_VALUE) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function hexRange(bytes: readonly number[], start: number, end: number): string {
  const shown = bytes.slice(start, Math.min(end, start + SHOWN_BYTES)).map(hexByte).join(" ");
  const more = Math.min(end, bytes.length) - start - SHOWN_BYTES;
  return more > 0 ? `${shown} … (${end - start} bytes)` : shown;
}

/** The text alternative: one row per field in offset order, gaps included, as far as the bytes carried go. */
export function fieldRows(event: SerializationBytesTrace): FieldRow[] {
  const bytes = bytesOf(event);
  const rows: FieldRow[] = [];
  let at = 0;
  const gap = (end: number) => {
    if (end > at) rows.push({ field: -1, start: at, end, bytes: hexRange(bytes, at, end), name: "(no field)", value: "" });
  };
  event.fields.forEach((f, index) => {
    gap(f.start);
    const msb = mostSignificantOffset(f);
    rows.push({
      field: index,
      start: f.start,
      end: f.end,
      bytes: hexRange(bytes, f.start, f.end),
      name: f.name,
      value: shorten(f.value),
      order: msb === undefined ? undefined : `${f.byteOrder}-endian: most significant byte ${f.byteOrder === "big" ? "first" : "last"}`,
      danger: dangerOf(event, f),
    });
    at = Math.max(at, f.end);
  });
  gap(bytes.length);
  return rows;
}

/** What hovering or focusing a byte says. */
export function describeByte(event: SerializationBytesTrace, cell: ByteCell): string {
  const head = `Byte ${cell.offset} is 0x${hexByte(cell.byte)} (${cell.byte})`;
  if (cell.field === -1) return `${head}, in no field.`;
  const f = event.fields[cell.field];
  const span = f.end - f.start === 1 ? `byte ${f.start}` : `bytes ${f.start}–${f.end - 1}`;
  const value = f.value === "" ? "" : ` = ${shorten(f.value)}`;
  const order = cell.mostSignificant ? `; the most significant byte (${f.byteOrder}-endian)` : "";
  const danger = dangerOf(event, f);
  return `${head}: field ${f.name}${value}, ${span}${order}${danger ? `. ${f.name} ${danger}` : ""}.`;
}

/** The call that made a byte string: `struct.pack(>BH5s)`; the label alone is left out where the op already says it (`pickletools.dis`). */
export function callOf(event: { op: string; label: string }): string {
  return event.op.includes(event.label) ? event.op : `${event.op}(${shorten(event.label, 24)})`;
}

/** How the picker names a byte string. */
export function labelOf(event: SerializationBytesTrace, index: number): string {
  return `${index + 1}. ${callOf(event)}: ${event.length.toLocaleString("en-US")} ${event.length === 1 ? "byte" : "bytes"}`;
}

export const FORMAT_NAMES: Record<SerializationCompareTrace["rows"][number]["format"], string> = {
  json: "JSON.stringify",
  "python-json": "Python json.dumps",
  msgpack: "MessagePack",
  structuredClone: "structuredClone",
};

// compare() names each loss by where it happened ("3.joined: Date became string"), the first few
// only: a list of 200 users loses the same way 200 times, so each kind of loss is said once.
export function lostText(lost: readonly string[]): string {
  if (lost.length === 0) return "a different value";
  const kinds = new Map<string, string[]>();
  for (const item of lost) {
    const split = item.indexOf(": ");
    const [where, what] = split === -1 ? ["", item] : [item.slice(0, split), item.slice(split + 2)];
    kinds.set(what, [...(kinds.get(what) ?? []), where]);
  }
  return [...kinds].map(([what, places]) => (places.length === 1 ? (places[0] ? `${places[0]}: ${what}` : what) : `${what} (${places[0]} and others)`)).join("; ");
}
