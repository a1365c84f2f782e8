// RESP2 replies as the bridge writes them on the wire. Strings here are binary: one char per
// byte (latin1), because Redis values are byte strings and the wire carries bytes, so a bulk
// length is the number of chars. A char above 0xFF can only come from text the engine made up
// itself (never from a request, which arrives as latin1); it is sent as UTF-8, as a JS client
// writing that string to a real Redis would have stored it.

export type Reply =
  | { type: "simple"; value: string }
  /** The error text without the leading '-', e.g. "ERR syntax error" or "WRONGTYPE …". */
  | { type: "error"; value: string }
  | { type: "integer"; value: number | bigint }
  | { type: "bulk"; value: string }
  /** `$-1`: GET of a missing key. */
  | { type: "nil" }
  /** `*-1`: e.g. BLPOP timing out, EXEC aborted by WATCH. */
  | { type: "nilArray" }
  | { type: "array"; value: Reply[] };

export const simple = (value: string): Reply => ({ type: "simple", value });
export const error = (value: string): Reply => ({ type: "error", value });
export const integer = (value: number | bigint): Reply => ({ type: "integer", value });
export const bulk = (value: string): Reply => ({ type: "bulk", value });
export const nil: Reply = { type: "nil" };
export const nilArray: Reply = { type: "nilArray" };
export const array = (value: Reply[]): Reply => ({ type: "array", value });

// eslint-disable-next-line no-control-regex
const NOT_LATIN1 = /[^\u0000-\u00ff]/;
const CR_OR_LF = /[\r\n]/g;

/** The bytes of a string as a latin1 string (one char per byte). */
export function toWireString(s: string): string {
  return NOT_LATIN1.test(s) ? Buffer.from(s, "utf8").toString("latin1") : s;
}

/**
 * The reply's bytes as a latin1 string. Status and error lines cannot hold CR or LF: Redis maps
 * them to spaces (addReplyErrorFormat does, e.g. an unknown command name sent in a bulk with a
 * newline), so a stray one here cannot break the stream either.
 */
export function encodeReply(reply: Reply): string {
  switch (reply.type) {
    case "simple":
      return `+${line(reply.value)}\r\n`;
    case "error":
      return `-${line(reply.value)}\r\n`;
    case "integer":
      return `:${reply.value}\r\n`;
    case "bulk": {
      const bytes = toWireString(reply.value);
      return `$${bytes.length}\r\n${bytes}\r\n`;
    }
    case "nil":
      return "$-1\r\n";
    case "nilArray":
      return "*-1\r\n";
    case "array": {
      let out = `*${reply.value.length}\r\n`;
      for (const item of reply.value) out += encodeReply(item);
      return out;
    }
  }
}

function line(text: string): string {
  return toWireString(text).replace(CR_OR_LF, " ");
}
