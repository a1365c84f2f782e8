// The engine's replies (../reply.ts) as RESP2 bytes, written as latin1 strings: the engine's
// strings are byte strings (one char per byte), so a bulk length is the number of chars, as
// Redis counts bytes. A char above 0xFF can only come from text the engine made up itself,
// never from a request (requests arrive as latin1); it goes out as UTF-8, so the stream stays
// well formed.
//
// A reply is handed out in pieces, never as one string: a bulk's payload is its own piece, so a
// value as long as a JS string can be (the engine holds values up to that) still goes out, and
// an array of many big values never has to fit in one string either.
import type { Outcome, Reply } from "../reply.ts";

// eslint-disable-next-line no-control-regex
const NOT_LATIN1 = /[^\u0000-\u00ff]/;
const CR_OR_LF = /[\r\n]/g;
/** Payloads up to this size travel in one piece with their header, so small replies stay one piece. */
const INLINE_PAYLOAD = 1024;

/** Takes the pieces of a reply in order; false stops the encoding (the client is being dropped). */
export type Sink = (piece: string) => boolean;

/** A string's bytes, one char per byte. */
export function toWire(s: string): string {
  return NOT_LATIN1.test(s) ? Buffer.from(s, "utf8").toString("latin1") : s;
}

/** Hands `r` to `sink` piece by piece; false if the sink stopped it. */
export function writeReply(r: Reply, sink: Sink): boolean {
  if (typeof r === "string") {
    const bytes = toWire(r);
    if (bytes.length <= INLINE_PAYLOAD) return sink(`$${bytes.length}\r\n${bytes}\r\n`);
    return sink(`$${bytes.length}\r\n`) && sink(bytes) && sink("\r\n");
  }
  if (typeof r === "number" || typeof r === "bigint") return sink(`:${r}\r\n`);
  if (r === null) return sink("$-1\r\n");
  if (Array.isArray(r)) {
    if (!sink(`*${r.length}\r\n`)) return false;
    for (const item of r) if (!writeReply(item, sink)) return false;
    return true;
  }
  switch (r.kind) {
    case "simple":
      return sink(`+${line(r.value)}\r\n`);
    case "error":
      return sink(`-${line(r.message)}\r\n`);
    case "nil-array":
      return sink("*-1\r\n");
  }
}

/** A command's outcome once settled: one reply, or several frames in a row (SUBSCRIBE a b). */
export function writeOutcome(out: Exclude<Outcome, { kind: "pending" }>, sink: Sink): boolean {
  if (out !== null && typeof out === "object" && !Array.isArray(out) && out.kind === "frames") {
    for (const frame of out.frames) if (!writeReply(frame, sink)) return false;
    return true;
  }
  return writeReply(out, sink);
}

/** The whole reply as one string, for replies known to be small (and for tests). */
export function encodeReply(r: Reply): string {
  return joined((sink) => writeReply(r, sink));
}

export function encodeOutcome(out: Exclude<Outcome, { kind: "pending" }>): string {
  return joined((sink) => writeOutcome(out, sink));
}

function joined(write: (sink: Sink) => boolean): string {
  let s = "";
  write((piece) => {
    s += piece;
    return true;
  });
  return s;
}

/**
 * Status and error lines cannot hold CR or LF: Redis maps them to spaces where a text could
 * carry them (addReplyErrorFormat, e.g. an unknown command name sent in a bulk with a newline).
 */
function line(text: string): string {
  return toWire(text).replace(CR_OR_LF, " ");
}
