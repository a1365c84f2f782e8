// IEEE binary16 ('e') exactly as CPython's PyFloat_Pack2/Unpack2: round half to even on the
// 10-bit fraction, OverflowError past 65504 after rounding, one quiet NaN per sign.
import { PyException } from "../values.ts";
import { NEGATIVE_NAN, bitsOf } from "../float-bits.ts";

/** x = f * 2**e with 0.5 <= f < 1, for finite positive x (subnormals included), read from its bits. */
function frexp(x: number): [number, number] {
  if (x < 2 ** -1022) {
    const [f, e] = frexp(x * 2 ** 64);
    return [f, e - 64];
  }
  const exponent = Number((bitsOf(x) >> 52n) & 0x7ffn) - 1022;
  return [x / 2 ** exponent, exponent];
}

export function packHalf(x: number): number {
  const negative = x < 0 || Object.is(x, -0);
  if (x === 0) return negative ? 0x8000 : 0;
  if (!Number.isFinite(x) && !Number.isNaN(x)) return (negative ? 0x8000 : 0) | 0x7c00;
  if (Number.isNaN(x)) {
    return (bitsOf(x) >> 63n ? 0x8000 : 0) | 0x7e00;
  }
  let [f, e] = frexp(Math.abs(x));
  // 1. Normalize f into [1, 2).
  f *= 2;
  e--;
  if (e >= 16) throw overflow();
  if (e < -25) {
    // |x| < 2**-25 underflows to zero.
    f = 0;
    e = 0;
  } else if (e < -14) {
    // Gradual underflow into a subnormal.
    f = f * 2 ** (14 + e);
    e = 0;
  } else {
    e += 15;
    f -= 1;
  }
  // 2. Round the 10-bit fraction half to even; a carry out may overflow the exponent.
  f *= 1024;
  let bits = Math.trunc(f);
  if (f - bits > 0.5 || (f - bits === 0.5 && bits % 2 === 1)) {
    bits++;
    if (bits === 1024) {
      bits = 0;
      e++;
      if (e === 31) throw overflow();
    }
  }
  return bits | (e << 10) | (negative ? 0x8000 : 0);
}

export function unpackHalf(bits: number): number {
  const negative = (bits & 0x8000) !== 0;
  const e = (bits >> 10) & 0x1f;
  const f = bits & 0x3ff;
  if (e === 0x1f) return f === 0 ? (negative ? -Infinity : Infinity) : negative ? NEGATIVE_NAN : NaN;
  const x = e === 0 ? (f / 1024) * 2 ** -14 : (1 + f / 1024) * 2 ** (e - 15);
  return negative ? -x : x;
}

const overflow = () => new PyException("OverflowError", "float too large to pack with e format");
