import { describe, expect, it } from "vitest";
import { lpIntSize, lpStringSize } from "./listpack-size.ts";

describe("listpack element sizes (listpack.c)", () => {
  it("sizes integers by lpEncodeIntegerGetType's ranges, as numbers and as bigints alike", () => {
    const edges: [number, number][] = [
      [0, 2], [127, 2], [128, 3], [-1, 3], [-4096, 3], [4095, 3], [4096, 4], [-4097, 4],
      [-32768, 4], [32767, 4], [32768, 5], [-8388608, 5], [8388607, 5], [8388608, 6],
      [-2147483648, 6], [2147483647, 6], [2147483648, 10], [-2147483649, 10],
    ];
    for (const [v, size] of edges) {
      expect(lpIntSize(v), String(v)).toBe(size);
      expect(lpIntSize(BigInt(v)), `${v}n`).toBe(size);
    }
    expect(lpIntSize(2n ** 63n - 1n)).toBe(10);
    expect(lpIntSize(-(2n ** 63n))).toBe(10);
  });

  it("stores a string as an integer only when string2ll reads it, up to 64 bits", () => {
    expect(lpStringSize("12")).toBe(2);
    expect(lpStringSize("-0")).toBe(4); // not an integer to string2ll: 1 + 2 bytes + backlen
    expect(lpStringSize("012")).toBe(5);
    expect(lpStringSize("9223372036854775807")).toBe(10);
    expect(lpStringSize("-9223372036854775808")).toBe(10);
    expect(lpStringSize("9223372036854775808")).toBe(21); // overflows: 19 bytes + header + backlen
    expect(lpStringSize("send-welcome-email")).toBe(20);
  });
});
