// The cases of golden/serialization.json of one kind, and the outcome of running one as the
// recordings write it ({ok:true, …} or {ok:false, error:{type, message}}), for the replays. Each
// replay reads the recording itself with readGolden (GOLDEN_DIR or golden/).
import { PyException, JSONDecodeError } from "../values.ts";

export interface SerializationCase {
  name: string;
  kind: "struct" | "int_bytes" | "json_dumps" | "json_loads" | "pickle" | "pickle_dis";
  op: string;
  expect: Record<string, unknown>;
  [field: string]: unknown;
}

export const FILE = "serialization.json";

export interface SerializationGolden {
  cases: SerializationCase[];
}

export function casesOf(golden: SerializationGolden, kind: SerializationCase["kind"]): SerializationCase[] {
  return golden.cases.filter((c) => c.kind === kind);
}

/** Runs `body` and writes its outcome in the recordings' form; non-Python errors propagate. */
export function outcome(body: () => Record<string, unknown>): Record<string, unknown> {
  try {
    return { ok: true, ...body() };
  } catch (e) {
    if (e instanceof JSONDecodeError) return { ok: false, error: { type: e.type, message: e.message, msg: e.msg, pos: e.pos, lineno: e.lineno, colno: e.colno } };
    if (e instanceof PyException) return { ok: false, error: { type: e.type, message: e.message } };
    throw e;
  }
}
