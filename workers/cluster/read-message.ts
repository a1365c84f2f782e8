// What crosses between the coordinator and a worker, read before either acts on it: learner code
// runs on both sides (the app in the worker, the checks' scenario beside the coordinator), inside
// compartments that cannot reach the ports, so this is the second wall (docs/architecture.md, "The
// boundary"). Only the shapes of protocol.ts get through, types and sizes checked; anything else is
// null. Between real Web Workers one more message exists: `idle` (serve-node.ts, web-workers.ts).
import { MAX_WORKERS } from "./options.ts";
import type { FromNode, JobValue, NodeConfig, ToNode } from "./protocol.ts";

// uvicorn's --ws-max-size: 16 MiB.
const MAX_TEXT = 16 << 20;
const MAX_LIST = 100_000;

const isConn = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) > 0;
const isText = (x: unknown): x is string => typeof x === "string" && x.length <= MAX_TEXT;
const isCode = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 1000 && (x as number) <= 4999;
const isConnList = (x: unknown): x is number[] => Array.isArray(x) && x.length <= MAX_LIST && x.every(isConn);

export function readFromNode(data: unknown): FromNode | null {
  if (typeof data !== "object" || data === null) return null;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case "loaded":
      return { type: "loaded" };
    case "load-failed":
      if (!isText(m.message)) return null;
      return { type: "load-failed", message: m.message, ...(isConn(m.line) ? { line: m.line } : {}), ...(isConn(m.column) ? { column: m.column } : {}) };
    case "accept":
      return isConn(m.conn) ? { type: "accept", conn: m.conn } : null;
    case "frame":
      if (!isConn(m.conn)) return null;
      if (isText(m.text)) return { type: "frame", conn: m.conn, text: m.text };
      if (m.bytes instanceof Uint8Array && m.bytes.length <= MAX_TEXT) return { type: "frame", conn: m.conn, bytes: m.bytes };
      return null;
    case "close":
      if (!isConn(m.conn) || !isCode(m.code) || !isText(m.reason)) return null;
      return { type: "close", conn: m.conn, code: m.code, reason: m.reason, ...(m.status === 500 ? { status: 500 as const } : {}) };
    case "dropped":
      return isConn(m.conn) && m.why === "ping timeout" ? { type: "dropped", conn: m.conn, why: "ping timeout" } : null;
    case "ping":
      return isConnList(m.conns) ? { type: "ping", conns: m.conns } : null;
    case "broker-open":
    case "broker-close":
      return isConn(m.link) ? { type: m.type, link: m.link } : null;
    case "broker-command":
      if (!isConn(m.link) || !isConn(m.id) || !Array.isArray(m.argv) || m.argv.length === 0 || m.argv.length > MAX_LIST || !m.argv.every(isText)) return null;
      return { type: "broker-command", link: m.link, id: m.id, argv: m.argv };
    case "console":
      if (!isText(m.text) || !(m.level === "log" || m.level === "info" || m.level === "warn" || m.level === "error")) return null;
      return { type: "console", level: m.level, text: m.text };
    case "job-done":
      if (!isConn(m.id)) return null;
      if (m.ok === true) return isJobValue(m.value) && typeof m.ms === "number" && m.ms >= 0 && Number.isFinite(m.ms) ? { type: "job-done", id: m.id, ok: true, value: structuredClone(m.value), ms: m.ms } : null;
      return m.ok === false && isText(m.error) ? { type: "job-done", id: m.id, ok: false, error: m.error } : null;
    default:
      return null;
  }
}

