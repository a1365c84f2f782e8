// Python's struct module: pack, unpack, calcsize, iter_unpack over a parsed format.
import type { PyValue } from "../values.ts";
import type { ByteField } from "../trace.ts";

export interface Packed {
  bytes: Uint8Array;
  fields: ByteField[];
}

export function pack(_format: string, _values: readonly PyValue[]): Packed {
  throw new Error("struct.pack: not built yet");
}
export function unpack(_format: string, _bytes: Uint8Array): { values: PyValue[]; fields: ByteField[] } {
  throw new Error("struct.unpack: not built yet");
}
export function calcsize(_format: string): number {
  throw new Error("struct.calcsize: not built yet");
}
export function iterUnpack(_format: string, _bytes: Uint8Array): { values: PyValue[][]; fields: ByteField[] } {
  throw new Error("struct.iter_unpack: not built yet");
}
