// MessagePack through @msgpack/msgpack (64-bit integers as bigint both ways), and a walk over
// encoded bytes that names each value's header and payload for the hex view.
import { decode as msgpackDecode, encode as msgpackEncode } from "@msgpack/msgpack";
import type { ByteField } from "./trace.ts";

export const encode = (value: unknown): Uint8Array => msgpackEncode(value, { useBigInt64: true });
export const decode = (bytes: Uint8Array): unknown => msgpackDecode(bytes, { useBigInt64: true });

// [first byte, last byte, format name, size of the length/count field or fixed payload size]
type Family = { name: string; kind: "leaf" | "str" | "bin" | "array" | "map" | "ext" | "fixext"; width: number; inline?: number };

function family(b: number): Family {
  if (b <= 0x7f) return { name: "positive fixint", kind: "leaf", width: 0 };
  if (b <= 0x8f) return { name: "fixmap", kind: "map", width: 0, inline: b & 0x0f };
  if (b <= 0x9f) return { name: "fixarray", kind: "array", width: 0, inline: b & 0x0f };
  if (b <= 0xbf) return { name: "fixstr", kind: "str", width: 0, inline: b & 0x1f };
  if (b >= 0xe0) return { name: "negative fixint", kind: "leaf", width: 0 };
  const table: Record<number, Family> = {
    0xc0: { name: "nil", kind: "leaf", width: 0 }, 0xc2: { name: "false", kind: "leaf", width: 0 }, 0xc3: { name: "true", kind: "leaf", width: 0 },
    0xc4: { name: "bin 8", kind: "bin", width: 1 }, 0xc5: { name: "bin 16", kind: "bin", width: 2 }, 0xc6: { name: "bin 32", kind: "bin", width: 4 },
    0xc7: { name: "ext 8", kind: "ext", width: 1 }, 0xc8: { name: "ext 16", kind: "ext", width: 2 }, 0xc9: { name: "ext 32", kind: "ext", width: 4 },
    0xca: { name: "float 32", kind: "leaf", width: 4 }, 0xcb: { name: "float 64", kind: "leaf", width: 8 },
    0xcc: { name: "uint 8", kind: "leaf", width: 1 }, 0xcd: { name: "uint 16", kind: "leaf", width: 2 }, 0xce: { name: "uint 32", kind: "leaf", width: 4 }, 0xcf: { name: "uint 64", kind: "leaf", width: 8 },
    0xd0: { name: "int 8", kind: "leaf", width: 1 }, 0xd1: { name: "int 16", kind: "leaf", width: 2 }, 0xd2: { name: "int 32", kind: "leaf", width: 4 }, 0xd3: { name: "int 64", kind: "leaf", width: 8 },
    0xd4: { name: "fixext 1", kind: "fixext", width: 1 }, 0xd5: { name: "fixext 2", kind: "fixext", width: 2 }, 0xd6: { name: "fixext 4", kind: "fixext", width: 4 },
    0xd7: { name: "fixext 8", kind: "fixext", width: 8 }, 0xd8: { name: "fixext 16", kind: "fixext", width: 16 },
    0xd9: { name: "str 8", kind: "str", width: 1 }, 0xda: { name: "str 16", kind: "str", width: 2 }, 0xdb: { name: "str 32", kind: "str", width: 4 },
    0xdc: { name: "array 16", kind: "array", width: 2 }, 0xdd: { name: "array 32", kind: "array", width: 4 },
    0xde: { name: "map 16", kind: "map", width: 2 }, 0xdf: { name: "map 32", kind: "map", width: 4 },
  };
  return table[b] ?? { name: "never used", kind: "leaf", width: 0 };
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  return String(value);
}

/** One field per value: a container's header, a scalar's header and payload together. */
export function fields(bytes: Uint8Array): ByteField[] {
  const out: ByteField[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const readLength = (at: number, width: number) => (width === 1 ? view.getUint8(at) : width === 2 ? view.getUint16(at) : view.getUint32(at));
  function walk(at: number): number {
    if (at >= bytes.length) return bytes.length;
    const f = family(bytes[at]);
    const field = (end: number, value: string): number => {
      out.push({ start: at, end, name: f.name, value, ...(end - at > 2 && f.kind === "leaf" ? { byteOrder: "big" as const } : {}) });
      return end;
    };
    const leaf = (end: number) => field(end, show(decode(bytes.subarray(at, end))));
    switch (f.kind) {
      case "leaf":
        return leaf(at + 1 + f.width);
      case "str":
      case "bin":
        return leaf(at + 1 + f.width + (f.inline ?? readLength(at + 1, f.width)));
      case "fixext":
        return leaf(at + 2 + f.width);
      case "ext":
        return leaf(at + 2 + f.width + readLength(at + 1, f.width));
      case "array":
      case "map": {
        const count = f.inline ?? readLength(at + 1, f.width);
        let next = field(at + 1 + f.width, `${f.kind} of ${count}`);
        for (let i = 0; i < count * (f.kind === "map" ? 2 : 1) && next < bytes.length; i++) next = walk(next);
        return next;
      }
    }
  }
  walk(0);
  return out;
}
