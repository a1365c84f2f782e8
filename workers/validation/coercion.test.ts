// Pydantic's lax coercion table for the scalar types (pydantic's "Conversion Table", Python mode
// with JSON-like input), its strict column, and what JavaScript's numbers mean to it.
import { describe, expect, it } from "vitest";
import { asFloat, bool, float, int, loads, none, pythonRepr, str, uuid } from "./index.ts";
import { plain } from "./values.ts";
import type { Type } from "./types.ts";

/** The value, or the error type of the single error. */
function outcome(type: Type<unknown>, input: unknown, strict?: boolean): unknown {
  const result = type.check(input, { strict });
  if (result.ok) return result.value;
  expect(result.errors).toHaveLength(1);
  return `!${result.errors[0].type}`;
}

describe("int", () => {
  it.each([
    [42, 42],
    ["42", 42],
    [" 42 ", 42],
    ["+5", 5],
    ["-7", -7],
    ["00042", 42],
    ["1_000", 1000],
    ["4.0", 4],
    ["4.000", 4],
    [true, 1],
    [false, 0],
    [asFloat(4), 4],
    [4.5, "!int_from_float"],
    ["4.5", "!int_parsing"],
    ["4.", "!int_parsing"],
    ["1__000", "!int_parsing"],
    ["+-1", "!int_parsing"],
    ["1e3", "!int_parsing"],
    ["0x10", "!int_parsing"],
    ["", "!int_parsing"],
    ["_1", "!int_parsing"],
    ["٤٢", "!int_parsing"],
    [1e20, 1e20],
    [asFloat(1e20), "!int_parsing_size"],
    [Infinity, "!finite_number"],
    [null, "!int_type"],
    [[1], "!int_type"],
  ])("%j → %j", (input, expected) => {
    expect(outcome(int(), input)).toEqual(expected);
  });

  it("keeps ints beyond 2^53 exact, as bigints", () => {
    expect(int().validate("123456789012345678901234567890")).toBe(123456789012345678901234567890n);
    expect(int().validate(2n ** 70n)).toBe(2n ** 70n);
  });

  it("refuses anything but an int in strict mode", () => {
    expect(outcome(int(), "42", true)).toBe("!int_type");
    expect(outcome(int(), true, true)).toBe("!int_type");
    expect(outcome(int(), asFloat(4), true)).toBe("!int_type");
    expect(outcome(int({ strict: true }), "42")).toBe("!int_type");
    expect(outcome(int(), 42, true)).toBe(42);
  });
});

describe("float", () => {
  it.each([
    [3.14, 3.14],
    [3, 3],
    ["3.14", 3.14],
    [" 2.5 ", 2.5],
    ["1e3", 1000],
    [".5", 0.5],
    ["1_000.5", 1000.5],
    [" 1_000.5", "!float_parsing"],
    ["inf", Infinity],
    ["-Infinity", -Infinity],
    [true, 1],
    ["abc", "!float_parsing"],
    ["", "!float_parsing"],
    ["0x1p3", "!float_parsing"],
    [null, "!float_type"],
  ])("%j → %j", (input, expected) => {
    expect(outcome(float(), input)).toEqual(expected);
  });

  it("reads 'nan' as NaN and dumps non-finite floats as null", () => {
    expect(float().validate("nan")).toBeNaN();
    expect(float().dump(Infinity)).toBeNull();
  });

  it("accepts an int but not a string in strict mode", () => {
    expect(outcome(float(), 3, true)).toBe(3);
    expect(outcome(float(), "3", true)).toBe("!float_type");
  });
});

