// Python's truth value of a value (bool(x)), for struct's '?' and pickle's explanation.
import { PyByteArray, PyComplex, PyFloat, PyFrozenSet, PyTuple, type PyValue } from "./values.ts";

export function isTruthy(value: PyValue): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "bigint") return value !== 0n;
  if (typeof value === "string") return value.length > 0;
  if (value instanceof PyFloat) return value.value !== 0;
  if (value instanceof Uint8Array) return value.length > 0;
  if (value instanceof PyByteArray) return value.bytes.length > 0;
  if (value instanceof PyTuple || value instanceof PyFrozenSet) return value.items.length > 0;
  if (value instanceof PyComplex) return value.real !== 0 || value.imag !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Set || value instanceof Map) return value.size > 0;
  if (typeof value === "object" && value.constructor === Object) return Object.keys(value).length > 0;
  return true;
}
