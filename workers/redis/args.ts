// Argument readers with Redis's error replies (object.c's get*FromObjectOrReply family).
// Each returns the value or raises the reply error with fail().
import { parseLongDouble, type LongDouble } from "./longdouble.ts";
import { LLONG_MAX, LLONG_MIN, parseDouble, parseLL, parseLLNumber } from "./numbers.ts";
import { ErrorReply, MUST_BE_POSITIVE, NOT_FLOAT, NOT_INTEGER, fail } from "./reply.ts";

/**
 * strcasecmp(arg, lower) == 0, for option names given in lowercase ASCII (C strings: a NUL ends
 * the argument). Compared char by char, folding A-Z as strcasecmp does, rather than with
 * toLowerCase: a command's options are tried one after the other (XREADGROUP's GROUP against
 * BLOCK, COUNT, STREAMS...), and each try used to build a lowercased copy.
 */
export function is(arg: string, lower: string): boolean {
  const n = lower.length;
  if (arg.length !== n && (arg.length < n || arg.charCodeAt(n) !== 0)) return false;
  for (let i = 0; i < n; i++) {
    let c = arg.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** getLongLongFromObjectOrReply: a strict 64-bit integer, as a JS number (exact within ±2^53). */
export function intArg(s: string, msg?: string): number {
  const v = parseLLNumber(s);
  if (v === undefined) fail(msg ? new ErrorReply("ERR " + msg) : NOT_INTEGER);
  return v;
}

/** The same, exact, for arithmetic that must not lose bits (INCRBY, EXPIRE overflow checks). */
export function bigArg(s: string, msg?: string): bigint {
  const v = parseLL(s);
  if (v === undefined) fail(msg ? new ErrorReply("ERR " + msg) : NOT_INTEGER);
  return v;
}

/** getRangeLongFromObjectOrReply(0, LONG_MAX): "value is out of range, must be positive" (or msg). */
export function positiveArg(s: string, msg?: string): number {
  const v = parseLLNumber(s);
  if (v === undefined || v < 0) fail(msg ? new ErrorReply("ERR " + msg) : MUST_BE_POSITIVE);
  return v;
}

/** getRangeLongFromObjectOrReply with Redis's generic range message. */
export function rangeArg(s: string, min: number, max: number, msg?: string): number {
  const v = parseLLNumber(s);
  if (v === undefined) fail(msg ? new ErrorReply("ERR " + msg) : NOT_INTEGER);
  if (v < min || v > max) fail(new ErrorReply("ERR " + (msg ?? `value is out of range, value must between ${min} and ${max}`)));
  return v;
}

/**
 * The signed count of SRANDMEMBER, HRANDFIELD and ZRANDMEMBER: getRangeLongFromObjectOrReply
 * (-LONG_MAX, LONG_MAX), so only LONG_MIN is out of range (its negation would overflow). With
 * pairs (WITHVALUES, WITHSCORES) Redis also refuses |count| > LONG_MAX/2, as the reply holds
 * twice as many elements.
 */
export function countArg(s: string, pairs = false): number {
  const v = bigArg(s);
  if (v === LLONG_MIN) fail(new ErrorReply(`ERR value is out of range, value must between ${-LLONG_MAX} and ${LLONG_MAX}`));
  if (pairs && (v < -LLONG_MAX / 2n || v > LLONG_MAX / 2n)) fail(new ErrorReply("ERR value is out of range"));
  return Number(v);
}

/** getDoubleFromObjectOrReply: "value is not a valid float" (or msg). */
export function doubleArg(s: string, msg?: string): number {
  const v = parseDouble(s);
  if (v === undefined) fail(msg ? new ErrorReply("ERR " + msg) : NOT_FLOAT);
  return v;
}

/** getLongDoubleFromObjectOrReply. */
export function longDoubleArg(s: string, msg?: string): LongDouble {
  const v = parseLongDouble(s);
  if (v === undefined) fail(msg ? new ErrorReply("ERR " + msg) : NOT_FLOAT);
  return v;
}

/** A list/range index (getLongFromObjectOrReply). */
export const indexArg = intArg;
