// The size in bytes of listpack elements (listpack.c), for the stream's nodes: Redis starts a new
// node when the tail listpack would pass stream-node-max-bytes, so the size decides how many
// entries a node holds, which in turn decides what `~` trimming can remove.
import { parseLLNumber } from "./numbers.ts";

/** lpEncodeBacklen: the bytes that store an element's length at its end. */
function backlen(l: number): number {
  if (l <= 127) return 1;
  if (l < 16383) return 2;
  if (l < 2097151) return 3;
  if (l < 268435455) return 4;
  return 5;
}

/** An integer element (lpEncodeIntegerGetType), its back length included. */
export function lpIntSize(v: bigint | number): number {
  // In numbers: the counters and most deltas are numbers already, and converting each to a
  // bigint to compare it was a good part of XADD's time. A bigint outside 32 bits needs the
  // 9-byte encoding whatever its value, and one inside converts exactly.
  const n = typeof v === "number" ? v : v >= -2147483648n && v <= 2147483647n ? Number(v) : Infinity;
  let enc: number;
  if (n >= 0 && n <= 127) enc = 1;
  else if (n >= -4096 && n <= 4095) enc = 2;
  else if (n >= -32768 && n <= 32767) enc = 3;
  else if (n >= -8388608 && n <= 8388607) enc = 4;
  else if (n >= -2147483648 && n <= 2147483647) enc = 5;
  else enc = 9;
  return enc + backlen(enc);
}

/** A string element: stored as an integer when it reads as one (lpStringToInt64), else its bytes with a 1, 2 or 5 byte header. */
export function lpStringSize(s: string): number {
  if (s.length > 0 && s.length <= 20) {
    // string2ll's rules as a number (rounded past 2^53, which cannot move it across the 32-bit edge).
    const v = parseLLNumber(s);
    if (v !== undefined) return lpIntSize(v);
  }
  const len = s.length;
  const enc = len < 64 ? 1 + len : len < 4096 ? 2 + len : 5 + len;
  return enc + backlen(enc);
}

/** jemalloc's size class for a request of n bytes (its small classes, then four per doubling). */
export function jemallocSize(n: number): number {
  if (n <= 8) return 8;
  if (n <= 128) return Math.ceil(n / 16) * 16;
  const step = 2 ** (Math.ceil(Math.log2(n)) - 3);
  return Math.ceil(n / step) * step;
}

/** The listpack's header (total bytes, element count) and its end byte. */
export const LP_OVERHEAD = 7;
