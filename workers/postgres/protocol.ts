// The two message protocols of the Postgres worker (docs/architecture.md, "The boundary"). Narrow
// on purpose: each message names one operation of a fixed list, with exactly the fields it needs,
// and the receiver checks all of it before acting. Nothing here reaches an object by a path, so
// there is no `constructor` to walk to and no way to call what is not listed.
//
// 1. A run's port (the sandbox, where learner code runs, holds the other end):
//      sandbox → worker  { id, op: "query" | "explain", text, values? }
//      worker → sandbox  { id, reply: StatementReply }
//    Nothing else: a port cannot begin or end a run, commit, seed, reset or connect. It belongs to
//    one run and is closed when that run ends.
// 2. The worker's main scope (only the page holds the Worker):
//      page → worker     { id, op: "ping" | "prepare" | "reset" | "status" | "keep" }
//                        { id, op: "start", datasets }                → { coldStartMs, loaded }
//                        { id, op: "seed", dataset }
//                        { id, op: "beginRun", statementTimeoutMs }   → { run }
//                        { id, op: "endRun", run }                    → { escaped }
//                        { id, op: "connect", run, port }             (port transferred)
//      worker → page     { id, progress }  (prepare, start, seed and reset, before their answer)
//                        { id, ok: true, result } | { id, ok: false, error }
// `id` is the sender's, a non-negative integer, echoed in the answers. A message that is not
// well formed is not acted on: answered with an error when it carries a usable id, else ignored.
import { DATASETS, type DatasetName } from "./dataset-names.ts";
import type { SeedProgress } from "./engine.ts";
import { PostgresError, type PostgresErrorFields } from "./errors.ts";
import type { PostgresQueryTrace } from "./trace.ts";

/** Longest statement text accepted, in characters. */
export const MAX_STATEMENT_CHARS = 1_000_000;
/** Most parameters of one statement (Postgres's own limit). */
export const MAX_VALUES = 65_535;
/** Deepest nesting of arrays and objects in a parameter. */
const MAX_VALUE_DEPTH = 32;
/** All parameters of one statement together: characters, bytes and one per item. */
const MAX_VALUES_SIZE = 16_000_000;
/** Longest statement_timeout a run may have (an hour); 0, which disables it, is not accepted. */
export const MAX_RUN_TIMEOUT_MS = 3_600_000;

// ---- a run's port ----

export interface StatementRequest {
  id: number;
  op: "query" | "explain";
  text: string;
  values?: unknown[];
}

/** One learner statement's answer: its result or its error as plain data, and its trace event. */
export type StatementReply<T> =
  | { ok: true; result: T; event: PostgresQueryTrace }
  | { ok: false; error: ErrorFields; event?: PostgresQueryTrace };

export interface StatementResponse<T = unknown> {
  id: number;
  reply: StatementReply<T>;
}

export type Read<T> = { ok: true; message: T } | { ok: false; id: number | null; reason: string };

export function readStatementRequest(data: unknown): Read<StatementRequest> {
  const id = idOf(data);
  const fail = (reason: string): Read<StatementRequest> => ({ ok: false, id, reason });
  if (id === null) return fail("no id");
  const record = data as Record<string, unknown>;
  const extra = extraKey(record, ["id", "op", "text", "values"]);
  if (extra !== null) return fail(`unknown field ${JSON.stringify(extra)}`);
  if (record.op !== "query" && record.op !== "explain") return fail("op must be query or explain");
  if (typeof record.text !== "string") return fail("text must be a string");
  if (record.text.length > MAX_STATEMENT_CHARS) return fail(`the statement is longer than ${MAX_STATEMENT_CHARS} characters`);
  if (record.values !== undefined) {
    const problem = valuesProblem(record.values);
    if (problem) return fail(problem);
  }
  const message: StatementRequest = { id, op: record.op, text: record.text };
  if (record.values !== undefined) message.values = record.values as unknown[];
  return { ok: true, message };
}

/** Why `values` cannot be a statement's parameters, or null when they can. */
function valuesProblem(values: unknown): string | null {
  if (!Array.isArray(values)) return "values must be an array";
  if (values.length > MAX_VALUES) return `a statement takes at most ${MAX_VALUES} values`;
  let budget = MAX_VALUES_SIZE;
  const check = (value: unknown, path: string, depth: number): string | null => {
    budget -= 1;
    if (budget < 0) return "the values are too large";
    if (value === null || value === undefined) return null;
    switch (typeof value) {
      case "boolean":
      case "number":
      case "bigint":
        return null;
      case "string":
        budget -= value.length;
        return budget < 0 ? "the values are too large" : null;
      case "object":
        break;
      default:
        return `${path}: a ${typeof value} cannot be a query parameter`;
    }
    if (value instanceof Date) return null;
    if (value instanceof Uint8Array) {
      budget -= value.byteLength;
      return budget < 0 ? "the values are too large" : null;
    }
    if (depth >= MAX_VALUE_DEPTH) return `${path}: nested too deeply`;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const problem = check(value[i], `${path}[${i}]`, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      return `${path}: a ${Object.prototype.toString.call(value).slice(8, -1)} cannot be a query parameter`;
    }
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      budget -= key.length;
      const problem = check(item, `${path}.${key}`, depth + 1);
      if (problem) return problem;
    }
    return null;
  };
  for (let i = 0; i < values.length; i++) {
    const problem = check(values[i], `values[${i}]`, 0);
    if (problem) return problem;
  }
  return null;
}

