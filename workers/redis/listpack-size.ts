// The size in bytes of listpack elements (listpack.c), for the stream's nodes: Redis starts a new
// node when the tail listpack would pass stream-node-max-bytes, so the size decides how many
// entries a node holds, which in turn decides what `~` trimming can remove.
import { parseLL } from "./numbers.ts";

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
  const n = typeof v === "bigint" ? v : BigInt(v);
  let enc: number;
  if (n >= 0n && n <= 127n) enc = 1;
  else if (n >= -4096n && n <= 4095n) enc = 2;
  else if (n >= -32768n && n <= 32767n) enc = 3;
  else if (n >= -8388608n && n <= 8388607n) enc = 4;
  else if (n >= -2147483648n && n <= 2147483647n) enc = 5;
  else enc = 9;
  return enc + backlen(enc);
}

/** A string element: stored as an integer when it reads as one (lpStringToInt64), else its bytes with a 1, 2 or 5 byte header. */
export function lpStringSize(s: string): number {
  if (s.length > 0 && s.length <= 20) {
    const v = parseLL(s);
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
