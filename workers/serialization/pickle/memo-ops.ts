// The opcodes that store into and fetch from the memo, as both picklers write them (the C one
// in dumps.ts, pickle.py's in optimize.ts): MEMOIZE from protocol 4, else PUT/GET text in
// protocol 0 and BINPUT/BINGET (LONG_ past 255) in the binary protocols.
import { OP } from "./opcodes.ts";

/** `value` as `size` little-endian bytes (two's complement for negatives). */
export function littleEndian(value: bigint | number, size: number): number[] {
  const bytes: number[] = [];
  let x = BigInt.asUintN(size * 8, BigInt(value));
  for (let i = 0; i < size; i++, x >>= 8n) bytes.push(Number(x & 0xffn));
  return bytes;
}

export const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

export function putOp(idx: number, proto: number): number[] {
  if (proto >= 4) return [OP.MEMOIZE];
  if (proto === 0) return ascii(`p${idx}\n`);
  return idx < 256 ? [OP.BINPUT, idx] : [OP.LONG_BINPUT, ...littleEndian(idx, 4)];
}

export function getOp(idx: number, proto: number): number[] {
  if (proto === 0) return ascii(`g${idx}\n`);
  return idx < 256 ? [OP.BINGET, idx] : [OP.LONG_BINGET, ...littleEndian(idx, 4)];
}
