// int.to_bytes and int.from_bytes as CPython 3.11 checks them: byteorder first, then length,
// then whether the value fits (two's complement when signed).
import { PyException, intOut } from "./values.ts";

export type ByteOrder = "big" | "little";

function checkOrder(byteorder: string): ByteOrder {
  if (byteorder !== "big" && byteorder !== "little") throw new PyException("ValueError", "byteorder must be either 'little' or 'big'");
  return byteorder;
}

function toBigInt(value: number | bigint | boolean): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "boolean") return value ? 1n : 0n;
  if (!Number.isInteger(value)) throw new PyException("TypeError", "descriptor 'to_bytes' for 'int' objects doesn't apply to a 'float' object");
  return BigInt(value);
}

export function intToBytes(value: number | bigint | boolean, length: number, byteorder: string, signed = false): Uint8Array {
  const order = checkOrder(byteorder);
  if (length < 0) throw new PyException("ValueError", "length argument must be non-negative");
  const x = toBigInt(value);
  if (x < 0n && !signed) throw new PyException("OverflowError", "can't convert negative int to unsigned");
  const bits = BigInt(length * 8);
  // Zero bytes hold 0 and, signed, also -1 (an empty sign extension, as _PyLong_AsByteArray sees it).
  const fits = signed ? (length > 0 ? x >= -(1n << (bits - 1n)) && x < 1n << (bits - 1n) : x === 0n || x === -1n) : x < 1n << bits;
  if (!fits) throw new PyException("OverflowError", "int too big to convert");
  const bytes = new Uint8Array(length);
  let rest = BigInt.asUintN(Number(bits), x);
  for (let i = 0; i < length; i++) {
    bytes[order === "big" ? length - 1 - i : i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}

export function intFromBytes(bytes: Uint8Array, byteorder: string, signed = false): number | bigint {
  const order = checkOrder(byteorder);
  let x = 0n;
  for (let i = 0; i < bytes.length; i++) x = (x << 8n) | BigInt(bytes[order === "big" ? i : bytes.length - 1 - i]);
  return intOut(signed && bytes.length > 0 ? BigInt.asIntN(bytes.length * 8, x) : x);
}
