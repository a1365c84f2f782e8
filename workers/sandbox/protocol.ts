// What the page and the sandbox worker may say to each other (docs/architecture.md, "The
// boundary"). Plain data only, no object protocol: the page never exposes a function to the
// sandbox, and it reads every message from the sandbox through `readSandboxMessage`, which accepts
// only these shapes (anything else is dropped). Learner code cannot reach the worker's
// postMessage at all (it runs in a Compartment, see compartment.ts), so this is the second wall.
import type { ConsoleBatch, ConsoleLevel, ConsoleLine } from "./console-capture";
import type { CheckInfo, CheckResult, RunError, RunResult } from "./runner";
import type { TraceEvent } from "../trace";
import { TRACE_BATCH_MAX, type TraceBatch } from "./trace-stream";
import { readInjected, type InjectedEvent } from "../injections";

/** Page → sandbox. */
export type SandboxRequest =
  | { type: "list"; id: number; checks: string }
  /** `ports` travel in the message's transfer list, in the same order as `portNames`. */
  | { type: "run"; id: number; code: string; checks: string; portNames: string[]; inject?: InjectedEvent[] };

/** Sandbox → page. */
export type SandboxMessage =
  | { type: "ready" }
  | { type: "checks"; id: number; infos: CheckInfo[] }
  | { type: "console"; id: number; batch: ConsoleBatch }
  /** The run's trace events, streamed while it runs (trace-stream.ts). */
  | { type: "trace"; id: number; batch: TraceBatch }
  | { type: "result"; id: number; result: RunResult }
  /** The request could not be served (a bug, or the checks could not be listed). */
  | { type: "failed"; id: number; message: string };

export const LIMITS = {
  text: 200_000,
  lines: 2_000,
  checks: 200,
  hints: 20,
  traceEvents: TRACE_BATCH_MAX,
} as const;

const LEVELS: readonly ConsoleLevel[] = ["log", "info", "warn", "error", "debug"];
const ERROR_KINDS: readonly RunError["kind"][] = ["compile", "runtime", "checks"];

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === "string" && v.length <= LIMITS.text;
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
const isPosition = (v: unknown) => v === undefined || (isCount(v) && v > 0);
const isList = (v: unknown, max: number): v is unknown[] => Array.isArray(v) && v.length <= max;

function readLine(v: unknown): ConsoleLine | null {
  if (!isRecord(v) || !LEVELS.includes(v.level as ConsoleLevel) || !isText(v.text)) return null;
  return { level: v.level as ConsoleLevel, text: v.text };
}

function readInfo(v: unknown): CheckInfo | null {
  if (!isRecord(v) || !isText(v.name) || !isList(v.hints, LIMITS.hints) || !v.hints.every(isText)) return null;
  return { name: v.name, hints: [...(v.hints as string[])] };
}

function readCheckResult(v: unknown): CheckResult | null {
  const info = readInfo(v);
  if (!info || !isRecord(v) || typeof v.passed !== "boolean") return null;
  if (!(v.message === undefined || isText(v.message))) return null;
  if (!isPosition(v.line) || !isPosition(v.column) || !isPosition(v.endColumn)) return null;
  return { ...info, passed: v.passed, message: v.message as string | undefined, line: v.line as number | undefined, column: v.column as number | undefined, endColumn: v.endColumn as number | undefined };
}

function readError(v: unknown): RunError | null | undefined {
  if (v === null) return null;
  if (!isRecord(v) || !ERROR_KINDS.includes(v.kind as RunError["kind"]) || !isText(v.name) || !isText(v.message)) return undefined;
  if (!isPosition(v.line) || !isPosition(v.column) || !isPosition(v.endColumn)) return undefined;
  return { kind: v.kind as RunError["kind"], name: v.name, message: v.message, line: v.line as number | undefined, column: v.column as number | undefined, endColumn: v.endColumn as number | undefined };
}

/** Trace events are engine records; the page only needs them to be plain records with a time, a source and a kind. */
function readTrace(v: unknown): TraceEvent[] | null {
  if (!isList(v, LIMITS.traceEvents)) return null;
  for (const event of v) {
    if (!isRecord(event) || typeof event.t !== "number" || typeof event.source !== "string" || typeof event.kind !== "string") return null;
  }
  return v as TraceEvent[];
}

function readAll<T>(v: unknown, max: number, read: (item: unknown) => T | null): T[] | null {
  if (!isList(v, max)) return null;
  const out: T[] = [];
  for (const item of v) {
    const read_ = read(item);
    if (read_ === null) return null;
    out.push(read_);
  }
  return out;
}

/** The message if it is one the sandbox may send, else null. Copies what it keeps. */
export function readSandboxMessage(data: unknown): SandboxMessage | null {
  if (!isRecord(data)) return null;
  if (data.type === "ready") return { type: "ready" };
  if (!isCount(data.id)) return null;
  const id = data.id;
  switch (data.type) {
    case "checks": {
      const infos = readAll(data.infos, LIMITS.checks, readInfo);
      return infos && { type: "checks", id, infos };
    }
    case "console": {
      const batch = data.batch;
      if (!isRecord(batch) || !isCount(batch.written)) return null;
      const lines = readAll(batch.lines, LIMITS.lines, readLine);
      return lines && { type: "console", id, batch: { lines, written: batch.written } };
    }
    case "trace": {
      const batch = data.batch;
      if (!isRecord(batch) || !isCount(batch.dropped)) return null;
      const events = readTrace(batch.events);
      return events && { type: "trace", id, batch: { events, dropped: batch.dropped } };
    }
    case "result": {
      const result = data.result;
      if (!isRecord(result)) return null;
      const error = readError(result.error);
      const checks = readAll(result.checks, LIMITS.checks, readCheckResult);
      if (error === undefined || !checks) return null;
      return { type: "result", id, result: { error, checks } };
    }
    case "failed":
      return isText(data.message) ? { type: "failed", id, message: data.message } : null;
    default:
      return null;
  }
}

/** The request if it is one the page may send, else null (the sandbox's side of the same wall). */
export function readSandboxRequest(data: unknown, ports: readonly MessagePort[]): SandboxRequest | null {
  if (!isRecord(data) || !isCount(data.id) || typeof data.checks !== "string") return null;
  if (data.type === "list") return { type: "list", id: data.id, checks: data.checks };
  if (data.type !== "run" || typeof data.code !== "string") return null;
  const names = data.portNames;
  if (!isList(names, 8) || !names.every((n) => typeof n === "string") || names.length !== ports.length) return null;
  // What to inject (workers/injections.ts): the page read it before sending; a list that does not read is refused here too.
  const inject = readInjected(data.inject);
  if (!inject.ok) return null;
  return { type: "run", id: data.id, code: data.code, checks: data.checks, portNames: [...(names as string[])], ...(inject.events.length > 0 ? { inject: inject.events } : {}) };
}
