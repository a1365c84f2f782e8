// Pydantic's error texts (pydantic-core's ErrorType messages, 2.46) and ValidationError, whose
// message is Python's str(ValidationError) without the documentation URLs.
import type { ErrorDetail, Loc } from "./types.ts";
import { pythonRepr, pythonType } from "./values.ts";

type Ctx = Record<string, unknown> | undefined;
const s = (n: unknown) => (n === 1 ? "" : "s");
const num = (n: unknown) => String(n);

const MESSAGES: Record<string, (ctx: Ctx) => string> = {
  missing: () => "Field required",
  extra_forbidden: () => "Extra inputs are not permitted",
  none_required: () => "Input should be None",
  int_type: () => "Input should be a valid integer",
  int_parsing: () => "Input should be a valid integer, unable to parse string as an integer",
  int_from_float: () => "Input should be a valid integer, got a number with a fractional part",
  int_parsing_size: () => "Unable to parse input string as an integer, exceeded maximum size",
  finite_number: () => "Input should be a finite number",
  float_type: () => "Input should be a valid number",
  float_parsing: () => "Input should be a valid number, unable to parse string as a number",
  bool_type: () => "Input should be a valid boolean",
  bool_parsing: () => "Input should be a valid boolean, unable to interpret input",
  string_type: () => "Input should be a valid string",
  string_too_short: (c) => `String should have at least ${num(c!.min_length)} character${s(c!.min_length)}`,
  string_too_long: (c) => `String should have at most ${num(c!.max_length)} character${s(c!.max_length)}`,
  string_pattern_mismatch: (c) => `String should match pattern '${String(c!.pattern)}'`,
  greater_than: (c) => `Input should be greater than ${num(c!.gt)}`,
  greater_than_equal: (c) => `Input should be greater than or equal to ${num(c!.ge)}`,
  less_than: (c) => `Input should be less than ${num(c!.lt)}`,
  less_than_equal: (c) => `Input should be less than or equal to ${num(c!.le)}`,
  multiple_of: (c) => `Input should be a multiple of ${num(c!.multiple_of)}`,
  list_type: () => "Input should be a valid list",
  tuple_type: () => "Input should be a valid tuple",
  dict_type: () => "Input should be a valid dictionary",
  too_short: (c) =>
    `${String(c!.field_type)} should have at least ${num(c!.min_length)} item${s(c!.min_length)} after validation, not ${num(c!.actual_length)}`,
  too_long: (c) =>
    `${String(c!.field_type)} should have at most ${num(c!.max_length)} item${s(c!.max_length)} after validation, not ${num(c!.actual_length)}`,
  model_type: (c) => `Input should be a valid dictionary or instance of ${String(c!.class_name)}`,
  model_attributes_type: () => "Input should be a valid dictionary or object to extract fields from",
  literal_error: (c) => `Input should be ${String(c!.expected)}`,
  enum: (c) => `Input should be ${String(c!.expected)}`,
  is_instance_of: (c) => `Input should be an instance of ${String(c!.class)}`,
  union_tag_invalid: (c) =>
    `Input tag '${String(c!.tag)}' found using ${String(c!.discriminator)} does not match any of the expected tags: ${String(c!.expected_tags)}`,
  union_tag_not_found: (c) => `Unable to extract tag using discriminator ${String(c!.discriminator)}`,
  value_error: (c) => `Value error, ${String(c!.error)}`,
  datetime_type: () => "Input should be a valid datetime",
  datetime_parsing: (c) => `Input should be a valid datetime, ${String(c!.error)}`,
  datetime_from_date_parsing: (c) => `Input should be a valid datetime or date, ${String(c!.error)}`,
  date_type: () => "Input should be a valid date",
  date_parsing: (c) => `Input should be a valid date in the format YYYY-MM-DD, ${String(c!.error)}`,
  date_from_datetime_parsing: (c) => `Input should be a valid date or datetime, ${String(c!.error)}`,
  date_from_datetime_inexact: () => "Datetimes provided to dates should have zero time - e.g. be exact dates",
  uuid_type: () => "UUID input should be a string, bytes or UUID object",
  uuid_parsing: (c) => `Input should be a valid UUID, ${String(c!.error)}`,
  // FastAPI's own, for a body that is not JSON.
  json_invalid: () => "JSON decode error",
};

/** The message Pydantic gives an error of this type with this ctx. */
export function messageFor(type: string, ctx?: Record<string, unknown>): string {
  const message = MESSAGES[type];
  if (!message) throw new Error(`unknown validation error type ${type}`);
  return message(ctx);
}

/** An error as errors() lists it: loc copied, ctx only when Pydantic gives one. */
export function errorDetail(type: string, loc: Loc, input: unknown, ctx?: Record<string, unknown>): ErrorDetail {
  const detail: ErrorDetail = { type, loc: [...loc], msg: messageFor(type, ctx), input };
  if (ctx) detail.ctx = ctx;
  return detail;
}

/**
 * pydantic-core cuts an input's repr longer than 50 UTF-8 bytes to its first 25 and last 24
 * bytes around "...", on character boundaries (write_truncated_to_limited_bytes).
 */
function truncated(text: string): string {
  const utf8 = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
  const chars = [...text];
  const sizes = chars.map((c) => utf8(c.codePointAt(0)!));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total <= 50) return text;
  let head = "";
  for (let i = 0, at = 0; i < chars.length && at + sizes[i] <= 25; at += sizes[i], i++) head += chars[i];
  let tail = "";
  for (let i = chars.length - 1, at = total; i >= 0 && at - sizes[i] >= total - 24; at -= sizes[i], i--) tail = chars[i] + tail;
  return `${head}...${tail}`;
}

function lineOf(error: ErrorDetail): string {
  const loc = error.loc.length ? `${error.loc.map(String).join(".")}\n` : "";
  return `${loc}  ${error.msg} [type=${error.type}, input_value=${truncated(pythonRepr(error.input))}, input_type=${pythonType(error.input)}]`;
}

/** str(ValidationError): "<n> validation error(s) for <title>", then each error's loc and message. */
export function formatErrors(title: string, errors: readonly ErrorDetail[]): string {
  const head = `${errors.length} validation error${errors.length === 1 ? "" : "s"} for ${title}`;
  return [head, ...errors.map(lineOf)].join("\n");
}

export class ValidationError extends Error {
  readonly title: string;
  readonly #errors: readonly ErrorDetail[];
  constructor(title: string, errors: readonly ErrorDetail[]) {
    super(formatErrors(title, errors));
    // Defined, not assigned: in a locked-down realm Error.prototype.name is frozen.
    Object.defineProperty(this, "name", { value: "ValidationError", configurable: true, writable: true });
    this.title = title;
    this.#errors = errors;
  }
  /** A fresh copy each call, so a caller's edits do not reach later readers. */
  errors(): ErrorDetail[] {
    return this.#errors.map((e) => ({ ...e, loc: [...e.loc], ...(e.ctx ? { ctx: { ...e.ctx } } : {}) }));
  }
  errorCount(): number {
    return this.#errors.length;
  }
}
