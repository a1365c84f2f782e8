// The recordings' tagged Python values (golden/serialization.json, schema.pyval) to and from the
// engine's values (values.ts), so a test compares exactly: ints by digits, floats by their bits.
import { fromBits, bitsOf } from "../float-bits.ts";
import { floatRepr } from "../repr.ts";
import { PyByteArray, PyComplex, PyDate, PyFloat, PyFrozenSet, PyInstance, PyTuple, intOut, type PyValue } from "../values.ts";

export type PyVal = Record<string, unknown>;

export const hexToBytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
export { hexOf as bytesToHex } from "../hex.ts";
import { hexOf as bytesToHex } from "../hex.ts";

/** A recorded value as the engine takes it (floats as PyFloat so integral ones stay floats). */
export function fromPyval(v: PyVal): PyValue {
  const [tag] = Object.keys(v).filter((k) => k !== "hex64");
  const x = v[tag] as never;
  switch (tag) {
    case "none":
      return null;
    case "bool":
      return x;
    case "int":
      return intOut(BigInt(x));
    case "float":
      return new PyFloat(fromBits(BigInt("0x" + (v.hex64 as string))));
    case "str":
      return x;
    case "str_codepoints":
      return String.fromCodePoint(...(x as number[]));
    case "bytes":
      return hexToBytes(x);
    case "bytearray":
      return new PyByteArray(hexToBytes(x));
    case "list":
      return (x as PyVal[]).map(fromPyval);
    case "tuple":
      return new PyTuple((x as PyVal[]).map(fromPyval));
    case "set":
      return new Set((x as PyVal[]).map(fromPyval));
    case "frozenset":
      return new PyFrozenSet((x as PyVal[]).map(fromPyval));
    case "dict":
      return new Map((x as [PyVal, PyVal][]).map(([k, val]) => [fromPyval(k), fromPyval(val)]));
    case "complex": {
      const [re, im] = (x as PyVal[]).map(fromPyval) as PyFloat[];
      return new PyComplex(re.value, im.value);
    }
    case "date": {
      const [y, m, d] = (x as string).split("-").map(Number);
      return new PyDate(y, m, d);
    }
  }
  throw new Error(`no engine value for the recorded value ${JSON.stringify(v)}`);
}

const float = (x: number): PyVal => ({ float: floatRepr(x), hex64: bitsOf(x).toString(16).padStart(16, "0") });

/** An engine value in the recordings' form (a number is an int when integral, else a float). */
export function toPyval(value: PyValue): PyVal {
  if (value === null || value === undefined) return { none: null };
  if (typeof value === "boolean") return { bool: value };
  if (typeof value === "bigint") return { int: value.toString() };
  if (typeof value === "number") return Number.isInteger(value) && !Object.is(value, -0) ? { int: String(value) } : float(value);
  if (typeof value === "string") return !/\p{Surrogate}/u.test(value) ? { str: value } : { str_codepoints: Array.from(value, (c) => c.codePointAt(0)!) };
  if (value instanceof PyFloat) return float(value.value);
  if (value instanceof Uint8Array) return { bytes: bytesToHex(value) };
  if (value instanceof PyByteArray) return { bytearray: bytesToHex(value.bytes) };
  if (value instanceof PyTuple) return { tuple: value.items.map(toPyval) };
  if (value instanceof PyFrozenSet) return { frozenset: value.items.map(toPyval) };
  if (value instanceof PyComplex) return { complex: [float(value.real), float(value.imag)] };
  if (value instanceof PyDate) return { date: `${value.year}-${String(value.month).padStart(2, "0")}-${String(value.day).padStart(2, "0")}` };
  if (value instanceof PyInstance) return { object: `${value.module}.${value.name}` };
  if (Array.isArray(value)) return { list: value.map(toPyval) };
  if (value instanceof Set) return { set: [...value].map(toPyval) };
  const entries = value instanceof Map ? [...value] : Object.entries(value);
  return { dict: entries.map(([k, v]) => [toPyval(k as PyValue), toPyval(v as PyValue)]) };
}
