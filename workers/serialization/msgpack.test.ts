// The MessagePack fields the hex view shows: each header and payload named and placed.
import { describe, expect, it } from "vitest";
import { decode, encode, fields } from "./msgpack.ts";

describe("msgpack", () => {
  it("round-trips 64-bit integers as bigint", () => {
    expect(decode(encode({ big: 2n ** 60n }))).toEqual({ big: 2n ** 60n });
  });

  it("names every value's bytes", () => {
    const bytes = encode({ a: [1, 300], s: "hi" });
    expect(fields(bytes)).toEqual([
      { start: 0, end: 1, name: "fixmap", value: "map of 2" },
      { start: 1, end: 3, name: "fixstr", value: '"a"' },
      { start: 3, end: 4, name: "fixarray", value: "array of 2" },
      { start: 4, end: 5, name: "positive fixint", value: "1" },
      { start: 5, end: 8, name: "uint 16", value: "300", byteOrder: "big" },
      { start: 8, end: 10, name: "fixstr", value: '"s"' },
      { start: 10, end: 13, name: "fixstr", value: '"hi"' },
    ]);
  });
});
