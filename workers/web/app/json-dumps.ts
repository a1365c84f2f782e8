// The body Starlette's JSONResponse renders: Python's json.dumps(content, ensure_ascii=False,
// allow_nan=False, separators=(",", ":")). It differs from JSON.stringify where Python's values
// do: a float the validation engine kept as a float (4.0) is written 4.0, an int beyond 2^53 (a
// bigint) in full, a float as Python's repr writes it (1e-07), and NaN or an infinity is refused
// (a ValueError, so a 500) where JSON.stringify would quietly write null.
import { PyFloat, pythonRepr } from "../../validation/index.ts";
import { ValueError } from "./errors";

export function jsonDumps(value: unknown): string {
  return write(value) ?? "null";
}

/** One value's text, or undefined for what JSON.stringify leaves out (undefined, functions). */
function write(value: unknown): string | undefined {
  if (value instanceof PyFloat) return number(value.value, pythonRepr(value));
  if (typeof value === "number") return number(value, pythonRepr(value));
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return undefined;
  const toJSON = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof toJSON === "function") return write(toJSON.call(value));
  if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? "null").join(",")}]`;
  const members: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const text = write(item);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(",")}}`;
}

function number(value: number, repr: string): string {
  if (!Number.isFinite(value)) throw new ValueError("Out of range float values are not JSON compliant");
  return repr;
}
