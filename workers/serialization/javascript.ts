// A Python value as JavaScript's JSON.stringify would see it, for json.sideBySide: floats and
// tuples become plain numbers and arrays; everything else is handed over as it is, so the
// browser's own rules (Maps and Sets as {}, bigint refused) show.
import { PyFloat, PyTuple, type PyValue } from "./values.ts";

export function toJavaScript(value: PyValue, seen = new Map<object, unknown>()): unknown {
  if (value instanceof PyFloat) return value.value;
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return seen.get(value);
  if (value instanceof PyTuple || Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value instanceof PyTuple ? value.items : (value as readonly PyValue[])) out.push(toJavaScript(item, seen));
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = toJavaScript(v as PyValue, seen);
  return out;
}
