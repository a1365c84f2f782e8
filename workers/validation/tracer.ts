// Turns one traced validation call into events (trace.ts): its start, one `node` event per value
// visited (emitted once the node is decided, so children come before their parent) and its end.
// Only runs when the engine was given a trace sink; an untraced Run never reaches this file.
import type { Run, Schema } from "./core.ts";
import { EXACT, FAIL } from "./core.ts";
import {
  MAX_TRACED_ERRORS,
  MAX_TRACED_NODES,
  MAX_TRACED_STRING,
  type TracedValue,
  type ValidationTrace,
} from "./trace.ts";
import type { ErrorDetail } from "./types.ts";
import { PyFloat, isPlainObject, pythonRepr, pythonType } from "./values.ts";

export interface TraceEnv {
  now(): number;
  trace(event: ValidationTrace): void;
  /** Counts the run's validation calls. */
  calls: { count: number };
}

export interface NodeTracer {
  node(schema: Schema<unknown>, input: unknown, run: Run): unknown;
  end(errors: readonly ErrorDetail[]): void;
}

export function preview(value: unknown): TracedValue {
  if (value === null || value === undefined || typeof value === "boolean") return value ?? null;
  if (typeof value === "number") return Number.isFinite(value) ? value : { py: "float", repr: pythonRepr(value) };
  if (typeof value === "string") return value.length > MAX_TRACED_STRING ? `${value.slice(0, MAX_TRACED_STRING)}…` : value;
  if (value instanceof PyFloat || typeof value === "bigint") return { py: pythonType(value), repr: pythonRepr(value) };
  if (Array.isArray(value)) return { py: "list", repr: value.length ? "[…]" : "[]", size: value.length };
  if (isPlainObject(value)) {
    const size = Object.keys(value).length;
    return { py: "dict", repr: size ? "{…}" : "{}", size };
  }
  return { py: pythonType(value), repr: "…" };
}

const sameLoc = (a: readonly (string | number)[], b: readonly (string | number)[]) =>
  a.length === b.length && a.every((part, i) => part === b[i]);

export function startTrace(env: TraceEnv, root: Schema<unknown>, input: unknown): NodeTracer {
  const call = ++env.calls.count;
  const model = root.name;
  env.trace({ t: env.now(), source: "validation", kind: "validate", phase: "start", call, model, input: preview(input) });
  let nodes = 0;
  let dropped = 0;
  return {
    node(schema, nodeInput, run) {
      const before = run.errors.length;
      const outer = run.exactness;
      run.exactness = EXACT;
      const value = schema.exec(nodeInput, run);
      const coerced = run.exactness < EXACT;
      run.exactness = Math.min(outer, run.exactness);
      if (nodes >= MAX_TRACED_NODES) {
        dropped++;
        return value;
      }
      nodes++;
      const loc = [...run.path];
      const event: ValidationTrace = {
        t: env.now(),
        source: "validation",
        kind: "node",
        call,
        loc,
        type: schema.name,
        input: preview(nodeInput),
        coerced: value !== FAIL && coerced,
      };
      if (value !== FAIL) event.output = preview(value);
      else {
        const own = run.errors.slice(before).find((e) => sameLoc(e.loc, loc)) ?? run.errors[before];
        if (own) event.error = { type: own.type, msg: own.msg };
      }
      env.trace(event);
      return value;
    },
    end(errors) {
      env.trace({
        t: env.now(),
        source: "validation",
        kind: "validate",
        phase: "end",
        call,
        model,
        ok: errors.length === 0,
        errorCount: errors.length,
        errors: errors.slice(0, MAX_TRACED_ERRORS).map((e) => ({ type: e.type, loc: [...e.loc], msg: e.msg })),
        nodesDropped: dropped,
      });
    },
  };
}
