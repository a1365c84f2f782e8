// Python's `json.loads` (CPython 3.11's C scanner), because FastAPI answers a body that is not
// JSON with the decoder's own words and position: 422 `json_invalid`, loc ["body", pos], ctx
// {error: "Expecting value"}. JSON.parse would not do: its messages differ, and Python accepts
// what it refuses (NaN, Infinity, -Infinity). Positions count code points, as Python's str does.
// Like Python's, the number hooks decide what a number becomes (the validation engine tells a
// float 4.0 from an int 4).

import { ValueError } from "../app/errors";

/** Python's json.JSONDecodeError (a ValueError): `msg` is what FastAPI puts in ctx.error, `pos` in the loc. */
export class JSONDecodeError extends ValueError {
  readonly msg: string;
  readonly pos: number;
  readonly doc: string;

  constructor(msg: string, doc: string, pos: number) {
    super(`${msg}: char ${pos}`);
    this.msg = msg;
    this.doc = doc;
    this.pos = pos;
  }
}

export interface LoadsOptions {
  /** Python's parse_int: the text of a number without fraction or exponent. Default Number. */
  parseInt?: (text: string) => unknown;
  /** Python's parse_float: the text of a number with a fraction or an exponent. Default Number. */
  parseFloat?: (text: string) => unknown;
  /** Python's parse_constant: "NaN", "Infinity" or "-Infinity". Default the JavaScript number. */
  parseConstant?: (name: string) => unknown;
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const CONSTANTS: Record<string, number> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** Raised where Python's scanner raises StopIteration: no value starts at `pos`. */
class NoValue {
  constructor(readonly pos: number) {}
}

/** Reads `text` as Python's `json.loads(str)` does, or throws JSONDecodeError. */
export function loads(text: string, options: LoadsOptions = {}): unknown {
  // Python indexes code points; a JavaScript string indexes UTF-16 units.
  const s = Array.from(text);
  if (s[0] === "\ufeff") throw new JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0);
  const scanner = new Scanner(s, text, options);
  let value: unknown;
  let end: number;
  try {
    [value, end] = scanner.scanOnce(scanner.skip(0));
  } catch (e) {
    if (e instanceof NoValue) throw new JSONDecodeError("Expecting value", text, e.pos);
    throw e;
  }
  end = scanner.skip(end);
  if (end !== s.length) throw new JSONDecodeError("Extra data", text, end);
  return value;
}

/** Starlette's `await request.json()` on the body's bytes: UTF-8 (a BOM dropped), then loads. */
export function loadsBytes(body: Uint8Array, options?: LoadsOptions): unknown {
  const hasBom = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
  // fatal: Python's strict decode fails (FastAPI then answers 400, not 422).
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(hasBom ? body.subarray(3) : body);
  return loads(text, options);
}

class Scanner {
  constructor(
    private readonly s: string[],
    private readonly doc: string,
    private readonly options: LoadsOptions,
  ) {}

  skip(i: number): number {
    while (i < this.s.length && WHITESPACE.has(this.s[i])) i++;
    return i;
  }

