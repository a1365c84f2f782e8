// Path, query and header parameters: how they are declared, found in the request and converted
// with Pydantic v2's lax rules and error messages (only the scalar types and numeric bounds a
// route needs; the full validation engine is `workers/validation`). Every error is collected,
// with its location, before the endpoint would run, as FastAPI does.
import type { ValidationErrorItem } from "./errors";
import type { HTTPConnection } from "./connection";

export type ScalarType = "str" | "int" | "float" | "bool";
export type ParamType = ScalarType | `list[${ScalarType}]`;

export interface ParamSpec {
  /** "str" when absent. */
  type?: ParamType;
  /** Present means optional; this value is used when the parameter is absent (it is not validated). */
  default?: unknown;
  /** The name in the request; headers default to the name with "_" turned into "-". */
  alias?: string;
  gt?: number;
  ge?: number;
  lt?: number;
  le?: number;
  description?: string;
}

export type ParamLocation = "path" | "query" | "header";

export interface ParamField {
  name: string;
  location: ParamLocation;
  alias: string;
  spec: ParamSpec;
}

type ScalarValue<T> = T extends "int" | "float" ? number : T extends "bool" ? boolean : string;
type TypeValue<T> = T extends `list[${infer I}]` ? ScalarValue<I>[] : ScalarValue<T>;
type DefaultValue<S> = S extends { default: infer D } ? D : never;
export type ParamValue<S> = (S extends { type: infer T } ? TypeValue<T> : string) | DefaultValue<S>;
export type ParamValues<R> = R extends Record<string, ParamSpec> ? { [K in keyof R]: ParamValue<R[K]> } : unknown;

export interface ParamDecl {
  path?: Record<string, ParamSpec>;
  query?: Record<string, ParamSpec>;
  headers?: Record<string, ParamSpec>;
}

/** FastAPI's order: path parameters, then query, then headers, each in declaration order. */
export function paramFields(decl: ParamDecl): ParamField[] {
  const fields: ParamField[] = [];
  const groups = [["path", decl.path], ["query", decl.query], ["header", decl.headers]] as const;
  for (const [location, specs] of groups) {
    for (const [name, spec] of Object.entries(specs ?? {})) {
      const alias = spec.alias ?? (location === "header" ? name.replaceAll("_", "-") : name);
      fields.push({ name, location, alias, spec });
    }
  }
  return fields;
}

type Result = { ok: true; value: unknown } | { ok: false; error: Omit<ValidationErrorItem, "loc"> };

/** An error item in FastAPI's key order (type, loc, msg, input, ctx), as a learner reads the 422 body. */
function errorAt({ type, ...rest }: Omit<ValidationErrorItem, "loc">, loc: ValidationErrorItem["loc"]): ValidationErrorItem {
  return { type, loc, ...rest };
}

export function extractParams(fields: ParamField[], connection: HTTPConnection): { values: Record<string, unknown>; errors: ValidationErrorItem[] } {
  const values: Record<string, unknown> = {};
  const errors: ValidationErrorItem[] = [];
  for (const field of fields) {
    const type = field.spec.type ?? "str";
    const isList = type.startsWith("list[");
    const raw = rawValue(field, isList, connection);
    const loc = [field.location, field.alias];
    if (raw === undefined) {
      if ("default" in field.spec) values[field.name] = copyDefault(field.spec.default);
      else errors.push({ type: "missing", loc, msg: "Field required", input: null });
      continue;
    }
    if (isList) {
      const itemType = type.slice(5, -1) as ScalarType;
      const items: unknown[] = [];
      (raw as unknown[]).forEach((item, i) => {
        const r = validateScalar(item, itemType, field.spec);
        if (r.ok) items.push(r.value);
        else errors.push(errorAt(r.error, [...loc, i]));
      });
      values[field.name] = items;
      continue;
    }
    const r = validateScalar(raw, type as ScalarType, field.spec);
    if (r.ok) values[field.name] = r.value;
    else errors.push(errorAt(r.error, loc));
  }
  return { values, errors };
}

function rawValue(field: ParamField, isList: boolean, connection: HTTPConnection): unknown {
  if (field.location === "path") {
    const params = connection.pathParams;
    return field.alias in params ? params[field.alias] : undefined;
  }
  const source = field.location === "query" ? connection.queryParams : connection.headers;
  if (isList) {
    const all = source.getAll(field.alias);
    return all.length > 0 ? all : undefined;
  }
  return source.get(field.alias) ?? undefined;
}

function copyDefault(value: unknown): unknown {
  return Array.isArray(value) ? [...value] : value;
}