describe("str", () => {
  it.each([
    ["hello", "hello"],
    ["", ""],
    [3, "!string_type"],
    [3.5, "!string_type"],
    [true, "!string_type"],
    [null, "!string_type"],
    [{ a: "b" }, "!string_type"],
  ])("%j → %j", (input, expected) => {
    expect(outcome(str(), input)).toEqual(expected);
  });

  it("counts code points, as Python's len", () => {
    expect(outcome(str({ maxLength: 2 }), "😀😀")).toBe("😀😀");
    expect(outcome(str({ maxLength: 1 }), "e\u0301")).toBe("!string_too_long");
    expect(outcome(str({ minLength: 3 }), "😀😀")).toBe("!string_too_short");
  });

  it("searches the pattern as Rust's regex: unanchored, $ only at the very end, Unicode \\d and \\w", () => {
    expect(outcome(str({ pattern: "abc" }), "xxabcxx")).toBe("xxabcxx");
    expect(outcome(str({ pattern: "^[0-9]{5}$" }), "12345\n")).toBe("!string_pattern_mismatch");
    expect(outcome(str({ pattern: "^\\d{3}$" }), "١٢٣")).toBe("١٢٣");
    expect(outcome(str({ pattern: "^\\w+$" }), "héllo")).toBe("héllo");
    expect(outcome(str({ pattern: "^[\\w-]+$" }), "a-é")).toBe("a-é");
  });

  it("checks min_length, then max_length, then the pattern; only the first failure is reported", () => {
    expect(outcome(str({ pattern: "^[a-z]+$", maxLength: 3 }), "ABCDE")).toBe("!string_too_long");
  });
});

describe("bool", () => {
  it.each([
    [true, true],
    ["true", true],
    ["True", true],
    ["ON", true],
    ["yes", true],
    ["y", true],
    ["t", true],
    ["1", true],
    [1, true],
    [asFloat(1), true],
    ["off", false],
    ["no", false],
    ["f", false],
    ["0", false],
    [0, false],
    [2, "!bool_parsing"],
    ["2", "!bool_parsing"],
    [" true ", "!bool_parsing"],
    ["", "!bool_parsing"],
    [0.5, "!bool_type"],
    [[], "!bool_type"],
    [null, "!bool_type"],
  ])("%j → %j", (input, expected) => {
    expect(outcome(bool(), input)).toEqual(expected);
  });

  it("refuses 1 in strict mode", () => {
    expect(outcome(bool({ strict: true }), 1)).toBe("!bool_type");
  });
});

describe("None and uuid", () => {
  it("None accepts only null", () => {
    expect(outcome(none(), null)).toBeNull();
    expect(outcome(none(), "None")).toBe("!none_required");
    expect(outcome(none(), "")).toBe("!none_required");
  });

  it("reads a UUID in any of its spellings and writes it lowercase and hyphenated", () => {
    for (const text of ["12345678123456781234567812345678", "{12345678-1234-5678-1234-567812345678}", "urn:uuid:12345678-1234-5678-1234-567812345678"])
      expect(uuid().validate(text)).toBe("12345678-1234-5678-1234-567812345678");
    expect(uuid().validate("A987FBC9-4BED-3078-CF07-9141BA07C9F3")).toBe("a987fbc9-4bed-3078-cf07-9141ba07c9f3");
    const bad = uuid().check("not-a-uuid");
    expect(bad.ok ? null : bad.errors[0]).toMatchObject({ type: "uuid_parsing", ctx: { error: "invalid character: found `n` at 1" } });
    expect(outcome(uuid(), 123)).toBe("!uuid_type");
  });
});

describe("loads: Python's json.loads", () => {
  it("keeps 4.0 a float, big ints exact and keys in the order written", () => {
    const value = loads('{"b": 4.0, "a": 4, "3": 123456789012345678901234567890, "x": [1.5, -0.0]}') as Record<string, unknown>;
    expect(outcome(int({ strict: true }), value.b)).toBe("!int_type");
    expect(outcome(int({ strict: true }), value.a)).toBe(4);
    expect(value["3"]).toBe(123456789012345678901234567890n);
    expect(pythonRepr(value)).toBe("{'b': 4.0, 'a': 4, '3': 123456789012345678901234567890, 'x': [1.5, -0.0]}");
    expect(plain(value.x)).toEqual([1.5, -0]);
  });

  it("refuses what JSON refuses", () => {
    for (const text of ["{", "[1,]", "01", '"\u0001"', "1 2", "{'a': 1}"]) expect(() => loads(text)).toThrow(SyntaxError);
  });
});
