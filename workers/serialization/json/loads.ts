// json.loads as CPython's C scanner (_json.c) reads text: where each error is reported and with
// which words, NaN/Infinity accepted, numbers with '.', 'e' or 'E' as floats and the rest as ints
// of any size, duplicate keys keeping their first position with the last value. Positions count
// code points, as Python's str does.
import { JSONDecodeError, PyException, floatOut, intOut, type PyValue } from "../values.ts";

export const MAX_STR_DIGITS = 4300;

export interface LoadsOptions {
  /** Objects as plain objects (default) or Maps (exact key order, Python's). */
  dict?: "object" | "map";
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const ESCAPED: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** Thrown where Python's scanner raises StopIteration: "Expecting value" at that index. */
class StopIteration {
  constructor(readonly idx: number) {}
}

export function decodeError(msg: string, s: readonly string[], pos: number): JSONDecodeError {
  let lineno = 1;
  let lastNewline = -1;
  for (let i = 0; i < pos; i++) {
    if (s[i] === "\n") {
      lineno++;
      lastNewline = i;
    }
  }
  return new JSONDecodeError(msg, pos, lineno, pos - lastNewline);
}

export function loads(text: string, options: LoadsOptions = {}): PyValue {
  // Code points, so an index is Python's index (a lone surrogate counts as one).
  const s = Array.from(text);
  const end = s.length;
  const asMap = options.dict === "map";
  const skip = (i: number) => {
    while (i < end && WHITESPACE.has(s[i])) i++;
    return i;
  };
  const fail = (msg: string, pos: number) => decodeError(msg, s, pos);
  const hex4 = (at: number) => {
    const digits = s.slice(at, at + 4).join("");
    return /^[0-9a-fA-F]{4}$/.test(digits) ? parseInt(digits, 16) : -1;
  };

  // scanstring: `begin` is the index after the opening quote.
  function scanString(begin: number): [string, number] {
    let out = "";
    let i = begin;
    for (;;) {
      let next = i;
      let c = "";
      for (; next < end; next++) {
        c = s[next];
        if (c === '"' || c === "\\") break;
        if (c.codePointAt(0)! <= 0x1f) throw fail("Invalid control character at", next);
      }
      if (next >= end) throw fail("Unterminated string starting at", begin - 1);
      out += s.slice(i, next).join("");
      next++;
      if (c === '"') return [out, next];
      if (next === end) throw fail("Unterminated string starting at", begin - 1);
      const e = s[next];
      if (e !== "u") {
        if (!(e in ESCAPED)) throw fail("Invalid \\escape", next - 1);
        out += ESCAPED[e];
        i = next + 1;
        continue;
      }
      // \uXXXX, and a following \uXXXX joined when they make a surrogate pair.
      next++;
      if (next + 4 >= end) throw fail("Invalid \\uXXXX escape", next - 1);
      let code = hex4(next);
      if (code < 0) throw fail("Invalid \\uXXXX escape", next - 1);
      i = next + 4;
      if (code >= 0xd800 && code <= 0xdbff && i + 6 < end && s[i] === "\\" && s[i + 1] === "u") {
        const low = hex4(i + 2);
        if (low < 0) throw fail("Invalid \\uXXXX escape", i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          i += 6;
        }
      }
      out += String.fromCodePoint(code);
    }
  }

  function matchNumber(start: number): [PyValue, number] {
    let i = start;
    if (s[i] === "-") i++;
    if (s[i] === "0") i++;
    else if (s[i] >= "1" && s[i] <= "9") while (i < end && s[i] >= "0" && s[i] <= "9") i++;
    else throw new StopIteration(start);
    let isFloat = false;
    if (s[i] === "." && s[i + 1] >= "0" && s[i + 1] <= "9") {
      isFloat = true;
      i += 2;
      while (i < end && s[i] >= "0" && s[i] <= "9") i++;
    }
    if (s[i] === "e" || s[i] === "E") {
      const eStart = i;
      i++;
      if (s[i] === "-" || s[i] === "+") i++;
      while (i < end && s[i] >= "0" && s[i] <= "9") i++;
      if (s[i - 1] >= "0" && s[i - 1] <= "9") isFloat = true;
      else i = eStart;
    }
    const literal = s.slice(start, i).join("");
    if (isFloat) return [floatOut(Number(literal)), i];
    // CPython 3.11 refuses to read ints of more than 4300 digits (sys.int_info.default_max_str_digits).
    const digits = literal.replace("-", "").length;
    if (digits > MAX_STR_DIGITS) {
      throw new PyException("ValueError", `Exceeds the limit (${MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`);
    }
    return [intOut(BigInt(literal)), i];
  }

  const word = (i: number, w: string) => s.slice(i, i + w.length).join("") === w;

  function scanOnce(i: number): [PyValue, number] {
    if (i >= end) throw new StopIteration(i);
    const c = s[i];
    if (c === '"') return scanString(i + 1);
    if (c === "{") return parseObject(i + 1);
    if (c === "[") return parseArray(i + 1);
    if (c === "n" && word(i, "null")) return [null, i + 4];
    if (c === "t" && word(i, "true")) return [true, i + 4];
    if (c === "f" && word(i, "false")) return [false, i + 5];
    if (c === "N" && word(i, "NaN")) return [NaN, i + 3];
    if (c === "I" && word(i, "Infinity")) return [Infinity, i + 8];
    if (c === "-" && word(i, "-Infinity")) return [-Infinity, i + 9];
    return matchNumber(i);
  }

  function parseObject(start: number): [PyValue, number] {
    const dict = new Map<string, PyValue>();
    let i = skip(start);
    if (i >= end || s[i] !== "}") {
      for (;;) {
        if (i >= end || s[i] !== '"') throw fail("Expecting property name enclosed in double quotes", i);
        const [key, afterKey] = scanString(i + 1);
        i = skip(afterKey);
        if (i >= end || s[i] !== ":") throw fail("Expecting ':' delimiter", i);
        const [value, afterValue] = scanOnce(skip(i + 1));
        dict.set(key, value);
        i = skip(afterValue);
        if (i < end && s[i] === "}") break;
        if (i >= end || s[i] !== ",") throw fail("Expecting ',' delimiter", i);
        i = skip(i + 1);
      }
    }
    return [asMap ? dict : Object.fromEntries(dict), i + 1];
  }

  function parseArray(start: number): [PyValue, number] {
    const list: PyValue[] = [];
    let i = skip(start);
    if (i >= end || s[i] !== "]") {
      for (;;) {
        const [value, after] = scanOnce(i);
        list.push(value);
        i = skip(after);
        if (i < end && s[i] === "]") break;
        if (i >= end || s[i] !== ",") throw fail("Expecting ',' delimiter", i);
        i = skip(i + 1);
      }
    }
    return [list, i + 1];
  }

  // 1. A BOM is refused (json.loads on str), 2. one value between whitespace, 3. nothing after it.
  if (s[0] === "\ufeff") throw fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
  let value: PyValue;
  let after: number;
  try {
    [value, after] = scanOnce(skip(0));
  } catch (e) {
    if (e instanceof StopIteration) throw fail("Expecting value", e.idx);
    throw e;
  }
  const rest = skip(after);
  if (rest !== end) throw fail("Extra data", rest);
  return value;
}
