// Packing and unpacking one item of one code, with the checks and messages of the function
// CPython's _struct picks for it. Which function that is depends on the table: on a little-endian
// machine '<' and '=' borrow the native functions wherever the sizes agree (so '<h' says "short
// format requires …" while '>h' says "'h' format requires …"), and '>q'/'>Q' go through
// _PyLong_AsByteArray, whose OverflowError pack rewords as "int too large to convert".
import { PyByteArray, PyException, PyFloat, type PyValue } from "../values.ts";
import { bitsOf, narrowFloat32, widenFloat32 } from "../float-bits.ts";
import { packHalf, unpackHalf } from "./half.ts";
import { structError, type Table } from "./format.ts";
import { isTruthy } from "../truthy.ts";

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const ULONG_MAX = 2n ** 64n - 1n;

/** A Python int from a value, as get_pylong: bools and ints, nothing else. */
export function toInt(value: PyValue): bigint {
  if (typeof value === "boolean") return value ? 1n : 0n;
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isInteger(value) && !Object.is(value, -0)) return BigInt(value);
  throw structError("required argument is not an integer");
}

/** A double from a value, as PyFloat_AsDouble (ints convert, too-large ones fail). */
export function toDouble(value: PyValue): number {
  if (typeof value === "number") return value;
  if (value instanceof PyFloat) return value.value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "bigint") {
    const x = Number(value);
    if (Number.isFinite(x)) return x;
  }
  throw structError("required argument is not a float");
}

const getLong = (v: PyValue) => {
  const x = toInt(v);
  if (x < LONG_MIN || x > LONG_MAX) throw structError("argument out of range");
  return x;
};
const getUlong = (v: PyValue) => {
  const x = toInt(v);
  if (x < 0n || x > ULONG_MAX) throw structError("argument out of range");
  return x;
};
const rangeError = (char: string, lo: bigint, hi: bigint) => structError(`'${char}' format requires ${lo} <= number <= ${hi}`);
const within = (x: bigint, lo: bigint, hi: bigint, error: () => PyException) => {
  if (x < lo || x > hi) throw error();
  return x;
};

/** The int an integer code packs, or the error CPython's packer for (table, code) raises. */
function packInt(table: Table, char: string, size: number, value: PyValue): bigint {
  switch (char) {
    case "b":
      return within(getLong(value), -128n, 127n, () => structError("byte format requires -128 <= number <= 127"));
    case "B":
      return within(getLong(value), 0n, 255n, () => structError("ubyte format requires 0 <= number <= 255"));
  }
  if (char === "P") {
    // PyLong_AsVoidPtr: a negative int as a C long, a positive one as unsigned; its
    // OverflowError is reworded by pack.
    const x = toInt(value);
    if (x < LONG_MIN || x > ULONG_MAX) throw structError("int too large to convert");
    return x;
  }
  const bits = BigInt(size * 8);
  const signed = "hilqn".includes(char);
  const lo = signed ? -(2n ** (bits - 1n)) : 0n;
  const hi = signed ? 2n ** (bits - 1n) - 1n : 2n ** bits - 1n;
  if (table === "big" && size === 8) {
    // bp_longlong / bp_ulonglong: an OverflowError, which pack rewords.
    const x = toInt(value);
    if (x < lo || x > hi) throw structError("int too large to convert");
    return x;
  }
  const nativeFunction = table === "native" || (table === "little" && char !== "l" && char !== "L");
  if (nativeFunction && char === "h") return within(getLong(value), lo, hi, () => structError("short format requires -32768 <= number <= 32767"));
  if (nativeFunction && char === "H") return within(getLong(value), lo, hi, () => structError("ushort format requires 0 <= number <= 65535"));
  const x = signed ? getLong(value) : getUlong(value);
  // 8-byte items are checked by the conversion itself; narrower ones against their own range.
  return size === 8 ? x : within(x, lo, hi, () => rangeError(char, lo, hi));
}

