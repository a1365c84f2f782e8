// Python's ordering of dict items for sort_keys: sorted(d.items()) compares (key, value) tuples,
// so keys of types Python cannot order raise TypeError naming the two types in the order the
// sort compared them. CPython sorts short lists by a binary insertion sort after counting the
// first run; doing the same finds the same first incomparable pair.
import { PyByteArray, PyComplex, PyDate, PyException, PyFloat, PyFrozenSet, PyInstance, PyTuple, type PyValue } from "../values.ts";

export function typeName(v: PyValue): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return Number.isInteger(v) && !Object.is(v, -0) ? "int" : "float";
  if (typeof v === "string") return "str";
  if (v instanceof PyFloat) return "float";
  if (v instanceof Uint8Array) return "bytes";
  if (v instanceof PyByteArray) return "bytearray";
  if (v instanceof PyTuple) return "tuple";
  if (v instanceof PyFrozenSet) return "frozenset";
  if (v instanceof PyComplex) return "complex";
  if (v instanceof PyDate) return "date";
  if (v instanceof PyInstance) return v.name;
  if (Array.isArray(v)) return "list";
  if (v instanceof Set) return "set";
  if (v instanceof Map) return "dict";
  // A JavaScript object that is no dict (a Date, a class instance) by its class's name.
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null ? "dict" : (proto?.constructor?.name ?? "object");
}

const numeric = (v: PyValue) => typeof v === "number" || typeof v === "bigint" || typeof v === "boolean" || v instanceof PyFloat;

function numberLess(a: PyValue, b: PyValue): boolean {
  const x = typeof a === "boolean" ? Number(a) : a instanceof PyFloat ? a.value : (a as number | bigint);
  const y = typeof b === "boolean" ? Number(b) : b instanceof PyFloat ? b.value : (b as number | bigint);
  return x < y;
}

function stringLess(a: string, b: string): boolean {
  // By code points, as Python compares str (JavaScript's < compares UTF-16 units).
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i];
  return x.length < y.length;
}

/** a < b for the key types JSON allows, or Python's TypeError. */
function less(a: PyValue, b: PyValue): boolean {
  if (numeric(a) && numeric(b)) return numberLess(a, b);
  if (typeof a === "string" && typeof b === "string") return stringLess(a, b);
  throw new PyException("TypeError", `'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

const equal = (a: PyValue, b: PyValue) => (numeric(a) && numeric(b) ? !numberLess(a, b) && !numberLess(b, a) : a === b);

/** Item tuples compared as Python's tuple <: the first unequal element decides. */
function itemLess(a: [PyValue, PyValue], b: [PyValue, PyValue]): boolean {
  if (!equal(a[0], b[0])) return less(a[0], b[0]);
  return less(a[1], b[1]);
}

/** sorted(items) with CPython's comparison order for short lists (count_run + binary insertion). */
export function pythonSort<T extends [PyValue, PyValue]>(items: T[]): T[] {
  const a = [...items];
  const n = a.length;
  if (n < 2) return a;
  // 1. The first run: strictly descending (then reversed) or non-descending.
  let run = 2;
  if (itemLess(a[1], a[0])) {
    while (run < n && itemLess(a[run], a[run - 1])) run++;
    a.splice(0, run, ...a.slice(0, run).reverse());
  } else {
    while (run < n && !itemLess(a[run], a[run - 1])) run++;
  }
  // 2. Binary insertion of the rest, each after its equals (stable).
  for (let i = run; i < n; i++) {
    const pivot = a[i];
    let lo = 0;
    let hi = i;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (itemLess(pivot, a[mid])) hi = mid;
      else lo = mid + 1;
    }
    a.splice(i, 1);
    a.splice(lo, 0, pivot);
  }
  return a;
}
