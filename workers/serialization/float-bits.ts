// Doubles by their bits. JavaScript keeps a NaN's payload and sign through DataView, so Python's
// NaNs (fff8…, a float's payload widened to a double) survive exactly when built here.
const view = new DataView(new ArrayBuffer(8));

export function bitsOf(x: number): bigint {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

export function fromBits(bits: bigint): number {
  view.setBigUint64(0, BigInt.asUintN(64, bits));
  return view.getFloat64(0);
}

/** A binary32 pattern widened to a double as C's (double)float does (NaNs quieted, payload kept). */
export function widenFloat32(bits32: number): number {
  if ((bits32 & 0x7f800000) === 0x7f800000 && (bits32 & 0x7fffff) !== 0) {
    const sign = BigInt(bits32 >>> 31) << 63n;
    return fromBits(sign | (0x7ffn << 52n) | (BigInt((bits32 & 0x7fffff) | 0x400000) << 29n));
  }
  view.setUint32(0, bits32 >>> 0);
  return view.getFloat32(0);
}

/** A double narrowed to binary32 bits as C's (float)x does (round to nearest even; NaN payload truncated, quieted). */
export function narrowFloat32(x: number): number {
  if (Number.isNaN(x)) {
    const bits = bitsOf(x);
    return Number(((bits >> 63n) << 31n) | 0x7fc00000n | ((bits >> 29n) & 0x7fffffn)) >>> 0;
  }
  view.setFloat32(0, x);
  return view.getUint32(0);
}

export const NEGATIVE_NAN = fromBits(0xfff8000000000000n);