/** Writes one item of `char` at `offset`. */
export function packItem(table: Table, char: string, size: number, value: PyValue, view: DataView, offset: number): void {
  const little = table !== "big";
  switch (char) {
    case "c": {
      if (!(value instanceof Uint8Array) || value.length !== 1) throw structError("char format requires a bytes object of length 1");
      view.setUint8(offset, value[0]);
      return;
    }
    case "s":
    case "p": {
      const bytes = value instanceof Uint8Array ? value : value instanceof PyByteArray ? value.bytes : null;
      if (!bytes) throw structError(`argument for '${char}' must be a bytes object`);
      const target = new Uint8Array(view.buffer, view.byteOffset + offset, size);
      if (char === "s") target.set(bytes.subarray(0, size));
      else if (size > 0) {
        // A Pascal string: a length byte (at most 255), then as much as fits.
        const n = Math.min(bytes.length, size - 1, 255);
        target[0] = n;
        target.set(bytes.subarray(0, n), 1);
      }
      return;
    }
    case "?":
      view.setUint8(offset, isTruthy(value) ? 1 : 0);
      return;
    case "e":
    case "f":
    case "d":
      return packFloat(table, char, value, view, offset, little);
  }
  const x = packInt(table, char, size, value);
  if (size === 8) view.setBigUint64(offset, BigInt.asUintN(64, x), little);
  else if (size === 4) view.setUint32(offset, Number(BigInt.asUintN(32, x)), little);
  else if (size === 2) view.setUint16(offset, Number(BigInt.asUintN(16, x)), little);
  else view.setUint8(offset, Number(BigInt.asUintN(8, x)));
}

function packFloat(table: Table, char: string, value: PyValue, view: DataView, offset: number, little: boolean): void {
  const x = toDouble(value);
  // An OverflowError with an int argument is reworded by pack (s_pack_internal).
  const overflow = (format: string) =>
    typeof value === "bigint" || typeof value === "boolean" || (typeof value === "number" && Number.isInteger(value) && !Object.is(value, -0))
      ? structError("int too large to convert")
      : new PyException("OverflowError", `float too large to pack with ${format} format`);
  if (char === "d") {
    view.setBigUint64(offset, bitsOf(x), little);
  } else if (char === "f") {
    const bits = narrowFloat32(x);
    // PyFloat_Pack4 refuses a finite double that rounds to infinity; the native packer ('@f') just casts.
    if (table !== "native" && (bits & 0x7fffffff) === 0x7f800000 && Number.isFinite(x)) throw overflow("f");
    view.setUint32(offset, bits, little);
  } else {
    let bits: number;
    try {
      bits = packHalf(x);
    } catch (e) {
      throw e instanceof PyException && e.type === "OverflowError" ? overflow("e") : e;
    }
    view.setUint16(offset, bits, little);
  }
}

/** Reads one item of `char` at `offset`, as Python's value. */
export function unpackItem(table: Table, char: string, size: number, view: DataView, offset: number): PyValue {
  const little = table !== "big";
  const bytes = new Uint8Array(view.buffer, view.byteOffset + offset, size);
  switch (char) {
    case "c":
    case "s":
      return bytes.slice();
    case "p": {
      // '0p' asks CPython for a string of length -1, which it refuses.
      if (size === 0) throw new PyException("SystemError", "Negative size passed to PyBytes_FromStringAndSize");
      return bytes.slice(1, 1 + Math.min(bytes[0], size - 1));
    }
    case "?":
      return bytes[0] !== 0;
    case "e":
      return unpackHalf(view.getUint16(offset, little));
    case "f":
      return widenFloat32(view.getUint32(offset, little));
    case "d":
      return view.getFloat64(offset, little);
  }
  const signed = "bhilqn".includes(char);
  let x = 0n;
  for (let i = 0; i < size; i++) x = (x << 8n) | BigInt(bytes[little ? size - 1 - i : i]);
  return signed ? BigInt.asIntN(size * 8, x) : x;
}
