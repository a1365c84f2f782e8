import { describe, expect, it } from "vitest";
import { string2ll } from "./string2ll.ts";

const parse = (s: string) => {
  const bytes = Buffer.from(s, "latin1");
  return string2ll(bytes, 0, bytes.length);
};

describe("string2ll", () => {
  it("reads plain integers", () => {
    expect(parse("0")).toBe(0);
    expect(parse("7")).toBe(7);
    expect(parse("-5")).toBe(-5);
    expect(parse("2147483648")).toBe(2147483648);
  });

  it("refuses what Redis refuses", () => {
    for (const s of ["", "-", "-0", "04", "00", "+1", " 1", "1 ", "1x", "abc", "1.5"]) expect(parse(s), s).toBeNull();
  });

  it("checks the signed 64-bit range exactly and refuses 21 chars or more", () => {
    expect(parse("9223372036854775807")).toBe(2 ** 63); // rounded: only compared with small limits
    expect(parse("9223372036854775808")).toBeNull();
    expect(parse("-9223372036854775808")).toBe(-(2 ** 63));
    expect(parse("-9223372036854775809")).toBeNull();
    expect(parse("99999999999999999999")).toBeNull();
    expect(parse("1".repeat(21))).toBeNull();
  });
});
