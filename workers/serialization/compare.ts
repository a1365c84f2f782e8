// compare(): one value through JSON.stringify, Python's json, MessagePack and structuredClone —
// size, time to encode and decode, and what came back different ("Map became a plain object").
import type { CompareRow } from "./trace.ts";
import type { PyValue } from "./values.ts";
import { dumps } from "./json/dumps.ts";
import { loads } from "./json/loads.ts";
import * as msgpack from "./msgpack.ts";

export interface CompareOptions {
  /** Milliseconds, for the timings (the run's clock). */
  now(): number;
  /** The host's structuredClone, when it has one. */
  structuredClone?: (value: unknown) => unknown;
  /** Encodes and decodes this many times and reports the mean (default 20). */
  repeat?: number;
}

const MAX_LOST = 12;

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (v instanceof Date) return "Date";
  if (v instanceof Map) return "Map";
  if (v instanceof Set) return "Set";
  if (v instanceof Uint8Array) return "Uint8Array";
  if (typeof v === "object") {
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null ? "object" : `${proto?.constructor?.name ?? "class"} instance`;
  }
  if (typeof v === "number" && Number.isNaN(v)) return "NaN";
  return typeof v;
}

/** What differs between a value and what a format gave back, in words, at most MAX_LOST. */
export function differences(original: unknown, decoded: unknown): string[] {
  const lost: string[] = [];
  const seen = new Set<unknown>();
  const add = (path: string, what: string) => {
    if (lost.length < MAX_LOST) lost.push(path ? `${path}: ${what}` : what);
  };
  function walk(a: unknown, b: unknown, path: string): void {
    if (lost.length >= MAX_LOST) return;
    const ka = kindOf(a);
    const kb = kindOf(b);
    if (ka !== kb) {
      const dropped = a instanceof Map && a.size ? ` (its ${a.size} entries were dropped)` : a instanceof Set && a.size ? ` (its ${a.size} items were dropped)` : "";
      return add(path, `${ka} became ${kb === "undefined" ? "missing" : kb}${dropped}`);
    }
    if (typeof a !== "object" || a === null) {
      if (Object.is(a, -0) && !Object.is(b, -0)) return add(path, "-0 became 0");
      if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) add(path, `${String(a)} became ${String(b)}`);
      return;
    }
    if (seen.has(a)) return;
    seen.add(a);
    if (a instanceof Date) {
      if (a.getTime() !== (b as Date).getTime()) add(path, "the Date changed");
      return;
    }
    const entries = (v: object): [unknown, unknown][] =>
      v instanceof Map ? [...v] : v instanceof Set ? [...v].map((x, i) => [i, x]) : Object.entries(v);
    const left = entries(a);
    const right = new Map(entries(b as object));
    for (const [key, value] of left) {
      const sub = path ? `${path}.${String(key)}` : String(key);
      if (!right.has(key)) add(sub, value === undefined ? "undefined was dropped" : `${kindOf(value)} was dropped`);
      else walk(value, right.get(key), sub);
    }
  }
  walk(original, decoded, "");
  return lost;
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

function row(format: CompareRow["format"], value: unknown, options: CompareOptions, encode: () => { size: number | null; decode: () => unknown }): CompareRow {
  const repeat = Math.max(1, options.repeat ?? 20);
  try {
    let encoded = encode();
    let t = options.now();
    for (let i = 1; i < repeat; i++) encoded = encode();
    const encodeMs = (options.now() - t) / Math.max(1, repeat - 1);
    let decoded = encoded.decode();
    t = options.now();
    for (let i = 1; i < repeat; i++) decoded = encoded.decode();
    const decodeMs = (options.now() - t) / Math.max(1, repeat - 1);
    const lost = differences(value, decoded);
    return { format, bytes: encoded.size, encodeMs, decodeMs, roundTrips: lost.length === 0, lost };
  } catch (e) {
    return { format, bytes: null, encodeMs: 0, decodeMs: 0, roundTrips: false, lost: [], error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

export function compare(value: unknown, options: CompareOptions): CompareRow[] {
  const rows = [
    row("json", value, options, () => {
      const text = JSON.stringify(value);
      if (text === undefined) throw new TypeError("JSON.stringify gave undefined (nothing to write)");
      return { size: utf8Length(text), decode: () => JSON.parse(text) };
    }),
    row("python-json", value, options, () => {
      const text = dumps(value as PyValue);
      return { size: utf8Length(text), decode: () => loads(text) };
    }),
    row("msgpack", value, options, () => {
      const bytes = msgpack.encode(value);
      return { size: bytes.length, decode: () => msgpack.decode(bytes) };
    }),
  ];
  const clone = options.structuredClone;
  if (clone) rows.push(row("structuredClone", value, options, () => ({ size: null, decode: () => clone(value) })));
  return rows;
}
