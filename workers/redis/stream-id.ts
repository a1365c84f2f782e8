// Stream entry IDs (t_stream.c's streamID): two unsigned 64-bit numbers, ms and seq, held here as
// one 128-bit bigint (ms << 64 | seq) so that comparing, incrementing and ordering them is bigint
// arithmetic, as Redis compares them as one big-endian 128-bit key in its radix tree.
import { parseLL } from "./numbers.ts";
import { ErrorReply, fail } from "./reply.ts";

export type StreamID = bigint;

const U64 = (1n << 64n) - 1n;
export const MIN_ID: StreamID = 0n;
export const MAX_ID: StreamID = (1n << 128n) - 1n;
export const INVALID_ID = new ErrorReply("ERR Invalid stream ID specified as stream command argument");

export function makeId(ms: bigint, seq: bigint): StreamID {
  return (ms << 64n) | seq;
}

export function msOf(id: StreamID): bigint {
  return id >> 64n;
}

export function seqOf(id: StreamID): bigint {
  return id & U64;
}

/** Index of the first element whose ID is >= id, in an array sorted by ID. */
export function lowerBound<T>(a: readonly T[], id: StreamID, idOf: (x: T) => StreamID): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (idOf(a[mid]) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** createStreamIDString: "<ms>-<seq>". */
export function formatId(id: StreamID): string {
  return `${id >> 64n}-${id & U64}`;
}

/**
 * string2ull: string2ll's strict form first, else strtoull (leading spaces, a sign — a minus
 * wraps the value around — and leading zeros allowed; nothing may follow the digits).
 */
function string2ull(s: string): bigint | undefined {
  const ll = parseLL(s);
  if (ll !== undefined) return ll < 0n ? undefined : ll;
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/.exec(s);
  if (m === null) return undefined;
  const v = BigInt(m[2]);
  if (v > U64) return undefined;
  return m[1] === "-" ? (U64 + 1n - v) & U64 : v;
}

export interface ParsedId {
  id: StreamID;
  /** False for the "<ms>-*" form (only where it is allowed). */
  seqGiven: boolean;
}

/**
 * streamGenericParseIDOrReply: "<ms>-<seq>", "<ms>" (seq = missingSeq), "-" and "+" unless
 * strict, and "<ms>-*" when allowAutoSeq. Raises the invalid-ID error.
 */
export function parseIdOrFail(arg: string, missingSeq: bigint, strict: boolean, allowAutoSeq = false): ParsedId {
  const parsed = parseId(arg, missingSeq, strict, allowAutoSeq);
  if (parsed === undefined) fail(INVALID_ID);
  return parsed;
}

export function parseId(arg: string, missingSeq: bigint, strict: boolean, allowAutoSeq = false): ParsedId | undefined {
  if (arg.length > 127) return undefined;
  // The C code copies the argument into a buffer and reads it as a C string.
  const nul = arg.indexOf("\0");
  const buf = nul >= 0 ? arg.slice(0, nul) : arg;
  if (buf === "-" || buf === "+") {
    if (strict) return undefined;
    return { id: buf === "-" ? MIN_ID : MAX_ID, seqGiven: true };
  }
  const dash = buf.indexOf("-");
  const ms = string2ull(dash >= 0 ? buf.slice(0, dash) : buf);
  if (ms === undefined) return undefined;
  if (dash < 0) return { id: makeId(ms, missingSeq), seqGiven: true };
  const rest = buf.slice(dash + 1);
  if (allowAutoSeq && rest === "*") return { id: makeId(ms, 0n), seqGiven: false };
  const seq = string2ull(rest);
  if (seq === undefined) return undefined;
  return { id: makeId(ms, seq), seqGiven: true };
}

/**
 * streamParseIntervalIDOrReply for a range's start or end: a leading "(" makes it exclusive
 * (parsed strictly, then moved one ID inwards, with Redis's errors at the ends of the ID space).
 */
export function parseRangeBound(arg: string, end: boolean): StreamID {
  const exclusive = arg.length > 1 && arg[0] === "(";
  const { id } = parseIdOrFail(exclusive ? arg.slice(1) : arg, end ? U64 : 0n, exclusive);
  if (!exclusive) return id;
  if (end) {
    if (id === MIN_ID) fail("ERR invalid end ID for the interval");
    return id - 1n;
  }
  if (id === MAX_ID) fail("ERR invalid start ID for the interval");
  return id + 1n;
}