/** The `idle` a worker's host script sends between real Web Workers: how many messages it has been handed. */
export function readIdle(data: unknown): number | null {
  if (typeof data !== "object" || data === null) return null;
  const m = data as Record<string, unknown>;
  return m.type === "idle" && Number.isSafeInteger(m.handled) && (m.handled as number) >= 0 ? (m.handled as number) : null;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** A frame's payload: text or bytes (neither: an empty text frame), copied. */
function payload(v: Json): { text?: string; bytes?: Uint8Array } | null {
  if (v.text !== undefined && !isText(v.text)) return null;
  if (v.bytes !== undefined && !(v.bytes instanceof Uint8Array && v.bytes.length <= MAX_TEXT)) return null;
  return { ...(v.text !== undefined ? { text: v.text as string } : {}), ...(v.bytes !== undefined ? { bytes: new Uint8Array(v.bytes as Uint8Array) } : {}) };
}

function readConfig(v: unknown): NodeConfig | null {
  if (!isRecord(v)) return null;
  const { worker, exportName, pingIntervalMs, pingTimeoutMs } = v;
  if (typeof worker !== "number" || !Number.isInteger(worker) || worker < 1 || worker > MAX_WORKERS || typeof exportName !== "string" || exportName.length > 200) return null;
  if (!(pingIntervalMs === null || (typeof pingIntervalMs === "number" && pingIntervalMs > 0))) return null;
  if (!(typeof pingTimeoutMs === "number" && pingTimeoutMs > 0)) return null;
  return { worker, exportName, pingIntervalMs, pingTimeoutMs };
}

/** A broker reply is RESP data as node-redis gives it: strings, numbers, null and arrays of those. */
function isReply(v: unknown, depth = 0): boolean {
  if (v === null || typeof v === "number" || isText(v)) return true;
  return depth < 8 && Array.isArray(v) && v.length <= MAX_LIST && v.every((item) => isReply(item, depth + 1));
}

/** A job's argument or result (protocol.ts JobValue). */
export function isJobValue(v: unknown, depth = 0): v is JobValue {
  if (v === null || typeof v === "boolean" || typeof v === "number" || isText(v)) return true;
  return depth < 8 && Array.isArray(v) && v.length <= MAX_LIST && v.every((item) => isJobValue(item, depth + 1));
}

/** What the coordinator may send a worker, else null. */
export function readToNode(data: unknown): ToNode | null {
  if (!isRecord(data)) return null;
  switch (data.type) {
    case "load": {
      const config = readConfig(data.config);
      return config && isText(data.code) ? { type: "load", code: data.code, config } : null;
    }
    case "open": {
      if (!isConn(data.conn) || !isText(data.path) || !isText(data.query)) return null;
      const headers = data.headers;
      if (!Array.isArray(headers) || headers.length > MAX_LIST) return null;
      if (!headers.every((h) => Array.isArray(h) && h.length === 2 && isText(h[0]) && isText(h[1]))) return null;
      return { type: "open", conn: data.conn, path: data.path, query: data.query, headers: headers.map((h: [string, string]) => [h[0], h[1]]) };
    }
    case "frame": {
      const p = isConn(data.conn) ? payload(data) : null;
      return p && { type: "frame", conn: data.conn as number, ...p };
    }
    case "close":
      return isConn(data.conn) && isCode(data.code) && isText(data.reason) ? { type: "close", conn: data.conn, code: data.code, reason: data.reason } : null;
    case "pong":
      return isConnList(data.conns) ? { type: "pong", conns: [...data.conns] } : null;
    case "broker-reply":
      if (!isConn(data.id)) return null;
      if (data.ok === true) return isReply(data.reply) ? { type: "broker-reply", id: data.id, ok: true, reply: structuredClone(data.reply) } : null;
      return data.ok === false && isText(data.error) ? { type: "broker-reply", id: data.id, ok: false, error: data.error } : null;
    case "broker-push":
      return isConn(data.link) && Array.isArray(data.frame) && data.frame.length <= 16 && data.frame.every(isText) ? { type: "broker-push", link: data.link, frame: [...data.frame] } : null;
    case "load-jobs":
      return isText(data.code) && Number.isInteger(data.worker) && (data.worker as number) >= 1 && (data.worker as number) <= MAX_WORKERS ? { type: "load-jobs", code: data.code, worker: data.worker as number } : null;
    case "job":
      if (!isConn(data.id) || typeof data.exportName !== "string" || data.exportName.length > 200 || !Array.isArray(data.args) || !isJobValue(data.args)) return null;
      return { type: "job", id: data.id, exportName: data.exportName, args: structuredClone(data.args) };
    default:
      return null;
  }
}
