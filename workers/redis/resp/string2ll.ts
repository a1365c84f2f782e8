// Redis's string2ll (util.c), which reads the counts in `*N` and `$N`: optional '-', then
// digits with no leading zero (only "0" itself), no '+', no spaces, fewer than 21 chars, and
// within a signed 64-bit integer. "-0" and "04" are refused, as Redis refuses them.

const LONG_STR_SIZE = 21;
const LLONG_MAX = 2n ** 63n - 1n;
const LLONG_MIN_MAGNITUDE = 2n ** 63n;

/**
 * The integer written in bytes[start, end), or null when Redis would refuse it. Values past
 * 2^53 come back rounded: callers only compare them with limits far below that.
 */
export function string2ll(bytes: Uint8Array, start: number, end: number): number | null {
  const length = end - start;
  if (length === 0 || length >= LONG_STR_SIZE) return null;
  if (length === 1 && bytes[start] === 0x30) return 0;

  let p = start;
  const negative = bytes[p] === 0x2d;
  if (negative && ++p === end) return null;
  if (bytes[p] < 0x31 || bytes[p] > 0x39) return null;
  for (let i = p + 1; i < end; i++) if (bytes[i] < 0x30 || bytes[i] > 0x39) return null;

  const digits = end - p;
  if (digits <= 15) {
    let v = 0;
    for (let i = p; i < end; i++) v = v * 10 + (bytes[i] - 0x30);
    return negative ? -v : v;
  }
  // Up to 19 digits (20 with the sign): exact overflow check as Redis does it.
  let big = 0n;
  for (let i = p; i < end; i++) big = big * 10n + BigInt(bytes[i] - 0x30);
  if (big > (negative ? LLONG_MIN_MAGNITUDE : LLONG_MAX)) return null;
  return Number(negative ? -big : big);
}
