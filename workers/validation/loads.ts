// Python's json.loads for the engine: JSON.parse keeps no difference between 4.0 and 4, and
// Pydantic treats them differently (an int in strict mode refuses 4.0). Here a number written
// with "." or an exponent whose value is integral becomes a PyFloat, and an int beyond 2^53 a
// bigint; everything else is what JSON.parse gives. Strings are read by JSON.parse itself.
import { PyFloat, define, keepKeyOrder } from "./values.ts";

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
// Any string token; JSON.parse then checks its escapes and refuses raw control characters.
const STRING = /"(?:[^"\\]|\\[^])*"/y;
const LITERAL = /true|false|null/y;

export function loads(text: string): unknown {
  const src = String(text);
  let at = 0;

  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at position ${at} of the JSON text`);
  };
  const skip = () => {
    while (at < src.length && (src[at] === " " || src[at] === "\n" || src[at] === "\r" || src[at] === "\t")) at++;
  };
  const match = (re: RegExp): string | undefined => {
    re.lastIndex = at;
    const m = re.exec(src);
    if (!m) return undefined;
    at = re.lastIndex;
    return m[0];
  };

  function value(depth: number): unknown {
    if (depth > 1000) fail("nesting too deep");
    skip();
    const ch = src[at];
    if (ch === "{") return object(depth);
    if (ch === "[") return array(depth);
    if (ch === '"') return JSON.parse(match(STRING) ?? fail("unterminated string")) as string;
    if (ch === "-" || (ch >= "0" && ch <= "9")) return number();
    const literal = match(LITERAL);
    if (literal !== undefined) return literal === "null" ? null : literal === "true";
    return fail(ch === undefined ? "unexpected end" : `unexpected ${JSON.stringify(ch)}`);
  }

  function number(): unknown {
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(src) ?? fail("bad number");
    at = NUMBER.lastIndex;
    const n = Number(m[0]);
    if (m[1] !== undefined || m[2] !== undefined) return Number.isInteger(n) ? new PyFloat(n) : n;
    return Number.isSafeInteger(n) ? n : BigInt(m[0]);
  }

  function array(depth: number): unknown[] {
    at++;
    const out: unknown[] = [];
    skip();
    if (src[at] === "]") return at++, out;
    for (;;) {
      out.push(value(depth + 1));
      skip();
      if (src[at] === ",") at++;
      else if (src[at] === "]") return at++, out;
      else fail("expected , or ]");
    }
  }

  function object(depth: number): Record<string, unknown> {
    at++;
    const out: Record<string, unknown> = {};
    const keys: string[] = [];
    skip();
    if (src[at] === "}") return at++, out;
    for (;;) {
      skip();
      const key = JSON.parse(match(STRING) ?? fail("expected a key")) as string;
      skip();
      if (src[at++] !== ":") fail("expected :");
      if (!Object.hasOwn(out, key)) keys.push(key);
      define(out, key, value(depth + 1));
      skip();
      if (src[at] === ",") at++;
      else if (src[at] === "}") break;
      else fail("expected , or }");
    }
    at++;
    keepKeyOrder(out, keys);
    return out;
  }

  const result = value(0);
  skip();
  if (at < src.length) fail("unexpected text after the value");
  return result;
}
