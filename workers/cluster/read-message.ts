// What a worker posts, read before the coordinator acts on it: learner code runs in the worker,
// so only the shapes of protocol.ts get through (types and sizes checked), anything else is null.
import type { FromNode } from "./protocol.ts";

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
    default:
      return null;
  }
}
