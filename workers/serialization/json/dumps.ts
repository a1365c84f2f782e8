// json.dumps as CPython's json module writes it: floats by repr, ints of any size, ensure_ascii
// escapes (surrogate pairs for astral characters), dict keys coerced to strings, sort_keys
// comparing the original keys (so 1 and 'a' raise TypeError as Python's sort does), indent and
// separators, allow_nan, and the circular-reference check.
import { PyException, PyFloat, PyTuple, type PyValue } from "../values.ts";
import { floatRepr } from "../repr.ts";
import { pythonSort, typeName } from "./compare.ts";
import { MAX_STR_DIGITS } from "./loads.ts";

export interface DumpsOptions {
  ensureAscii?: boolean;
  sortKeys?: boolean;
  indent?: number | string | null;
  separators?: readonly [string, string] | null;
  allowNan?: boolean;
}

const ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };
const u4 = (n: number) => "\\u" + n.toString(16).padStart(4, "0");

/** A JSON string literal: py_encode_basestring_ascii, or py_encode_basestring without ensure_ascii. */
export function encodeString(text: string, ensureAscii: boolean): string {
  let out = '"';
  // UTF-16 code units: an astral character is its surrogate pair already, as Python writes it.
  for (const ch of text.split("")) {
    const code = ch.charCodeAt(0);
    if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (code < 0x20 || (ensureAscii && code > 0x7e)) out += u4(code);
    else out += ch;
  }
  return out + '"';
}

/**
 * A float as JSON text. Python has two encoders: the C one (no indent) refuses NaN and the
 * infinities in so many words; the pure-Python one (used with indent) adds the value's repr.
 */
function floatText(x: number, allowNan: boolean, pythonEncoder: boolean): string {
  if (Number.isFinite(x)) return floatRepr(x);
  if (!allowNan) throw new PyException("ValueError", `Out of range float values are not JSON compliant${pythonEncoder ? `: ${floatRepr(x)}` : ""}`);
  return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
}

function intText(x: number | bigint): string {
  const text = String(x);
  if (text.replace("-", "").length > MAX_STR_DIGITS) {
    throw new PyException("ValueError", `Exceeds the limit (${MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`);
  }
  return text;
}

const isInt = (v: unknown): v is number | bigint => typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v) && !Object.is(v, -0));

export function dumps(value: PyValue, options: DumpsOptions = {}): string {
  const ensureAscii = options.ensureAscii ?? true;
  const allowNan = options.allowNan ?? true;
  const indent = options.indent ?? null;
  const indentText = indent === null ? null : typeof indent === "string" ? indent : " ".repeat(Math.max(0, indent));
  const [itemSep, keySep] = options.separators ?? (indentText === null ? [", ", ": "] : [",", ": "]);
  const active = new Set<object>();

  function keyText(key: PyValue): string {
    if (typeof key === "string") return key;
    if (isInt(key)) return intText(key);
    if (typeof key === "number" || key instanceof PyFloat) return floatText(Number(key), allowNan, indentText !== null);
    if (key === true) return "true";
    if (key === false) return "false";
    if (key === null || key === undefined) return "null";
    throw new PyException("TypeError", `keys must be str, int, float, bool or None, not ${typeName(key)}`);
  }

  function enter(container: object) {
    if (active.has(container)) throw new PyException("ValueError", "Circular reference detected");
    active.add(container);
  }

  function encode(v: PyValue, level: number): string {
    if (v === null || v === undefined) return "null";
    if (v === true) return "true";
    if (v === false) return "false";
    if (typeof v === "string") return encodeString(v, ensureAscii);
    if (isInt(v)) return intText(v);
    if (typeof v === "number") return floatText(v, allowNan, indentText !== null);
    if (v instanceof PyFloat) return floatText(v.value, allowNan, indentText !== null);
    const newline = indentText === null ? "" : "\n" + indentText.repeat(level + 1);
    const close = indentText === null ? "" : "\n" + indentText.repeat(level);
    if (Array.isArray(v) || v instanceof PyTuple) {
      const items = v instanceof PyTuple ? v.items : (v as readonly PyValue[]);
      if (items.length === 0) return "[]";
      enter(v);
      const body = items.map((item) => encode(item, level + 1)).join(itemSep + newline);
      active.delete(v);
      return `[${newline}${body}${close}]`;
    }
    if (isDict(v)) {
      let entries: [PyValue, PyValue][] = v instanceof Map ? [...v] : Object.entries(v);
      if (entries.length === 0) return "{}";
      enter(v);
      if (options.sortKeys) entries = pythonSort(entries);
      const body = entries.map(([k, item]) => encodeString(keyText(k), ensureAscii) + keySep + encode(item, level + 1)).join(itemSep + newline);
      active.delete(v);
      return `{${newline}${body}${close}}`;
    }
    throw new PyException("TypeError", `Object of type ${typeName(v)} is not JSON serializable`);
  }
  return encode(value, 0);
}

/** A dict: a Map, or a plain object (a Date or a class instance is not one, as in Python). */
function isDict(v: PyValue): v is ReadonlyMap<PyValue, PyValue> | { readonly [key: string]: PyValue } {
  if (v instanceof Map) return true;
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
