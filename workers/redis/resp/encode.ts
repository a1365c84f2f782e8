// The engine's replies (../reply.ts) as RESP2 bytes, written as a latin1 string: the engine's
// strings are byte strings (one char per byte), so a bulk length is the number of chars, as
// Redis counts bytes. A char above 0xFF can only come from text the engine made up itself,
// never from a request (requests arrive as latin1); it goes out as UTF-8, so the stream stays
// well formed.
import type { Outcome, Reply } from "../reply.ts";

// eslint-disable-next-line no-control-regex
const NOT_LATIN1 = /[^\u0000-\u00ff]/;
const CR_OR_LF = /[\r\n]/g;

/** A string's bytes, one char per byte. */
export function toWire(s: string): string {
  return NOT_LATIN1.test(s) ? Buffer.from(s, "utf8").toString("latin1") : s;
}

export function encodeReply(r: Reply): string {
  if (typeof r === "string") {
    const bytes = toWire(r);
    return `$${bytes.length}\r\n${bytes}\r\n`;
  }
  if (typeof r === "number" || typeof r === "bigint") return `:${r}\r\n`;
  if (r === null) return "$-1\r\n";
  if (Array.isArray(r)) {
    let out = `*${r.length}\r\n`;
    for (const item of r) out += encodeReply(item);
    return out;
  }
  switch (r.kind) {
    case "simple":
      return `+${line(r.value)}\r\n`;
    case "error":
      return `-${line(r.message)}\r\n`;
    case "nil-array":
      return "*-1\r\n";
  }
}

/** A command's outcome once settled: one reply, or several frames in a row (SUBSCRIBE a b). */
export function encodeOutcome(out: Exclude<Outcome, { kind: "pending" }>): string {
  if (out !== null && typeof out === "object" && !Array.isArray(out) && out.kind === "frames") {
    let s = "";
    for (const frame of out.frames) s += encodeReply(frame);
    return s;
  }
  return encodeReply(out);
}

/**
 * Status and error lines cannot hold CR or LF: Redis maps them to spaces where a text could
 * carry them (addReplyErrorFormat, e.g. an unknown command name sent in a bulk with a newline).
 */
function line(text: string): string {
  return toWire(text).replace(CR_OR_LF, " ");
}
