// One call of Model.validate as the visualization reads it from the trace (read.ts): the input,
// each place of it that validation visited, and the errors, each as far as the playhead has got.
import type { TraceEvent } from "../../../workers/trace";
import type { TracedValue } from "../../../workers/validation/trace";

export type Loc = readonly (string | number)[];

export interface ErrorAt {
  type: string;
  loc: Loc;
  msg: string;
}

/** An error pinned on a node of the tree: `rest` is what its loc says below that node (a dict key's "[key]"). */
export interface PinnedError extends ErrorAt {
  rest: Loc;
}

/** One place validation visited: a field, a list item, a dict value or a union member. */
export interface Visit {
  loc: Loc;
  /** The type it was validated as ("int", "Address", "list[int]", "int | str"). */
  type: string;
  input: TracedValue;
  /** What it became, when accepted. */
  output?: TracedValue;
  accepted: boolean;
  coerced: boolean;
  error?: { type: string; msg: string };
}

export interface Validation {
  /** 1, 2, … in the run. */
  index: number;
  model: string;
  input: TracedValue;
  visits: Visit[];
  /**
   * The errors known by the playhead: once the call has ended, all of them in Pydantic's order
   * (missing fields and model validators included); before, those its visits raised so far.
   */
  errors: ErrorAt[];
  /** How many errors the call found (the trace keeps at most 100 of them). */
  errorCount: number;
  /** The playhead has reached the call's end. */
  ended: boolean;
  /** Known once ended. */
  ok: boolean | undefined;
  /** Visits the engine left out of the trace (past 2,000 a call). */
  visitsDropped: number;
  /** The request it was part of ("POST /signup"), when a web app was serving one. */
  request?: string;
  /** "your code", or the name of the check it ran in. */
  sentBy?: string;
  /** Its first and last events reached, for the picker (which moves the playhead). */
  first: TraceEvent;
  last: TraceEvent;
}