  #fail(msg: string, pos: number): never {
    throw new JSONDecodeError(msg, this.doc, pos);
  }

  #startsWith(word: string, at: number): boolean {
    for (let k = 0; k < word.length; k++) if (this.s[at + k] !== word[k]) return false;
    return true;
  }

  /** One value starting exactly at `i`: [value, index after it]. */
  scanOnce(i: number): [unknown, number] {
    const c = this.s[i];
    if (c === undefined) throw new NoValue(i);
    if (c === '"') return this.#string(i + 1);
    if (c === "{") return this.#object(i + 1);
    if (c === "[") return this.#array(i + 1);
    for (const [word, value] of [["null", null], ["true", true], ["false", false]] as const) {
      if (this.#startsWith(word, i)) return [value, i + word.length];
    }
    for (const name of Object.keys(CONSTANTS)) {
      if (this.#startsWith(name, i)) return [this.options.parseConstant?.(name) ?? CONSTANTS[name], i + name.length];
    }
    return this.#number(i);
  }

  #number(start: number): [unknown, number] {
    const s = this.s;
    const digit = (k: number) => s[k] !== undefined && s[k] >= "0" && s[k] <= "9";
    let i = start;
    if (s[i] === "-") i++;
    if (s[i] === "0") i++;
    else if (s[i] >= "1" && s[i] <= "9") while (digit(i)) i++;
    else throw new NoValue(start);
    let isFloat = false;
    if (s[i] === "." && digit(i + 1)) {
      isFloat = true;
      i += 2;
      while (digit(i)) i++;
    }
    // An exponent without digits is not part of the number ("1e" reads 1, then fails on "e").
    if (s[i] === "e" || s[i] === "E") {
      let j = i + 1;
      if (s[j] === "-" || s[j] === "+") j++;
      const digitsFrom = j;
      while (digit(j)) j++;
      if (j > digitsFrom) {
        isFloat = true;
        i = j;
      }
    }
    const text = s.slice(start, i).join("");
    const parse = isFloat ? this.options.parseFloat : this.options.parseInt;
    return [parse ? parse(text) : Number(text), i];
  }

  /** After the opening quote at `begin - 1`. */
  #string(begin: number): [string, number] {
    const s = this.s;
    let out = "";
    let i = begin;
    for (;;) {
      const c = s[i];
      if (c === undefined) this.#fail("Unterminated string starting at", begin - 1);
      if (c === '"') return [out, i + 1];
      if (c !== "\\") {
        if (c.codePointAt(0)! <= 0x1f) this.#fail("Invalid control character at", i);
        out += c;
        i++;
        continue;
      }
      const e = s[i + 1];
      if (e === undefined) this.#fail("Unterminated string starting at", begin - 1);
      if (e !== "u") {
        if (!(e in ESCAPES)) this.#fail("Invalid \\escape", i);
        out += ESCAPES[e];
        i += 2;
        continue;
      }
      // \uXXXX, with a following \uXXXX joined when the two make a surrogate pair.
      const unit = this.#hex4(i + 2);
      i += 6;
      if (unit >= 0xd800 && unit <= 0xdbff && s[i] === "\\" && s[i + 1] === "u" && i + 6 < s.length) {
        const low = this.#hex4(i + 2);
        if (low >= 0xdc00 && low <= 0xdfff) {
          out += String.fromCharCode(unit, low);
          i += 6;
          continue;
        }
      }
      out += String.fromCharCode(unit);
    }
  }

  /** Four hex digits at `at` (the "u" is at `at - 1`, where Python reports the error). */
  #hex4(at: number): number {
    const hex = this.s.slice(at, at + 4).join("");
    // Python also wants a character after the four digits (the string's closing quote at least).
    if (at + 4 >= this.s.length || !HEX4.test(hex)) this.#fail("Invalid \\uXXXX escape", at - 1);
    return parseInt(hex, 16);
  }

  #object(start: number): [Record<string, unknown>, number] {
    const s = this.s;
    const obj: Record<string, unknown> = {};
    let i = this.skip(start);
    if (s[i] === "}") return [obj, i + 1];
    for (;;) {
      if (s[i] !== '"') this.#fail("Expecting property name enclosed in double quotes", i);
      const [key, afterKey] = this.#string(i + 1);
      i = this.skip(afterKey);
      if (s[i] !== ":") this.#fail("Expecting ':' delimiter", i);
      const [value, afterValue] = this.scanOnce(this.skip(i + 1));
      // defineProperty: a "__proto__" key is data, as in a Python dict.
      Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      i = this.skip(afterValue);
      if (s[i] === "}") return [obj, i + 1];
      if (s[i] !== ",") this.#fail("Expecting ',' delimiter", i);
      i = this.skip(i + 1);
    }
  }

  #array(start: number): [unknown[], number] {
    const s = this.s;
    const items: unknown[] = [];
    let i = this.skip(start);
    if (s[i] === "]") return [items, i + 1];
    for (;;) {
      const [value, after] = this.scanOnce(i);
      items.push(value);
      i = this.skip(after);
      if (s[i] === "]") return [items, i + 1];
      if (s[i] !== ",") this.#fail("Expecting ',' delimiter", i);
      i = this.skip(i + 1);
    }
  }
}
