// Replies as RESP2 types, so a socket bridge can write them byte for byte, and their conversion
// to what node-redis's `sendCommand` resolves to.
//
//   string            bulk string ($), a byte string: one char per byte (0..255)
//   number | bigint   integer (:); bigint only where a 64-bit value does not fit a double exactly
//   null              nil bulk string ($-1)
//   Reply[]           array (*)
//   SimpleString      simple string (+)
//   ErrorReply        error (-), the text without the leading '-'
//   NIL_ARRAY         nil array (*-1)
//
// At the top level a command may also answer with Frames (several replies in a row: SUBSCRIBE and
// friends send one confirmation per channel) or Pending (the connection blocks: BLPOP and
// friends; the promise settles with the reply once another connection or the clock unblocks it).

export class SimpleString {
  readonly kind = "simple";
  /** sendCommand hands out one settled promise per shared status reply (OK, QUEUED...). */
  resolved: Promise<string> | undefined = undefined;
  constructor(readonly value: string) {}
}

export class ErrorReply {
  readonly kind = "error";
  constructor(readonly message: string) {}
}

export class NilArray {
  readonly kind = "nil-array";
}

export const NIL_ARRAY = new NilArray();

export type Reply = string | number | bigint | null | Reply[] | SimpleString | ErrorReply | NilArray;

export class Frames {
  readonly kind = "frames";
  constructor(readonly frames: Reply[]) {}
}

/** No reply at all: what a connection gets under CLIENT REPLY OFF / SKIP. */
export const NO_REPLY = new Frames([]);

export class Pending {
  readonly kind = "pending";
  constructor(readonly promise: Promise<Reply>) {}
}

/** What `Connection.execute` returns. */
export type Outcome = Reply | Frames | Pending;

export const OK = new SimpleString("OK");
export const QUEUED = new SimpleString("QUEUED");
export const PONG = new SimpleString("PONG");

// Errors Redis shares (server.h's `shared` objects).
export const WRONGTYPE = new ErrorReply("WRONGTYPE Operation against a key holding the wrong kind of value");
export const SYNTAX = new ErrorReply("ERR syntax error");
export const NOT_INTEGER = new ErrorReply("ERR value is not an integer or out of range");
export const NOT_FLOAT = new ErrorReply("ERR value is not a valid float");
export const NO_SUCH_KEY = new ErrorReply("ERR no such key");
export const OUT_OF_RANGE = new ErrorReply("ERR index out of range");
export const OVERFLOW = new ErrorReply("ERR increment or decrement would overflow");
export const DB_OUT_OF_RANGE = new ErrorReply("ERR DB index is out of range");
export const MUST_BE_POSITIVE = new ErrorReply("ERR value is out of range, must be positive");

/**
 * An argument as C's "%s" prints it inside an error text: up to its first NUL byte, with CR and
 * LF turned into spaces (addReplyErrorFormat keeps error lines single).
 */
export function cstr(s: string, max = Infinity): string {
  const nul = s.indexOf("\0");
  const cut = nul >= 0 ? s.slice(0, nul) : s;
  return (max < cut.length ? cut.slice(0, max) : cut).replace(/[\r\n]/g, " ");
}

export function err(message: string): ErrorReply {
  return new ErrorReply(message);
}

/** A reply error raised from deep inside a command (parsers); the dispatcher turns it into a reply. */
export function fail(e: ErrorReply | string): never {
  throw typeof e === "string" ? new ErrorReply(e) : e;
}

// ---- the node-redis view ----

/** What node-redis's sendCommand resolves to: strings, numbers, null, arrays, and Error objects nested in arrays. */
export type NodeRedisReply = string | number | null | Error | NodeRedisReply[];

const decoder = new TextDecoder("utf-8");

/** A byte string (one char per byte) decoded as UTF-8, as node-redis decodes bulk strings. */
export function bytesToUtf8(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      const bytes = new Uint8Array(s.length);
      for (let j = 0; j < s.length; j++) bytes[j] = s.charCodeAt(j) & 0xff;
      return decoder.decode(bytes);
    }
  }
  return s;
}

const encoder = new TextEncoder();

/** A JS string as the bytes node-redis sends (UTF-8), one char per byte. */
export function utf8ToBytes(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      const bytes = encoder.encode(s);
      let out = "";
      for (let j = 0; j < bytes.length; j += 4096) out += String.fromCharCode(...bytes.subarray(j, j + 4096));
      return out;
    }
  }
  return s;
}

/**
 * Convert a reply to the node-redis shape; errors nested in arrays become Error objects. Bulk
 * strings are decoded as UTF-8 unless `decode` is false (the caller knows they are all ASCII).
 */
export function toNodeRedis(r: Reply, decode = true): NodeRedisReply {
  if (typeof r === "string") return decode ? bytesToUtf8(r) : r;
  if (typeof r === "number" || r === null) return r;
  if (typeof r === "bigint") return Number(r);
  if (Array.isArray(r)) return r.map((x) => toNodeRedis(x, decode));
  if (r instanceof SimpleString) return r.value;
  if (r instanceof ErrorReply) return new Error(r.message);
  return null; // nil array
}
