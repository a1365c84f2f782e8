// int and float, with Pydantic's lax coercions (pydantic-core's input_python.rs and
// shared.rs: str_as_int, float_as_int) and the numeric constraints in pydantic-core's order:
// multiple_of, le, lt, ge, gt — the first that fails is the only error.
import { FAIL, type Run, STRICT, Schema } from "./core.ts";
import type { TraceEnv } from "./tracer.ts";
import type { JsonValue, NumberConstraints } from "./types.ts";
import { PyFloat } from "./values.ts";

// Rust's str::parse::<i64> after trim, plus Python's underscores between digits.
const INT_TEXT = /^[+-]?\d+(?:_\d+)*$/;
// Rust's f64 parser: decimal, exponent, inf/infinity/nan in any case; no hex, no underscores.
const FLOAT_TEXT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i;
// Python refuses int texts longer than this (sys.int_info.default_max_str_digits).
const MAX_INT_TEXT = 4300;
const I64_LIMIT = 2 ** 63;

type Num = number | bigint;

/**
 * pydantic-core's str_as_float: the trimmed text as Rust parses an f64, else the text with its
 * underscores removed (single ones between characters, and then not trimmed).
 */
function floatText(input: string): string | undefined {
  const trimmed = input.trim();
  if (FLOAT_TEXT.test(trimmed)) return trimmed;
  if (input.startsWith("_") || input.endsWith("_") || !input.includes("_") || input.includes("__")) return undefined;
  const stripped = input.replaceAll("_", "");
  return FLOAT_TEXT.test(stripped) ? stripped : undefined;
}

function intFromText(text: string): Num | undefined {
  let t = text;
  if (!INT_TEXT.test(t)) {
    // "4.0" and "4.000" are ints (clean_int_str); "4.5" and "4." are not.
    const dot = t.indexOf(".");
    if (dot < 0 || !/^0+$/.test(t.slice(dot + 1)) || !INT_TEXT.test(t.slice(0, dot))) return undefined;
    t = t.slice(0, dot);
  }
  t = t.replaceAll("_", "");
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : BigInt(t);
}

/** A JSON-ish number's Python type: an integral JS number is an int, unless it is a PyFloat. */
const floatValue = (input: unknown): number | undefined =>
  input instanceof PyFloat ? input.value : typeof input === "number" && !Number.isInteger(input) ? input : undefined;

function checkConstraints(value: Num, input: unknown, c: NumberConstraints, run: Run): unknown {
  const v = Number(value);
  if (c.multipleOf !== undefined && !isMultiple(value, c.multipleOf)) return run.fail("multiple_of", input, { multiple_of: c.multipleOf });
  if (c.le !== undefined && !(v <= c.le)) return run.fail("less_than_equal", input, { le: c.le });
  if (c.lt !== undefined && !(v < c.lt)) return run.fail("less_than", input, { lt: c.lt });
  if (c.ge !== undefined && !(v >= c.ge)) return run.fail("greater_than_equal", input, { ge: c.ge });
  if (c.gt !== undefined && !(v > c.gt)) return run.fail("greater_than", input, { gt: c.gt });
  return value;
}

function isMultiple(value: Num, of: number): boolean {
  if (typeof value === "bigint" && Number.isInteger(of)) return value % BigInt(of) === 0n;
  const v = Number(value);
  if (Number.isInteger(v) && Number.isInteger(of)) return v % of === 0;
  // pydantic-core's float check: the remainder within |value| / 1e9 of 0 or of the divisor.
  const rem = v % of;
  const threshold = Math.abs(v) / 1e9;
  return !(Math.abs(rem) > threshold && Math.abs(rem - of) > threshold);
}

abstract class NumberSchema extends Schema<number> {
  /** "int", or "constrained-int" once it has a constraint, as pydantic-core names it (a union member's tag). */
  readonly name: string;
  constructor(
    env: TraceEnv | undefined,
    readonly constraints: NumberConstraints,
    type: "int" | "float",
  ) {
    super(env);
    this.name = Object.keys(constraints).length ? `constrained-${type}` : type;
  }
}

export class IntSchema extends NumberSchema {
  constructor(env: TraceEnv | undefined, constraints: NumberConstraints) {
    super(env, constraints, "int");
  }

  exec(input: unknown, run: Run): unknown {
    let value: Num;
    if (typeof input === "number" && Number.isInteger(input)) value = input;
    else if (typeof input === "bigint") value = input;
    else if (this.strictIn(run)) return run.fail("int_type", input);
    else {
      const f = floatValue(input);
      if (f !== undefined) {
        if (!Number.isFinite(f)) return run.fail("finite_number", input);
        if (!Number.isInteger(f)) return run.fail("int_from_float", input);
        if (Math.abs(f) >= I64_LIMIT) return run.fail("int_parsing_size", input);
        value = f;
      } else if (typeof input === "string") {
        const text = input.trim();
        if ([...text].length > MAX_INT_TEXT) return run.fail("int_parsing_size", input);
        const parsed = intFromText(text);
        if (parsed === undefined) return run.fail("int_parsing", input);
        value = parsed;
      } else if (typeof input === "boolean") value = input ? 1 : 0;
      else return run.fail("int_type", input);
      run.lax();
    }
    return checkConstraints(value, input, this.constraints, run);
  }
}

export class FloatSchema extends NumberSchema {
  constructor(env: TraceEnv | undefined, constraints: NumberConstraints) {
    super(env, constraints, "float");
  }

  exec(input: unknown, run: Run): unknown {
    let value: number;
    if (typeof input === "number") {
      value = input;
      // An int is accepted even in strict mode, but is not an exact float (smart unions).
      if (Number.isInteger(input)) run.floor(STRICT);
    } else if (input instanceof PyFloat) value = input.value;
    else if (typeof input === "bigint") {
      value = Number(input);
      run.floor(STRICT);
    } else if (this.strictIn(run)) return run.fail("float_type", input);
    else if (typeof input === "string") {
      const text = floatText(input);
      if (text === undefined) return run.fail("float_parsing", input);
      const lower = text.toLowerCase().replace(/^[+-]/, "");
      value = lower.startsWith("inf") ? (text.startsWith("-") ? -Infinity : Infinity) : lower === "nan" ? NaN : Number(text);
      run.lax();
    } else if (typeof input === "boolean") {
      value = input ? 1 : 0;
      run.lax();
    } else return run.fail("float_type", input);
    const checked = checkConstraints(value, input, this.constraints, run);
    return checked === FAIL ? FAIL : value;
  }

  dumpValue(value: number): JsonValue {
    // model_dump_json writes NaN and ±Infinity as null.
    return Number.isFinite(value) ? value : null;
  }
}
