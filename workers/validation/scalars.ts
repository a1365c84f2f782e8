// str, bool, None and Any, with Pydantic's lax rules: a str is never made from a number, a bool
// is read from a few words and from 0 and 1, None is only None.
import { type Run, Schema } from "./core.ts";
import { rustPattern } from "./pattern.ts";
import type { TraceEnv } from "./tracer.ts";
import type { JsonValue, StringConstraints } from "./types.ts";
import { PyFloat, plain } from "./values.ts";

/** Python's len(): code points, not UTF-16 units. */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

export class StrSchema extends Schema<string> {
  /** "str", or "constrained-str" once it has a constraint, as pydantic-core names it. */
  readonly name: string;
  readonly regex: RegExp | undefined;
  constructor(
    env: TraceEnv | undefined,
    readonly constraints: StringConstraints,
  ) {
    super(env);
    this.name = Object.keys(constraints).length ? "constrained-str" : "str";
    this.regex = constraints.pattern === undefined ? undefined : rustPattern(constraints.pattern);
  }

  exec(input: unknown, run: Run): unknown {
    if (typeof input !== "string") return run.fail("string_type", input);
    const { minLength, maxLength, pattern } = this.constraints;
    // pydantic-core's order: min_length, max_length, pattern; the first failure is the only error.
    if (minLength !== undefined || maxLength !== undefined) {
      // A string's code points lie between half its UTF-16 length and its UTF-16 length.
      const sure = (minLength === undefined || input.length / 2 >= minLength) && (maxLength === undefined || input.length <= maxLength);
      if (!sure) {
        const length = codePoints(input);
        if (minLength !== undefined && length < minLength) return run.fail("string_too_short", input, { min_length: minLength });
        if (maxLength !== undefined && length > maxLength) return run.fail("string_too_long", input, { max_length: maxLength });
      }
    }
    if (this.regex && !this.regex.test(input)) return run.fail("string_pattern_mismatch", input, { pattern });
    return input;
  }
}

const TRUE_WORDS = new Set(["1", "on", "t", "true", "y", "yes"]);
const FALSE_WORDS = new Set(["0", "off", "f", "false", "n", "no"]);

export class BoolSchema extends Schema<boolean> {
  readonly name = "bool";

  exec(input: unknown, run: Run): unknown {
    if (typeof input === "boolean") return input;
    if (this.strictIn(run)) return run.fail("bool_type", input);
    let int: number | bigint | undefined;
    if (typeof input === "string") {
      const word = input.toLowerCase();
      if (TRUE_WORDS.has(word)) return run.lax(), true;
      if (FALSE_WORDS.has(word)) return run.lax(), false;
      return run.fail("bool_parsing", input);
    }
    if (typeof input === "bigint") int = input;
    else if (typeof input === "number" && Number.isInteger(input)) int = input;
    else if (input instanceof PyFloat) int = input.value;
    // A float with a fractional part is not a bool at all (bool_type), 2.0 is a bad one (bool_parsing).
    if (int === undefined) return run.fail("bool_type", input);
    if (int == 0 || int == 1) return run.lax(), int == 1;
    return run.fail("bool_parsing", input);
  }
}

export class NoneSchema extends Schema<null> {
  readonly name = "none";

  exec(input: unknown, run: Run): unknown {
    return input === null || input === undefined ? null : run.fail("none_required", input);
  }
}

export class AnySchema extends Schema<unknown> {
  readonly name = "any";

  exec(input: unknown): unknown {
    return input;
  }

  dumpValue(value: unknown): JsonValue {
    return dumpAny(value);
  }
}

/** JSON mode for a value no schema describes (Any, extra="allow"): floats' markers dropped. */
export function dumpAny(value: unknown): JsonValue {
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return plain(value) as JsonValue;
}
