// What `playground/validation` reports: one validation call at a time, its start, one event per
// node of the input it visited (a field, a list item, a dict value, a union member), and its end
// with every error. A visualization draws the input as a tree from the `node` events' locs, pins
// each error at its loc and shows the coerced value beside each accepted leaf. Values travel as
// previews (TracedValue) so an event stays small whatever the learner validates.

/**
 * A value as the trace keeps it: null, booleans, numbers and short strings as they are; anything
 * else (a float with an integral value, a big int, a list, a dict, …) as its Python type and a
 * short Python repr, with a container's size.
 */
export type TracedValue =
  | null
  | boolean
  | number
  | string
  | { py: string; repr: string; size?: number };

export interface TracedError {
  type: string;
  /** Relative to the validation's start (the `loc` option is not included). */
  loc: (string | number)[];
  msg: string;
}

interface ValidationTraceBase {
  t: number;
  source: "validation";
  /** Numbers the validation calls of a run, so their events can be told apart. */
  call: number;
}

export interface ValidationStartTrace extends ValidationTraceBase {
  kind: "validate";
  phase: "start";
  /** The model's name, or the type's as Pydantic writes it ("list[int]"). */
  model: string;
  input: TracedValue;
}

export interface ValidationNodeTrace extends ValidationTraceBase {
  kind: "node";
  /** Where this node is, from the validated value's root ([] is the root). */
  loc: (string | number)[];
  /** The type the node was validated as, named as pydantic-core names it ("int", "constrained-str", "Address", "list[int]"). */
  type: string;
  input: TracedValue;
  /** The validated value, when the node was accepted. */
  output?: TracedValue;
  /** Accepted but changed on the way ("42" → 42, 4.0 → 4, "yes" → true). */
  coerced: boolean;
  /** The first error raised at this very loc, when the node was rejected. */
  error?: { type: string; msg: string };
}

export interface ValidationEndTrace extends ValidationTraceBase {
  kind: "validate";
  phase: "end";
  model: string;
  ok: boolean;
  errorCount: number;
  /** The errors, in Pydantic's order (at most MAX_TRACED_ERRORS). */
  errors: TracedError[];
  /** Node events left out because the call visited more than MAX_TRACED_NODES. */
  nodesDropped: number;
}

export type ValidationTrace = ValidationStartTrace | ValidationNodeTrace | ValidationEndTrace;

/** Nodes traced per validation call: enough for any lesson's input, bounded for a loop of thousands. */
export const MAX_TRACED_NODES = 2_000;
export const MAX_TRACED_ERRORS = 100;
/** Longer strings are cut (with "…") in previews. */
export const MAX_TRACED_STRING = 200;
