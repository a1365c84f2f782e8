// Python's view of JavaScript values. JSON numbers are ints or floats in Python, and JavaScript
// keeps one number type: an integral number reads as an int, any other as a float, and a float
// with an integral value (4.0) travels as a PyFloat. Ints beyond 2^53 are bigints.

/** A Python float whose value is integral (4.0): what `asFloat` and `loads` give. */
export class PyFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
    Object.freeze(this);
  }
}

export const asFloat = (value: number): unknown => new PyFloat(Number(value));

export const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** Python's type name of a value, as `input_type=` in ValidationError's str() names it. */
export function pythonType(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (value instanceof PyFloat) return "float";
  switch (typeof value) {
    case "boolean":
      return "bool";
    case "number":
      return Number.isInteger(value) ? "int" : "float";
    case "bigint":
      return "int";
    case "string":
      return "str";
    case "function":
      return "function";
  }
  if (Array.isArray(value)) return "list";
  if (isPlainObject(value)) return "dict";
  return (value as object).constructor?.name ?? "object";
}

/** Python's repr of a float: shortest round-trip digits, exponent outside 1e-4 ≤ |x| < 1e16. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, expText] = x.toExponential().split("e");
  const exp = Number(expText);
  const digits = mantissa.replace("-", "").replace(".", "");
  const sign = x < 0 ? "-" : "";
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const fraction = digits.slice(exp + 1);
  return `${sign}${whole}.${fraction || "0"}`;
}

/** Python's repr of a str: single quotes unless the text holds one and no double quote. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's repr of a JSON-like value. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value instanceof PyFloat) return floatRepr(value.value);
  switch (typeof value) {
    case "boolean":
      return value ? "True" : "False";
    case "number":
      return Number.isInteger(value) ? String(value) : floatRepr(value);
    case "bigint":
      return value.toString();
    case "string":
      return strRepr(value);
  }
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (isPlainObject(value))
    return `{${keysOf(value)
      .map((k) => `${strRepr(k)}: ${pythonRepr(value[k])}`)
      .join(", ")}}`;
  return String(value);
}

/** Unwraps PyFloat markers (recursively): what a JSON value looks like to JavaScript. */
export function plain(value: unknown): unknown {
  if (value instanceof PyFloat) return value.value;
  if (Array.isArray(value)) return value.map(plain);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    const keys = keysOf(value);
    for (const key of keys) define(out, key, plain(value[key]));
    keepKeyOrder(out, keys);
    return out;
  }
  return value;
}

/**
 * The order a dict's keys were written in, when JavaScript's own differs: an object lists keys
 * that look like array indexes ("3") first, a Python dict keeps insertion order. `loads` records
 * it on the objects it makes; everything here that walks a dict's keys asks keysOf.
 */
const KEY_ORDER = Symbol("python key order");

export function keysOf(value: Record<string, unknown>): string[] {
  return ((value as { [KEY_ORDER]?: string[] })[KEY_ORDER] ?? Object.keys(value)).slice();
}

/** Records `keys` as the object's order when JavaScript would list them otherwise. */
export function keepKeyOrder(target: Record<string, unknown>, keys: readonly string[]): void {
  const natural = Object.keys(target);
  if (natural.length === keys.length && natural.every((k, i) => k === keys[i])) return;
  Object.defineProperty(target, KEY_ORDER, { value: [...keys], enumerable: false });
}

/** Sets a key even when it is "__proto__", as a Python dict would hold it. */
export function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key.length === 9 && key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