export function validateScalar(input: unknown, type: ScalarType, bounds: ParamSpec = {}): Result {
  const converted = convert(input, type);
  if (!converted.ok || (type !== "int" && type !== "float")) return converted;
  return checkBounds(converted.value as number, input, bounds) ?? converted;
}

const fail = (type: string, msg: string, input: unknown, ctx?: Record<string, unknown>): Result => ({
  ok: false,
  error: ctx ? { type, msg, input, ctx } : { type, msg, input },
});

function convert(input: unknown, type: ScalarType): Result {
  switch (type) {
    case "str":
      return typeof input === "string" ? { ok: true, value: input } : fail("string_type", "Input should be a valid string", input);
    case "int":
      return toInt(input);
    case "float":
      return toFloat(input);
    case "bool":
      return toBool(input);
  }
}

const INT_TEXT = /^[+-]?\d+(_\d+)*$/;
const INT_WITH_ZERO_FRACTION = /^([+-]?\d+(_\d+)*)\.0*$/;

function toInt(input: unknown): Result {
  const parsing = () => fail("int_parsing", "Input should be a valid integer, unable to parse string as an integer", input);
  if (typeof input === "string") {
    const text = input.trim();
    const whole = INT_TEXT.test(text) ? text : INT_WITH_ZERO_FRACTION.exec(text)?.[1];
    return whole === undefined ? parsing() : { ok: true, value: Number(whole.replaceAll("_", "")) };
  }
  if (typeof input === "boolean") return { ok: true, value: input ? 1 : 0 };
  if (typeof input === "number") {
    if (Number.isInteger(input)) return { ok: true, value: input };
    if (Number.isFinite(input)) return fail("int_from_float", "Input should be a valid integer, got a number with a fractional part", input);
    return fail("finite_number", "Input should be a finite number", input);
  }
  return fail("int_type", "Input should be a valid integer", input);
}

const FLOAT_TEXT = /^[+-]?((\d+(_\d+)*)(\.(\d+(_\d+)*)?)?|\.\d+(_\d+)*)([eE][+-]?\d+(_\d+)*)?$/;
const FLOAT_SPECIAL = /^[+-]?(inf|infinity|nan)$/i;

function toFloat(input: unknown): Result {
  if (typeof input === "string") {
    const text = input.trim();
    if (FLOAT_TEXT.test(text)) return { ok: true, value: Number(text.replaceAll("_", "")) };
    if (FLOAT_SPECIAL.test(text)) {
      const lower = text.toLowerCase();
      return { ok: true, value: lower.includes("nan") ? NaN : lower.startsWith("-") ? -Infinity : Infinity };
    }
    return fail("float_parsing", "Input should be a valid number, unable to parse string as a number", input);
  }
  if (typeof input === "number") return { ok: true, value: input };
  if (typeof input === "boolean") return { ok: true, value: input ? 1 : 0 };
  return fail("float_type", "Input should be a valid number", input);
}

const TRUE_TEXT = new Set(["1", "on", "t", "true", "y", "yes"]);
const FALSE_TEXT = new Set(["0", "off", "f", "false", "n", "no"]);

function toBool(input: unknown): Result {
  const parsing = () => fail("bool_parsing", "Input should be a valid boolean, unable to interpret input", input);
  if (typeof input === "boolean") return { ok: true, value: input };
  if (typeof input === "string") {
    const text = input.toLowerCase();
    if (TRUE_TEXT.has(text)) return { ok: true, value: true };
    if (FALSE_TEXT.has(text)) return { ok: true, value: false };
    return parsing();
  }
  if (typeof input === "number") {
    if (input === 1) return { ok: true, value: true };
    if (input === 0) return { ok: true, value: false };
    return Number.isInteger(input) ? parsing() : fail("bool_type", "Input should be a valid boolean", input);
  }
  return fail("bool_type", "Input should be a valid boolean", input);
}

function checkBounds(value: number, input: unknown, b: ParamSpec): Result | undefined {
  if (b.gt !== undefined && !(value > b.gt)) return fail("greater_than", `Input should be greater than ${b.gt}`, input, { gt: b.gt });
  if (b.ge !== undefined && !(value >= b.ge)) return fail("greater_than_equal", `Input should be greater than or equal to ${b.ge}`, input, { ge: b.ge });
  if (b.lt !== undefined && !(value < b.lt)) return fail("less_than", `Input should be less than ${b.lt}`, input, { lt: b.lt });
  if (b.le !== undefined && !(value <= b.le)) return fail("less_than_equal", `Input should be less than or equal to ${b.le}`, input, { le: b.le });
  return undefined;
}