// ---- the worker's main scope ----

export type HostRequest =
  | { id: number; op: "ping" | "prepare" | "reset" | "status" | "keep" }
  | { id: number; op: "start"; datasets: DatasetName[] }
  | { id: number; op: "seed"; dataset: DatasetName }
  | { id: number; op: "beginRun"; statementTimeoutMs: number }
  | { id: number; op: "endRun"; run: number }
  | { id: number; op: "connect"; run: number; port: MessagePort };

export interface StartProgress {
  /**
   * Downloading PGlite's .wasm and data files, then booting it (initdb and starting Postgres),
   * or loading a kept copy (kept-copy.ts) and starting Postgres on it.
   */
  phase: "download" | "boot" | "load";
  label: string;
  /** Of this phase: bytes downloaded so far and in all; for the boot, 0 then 1 when it is done; loading, 0 and the copy's size. */
  done: number;
  total: number;
}

export interface StartReport {
  /** From the first start until Postgres answered, in milliseconds. */
  coldStartMs: number;
  /** The datasets Postgres was loaded with from a kept copy (kept-copy.ts): seeded already. */
  loaded: DatasetName[];
}

export interface KeepReport {
  /** Whether the seeded datasets were kept for the next boot (storage may refuse). */
  kept: boolean;
}

export interface EndRunReport {
  /** A learner statement left the run's transaction (engine.ts RunReport): rebuild the data. */
  escaped: boolean;
}

/** An error as plain data: its message and, for a Postgres error, its fields. */
export type ErrorFields = Partial<PostgresErrorFields> & { name: string; message: string };

export type HostResponse =
  | { id: number; progress: StartProgress | SeedProgress }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: ErrorFields };

export function readHostRequest(data: unknown): Read<HostRequest> {
  const id = idOf(data);
  const fail = (reason: string): Read<HostRequest> => ({ ok: false, id, reason });
  if (id === null) return fail("no id");
  const record = data as Record<string, unknown>;
  const only = (...keys: string[]) => extraKey(record, ["id", "op", ...keys]);
  const run = () => (isId(record.run) && record.run > 0 ? record.run : null);
  switch (record.op) {
    case "ping":
    case "prepare":
    case "reset":
    case "status":
    case "keep":
      if (only() !== null) break;
      return { ok: true, message: { id, op: record.op } };
    case "start": {
      const datasets = record.datasets;
      if (only("datasets") !== null || !Array.isArray(datasets) || datasets.length > DATASETS.length) break;
      if (!datasets.every((d) => DATASETS.includes(d as DatasetName)) || new Set(datasets).size !== datasets.length) break;
      return { ok: true, message: { id, op: "start", datasets: [...datasets] as DatasetName[] } };
    }
    case "seed":
      if (only("dataset") !== null || !DATASETS.includes(record.dataset as DatasetName)) break;
      return { ok: true, message: { id, op: "seed", dataset: record.dataset as DatasetName } };
    case "beginRun": {
      const ms = record.statementTimeoutMs;
      if (only("statementTimeoutMs") !== null || typeof ms !== "number" || !(ms >= 1 && ms <= MAX_RUN_TIMEOUT_MS)) break;
      return { ok: true, message: { id, op: "beginRun", statementTimeoutMs: ms } };
    }
    case "endRun": {
      const r = run();
      if (only("run") !== null || r === null) break;
      return { ok: true, message: { id, op: "endRun", run: r } };
    }
    case "connect": {
      const r = run();
      if (only("run", "port") !== null || r === null || !(record.port instanceof MessagePort)) break;
      return { ok: true, message: { id, op: "connect", run: r, port: record.port } };
    }
  }
  return fail(`not a request: ${JSON.stringify(String(record.op)).slice(0, 40)}`);
}

/** An error as plain data for postMessage, which would keep only an Error's message and name. */
export function toErrorFields(error: unknown): ErrorFields {
  if (error instanceof PostgresError) return error.toJSON();
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: "Error", message: String(error) };
}

// ---- shared ----

function isId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/** A message's id, if it is a plain object with a usable one. */
function idOf(data: unknown): number | null {
  if (typeof data !== "object" || data === null) return null;
  const proto = Object.getPrototypeOf(data) as unknown;
  if (proto !== Object.prototype && proto !== null) return null;
  const id = (data as { id?: unknown }).id;
  return isId(id) ? id : null;
}

/** The first key of `record` that is not in `allowed`, or null. */
function extraKey(record: Record<string, unknown>, allowed: string[]): string | null {
  for (const key of Object.keys(record)) if (!allowed.includes(key)) return key;
  return null;
}
