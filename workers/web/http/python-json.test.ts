import { describe, expect, it } from "vitest";
import { ValueError } from "../app/errors";
import { JSONDecodeError, loads, loadsBytes } from "./python-json";

function failure(text: string): [string, number] | string {
  try {
    loads(text);
    return "parsed";
  } catch (e) {
    return e instanceof JSONDecodeError ? [e.msg, e.pos] : String(e);
  }
}

describe("Python's json.loads", () => {
  it("reads what JSON.parse reads, and Python's constants", () => {
    const text = '{"a": [1, 2.5, -0, 1e3, "x\\u00e9\\ud83d\\ude00", true, false, null], "b": {}}';
    expect(loads(text)).toEqual(JSON.parse(text));
    expect(loads("[NaN, Infinity, -Infinity]")).toEqual([NaN, Infinity, -Infinity]);
  });

  it("keeps a __proto__ key as data and the last of repeated keys in the first one's place", () => {
    const value = loads('{"__proto__": 1, "a": 2, "b": 3, "a": 4}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.entries(value)).toEqual([["__proto__", 1], ["a", 4], ["b", 3]]);
  });

  it("hands number texts to the hooks, as parse_int and parse_float", () => {
    const value = loads("[4, 4.0, 1e2, NaN]", {
      parseInt: (t) => `int ${t}`,
      parseFloat: (t) => `float ${t}`,
      parseConstant: (n) => `constant ${n}`,
    });
    expect(value).toEqual(["int 4", "float 4.0", "float 1e2", "constant NaN"]);
  });

  // Each message and position as CPython 3.11's json.loads raised it (code points, not UTF-16 units).
  it.each([
      ["{\"name\": \"pen\", \"price\": }", "Expecting value", 25],
      ["", "Expecting value", 0],
      [" ", "Expecting value", 1],
      ["{", "Expecting property name enclosed in double quotes", 1],
      ["{\"a\"", "Expecting ':' delimiter", 4],
      ["{\"a\":", "Expecting value", 5],
      ["{\"a\": 1", "Expecting ',' delimiter", 7],
      ["{\"a\": 1,}", "Expecting property name enclosed in double quotes", 8],
      ["[1,]", "Expecting value", 3],
      ["[", "Expecting value", 1],
      ["[1 2]", "Expecting ',' delimiter", 3],
      ["{\"a\" 1}", "Expecting ':' delimiter", 5],
      ["{'a': 1}", "Expecting property name enclosed in double quotes", 1],
      ["\"abc", "Unterminated string starting at", 0],
      ["\"a\\x\"", "Invalid \\escape", 2],
      ["\"\\u12\"", "Invalid \\uXXXX escape", 2],
      ["\"\\u12g4\"", "Invalid \\uXXXX escape", 2],
      ["\"\\ud800\\u12\"", "Invalid \\uXXXX escape", 8],
      ["\"a\nb\"", "Invalid control character at", 2],
      ["1.", "Extra data", 1],
      ["01", "Extra data", 1],
      ["1e", "Extra data", 1],
      ["1e+", "Extra data", 1],
      ["-", "Expecting value", 0],
      ["-a", "Expecting value", 0],
      ["nul", "Expecting value", 0],
      ["{\"a\":1}x", "Extra data", 7],
      ["tru", "Expecting value", 0],
      ["{\"\u00e9\": \u00e9}", "Expecting value", 6],
      ["\"\ud83d\ude00\" x", "Extra data", 4],
      ["{\"a\":{\"b\":[1,{\"c\":}]}}", "Expecting value", 18],
      ["\ufeff{}", "Unexpected UTF-8 BOM (decode using utf-8-sig)", 0],
      ["[1,,2]", "Expecting value", 3],
      ["{,}", "Expecting property name enclosed in double quotes", 1],
      ["{\"a\":1 \"b\":2}", "Expecting ',' delimiter", 7],
      ["\"\\", "Unterminated string starting at", 0],
      ["   ", "Expecting value", 3],
  ])("%j fails with %s at %i", (text, msg, pos) => {
    expect(failure(text)).toEqual([msg, pos]);
  });

  it("raises a ValueError, as Python's JSONDecodeError is one", () => {
    expect(() => loads("[")).toThrow(ValueError);
    expect(() => loads("[")).toThrow("Expecting value: char 1");
  });

  it("reads bytes as Starlette does: UTF-8, a BOM dropped; bytes that are not UTF-8 are not a JSONDecodeError", () => {
    expect(loadsBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x5b, 0x5d]))).toEqual([]);
    expect(() => loadsBytes(new Uint8Array([0x22, 0xff, 0x22]))).toThrow(TypeError);
  });
});
