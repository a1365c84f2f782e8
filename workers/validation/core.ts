// The engine's spine: a Schema validates one value within a Run (one validate call), which holds
// the errors found so far, the loc being visited, the strictness in force and, for smart unions,
// how exactly the value matched. Every Schema can also stand alone (Pydantic's TypeAdapter).
import { ValidationError, errorDetail } from "./errors.ts";
import type { NodeTracer, TraceEnv } from "./tracer.ts";
import { startTrace } from "./tracer.ts";
import type { CheckResult, ErrorDetail, JsonValue, Loc, Type, ValidateOptions } from "./types.ts";

/** What a Schema's exec returns when the value is invalid (its errors are in the Run). */
export const FAIL: unique symbol = Symbol("invalid");

// pydantic-core's Exactness, for smart unions: the best-matching member wins.
export const LAX = 0;
export const STRICT = 1;
export const EXACT = 2;

export class Run {
  readonly errors: ErrorDetail[] = [];
  /** The loc being visited, relative to the validation's start; containers push and pop. */
  readonly path: (string | number)[] = [];
  /** `validate(x, { strict })`: overrides every schema's own setting, as Pydantic's runtime strict. */
  readonly forceStrict: boolean | undefined;
  readonly fromAttributes: boolean;
  /** The enclosing model's ConfigDict(strict=...). */
  configStrict = false;
  exactness = EXACT;
  /** Fields given by the input of the last model validated: a smart union prefers more. */
  fieldsSet: number | undefined = undefined;
  readonly tracer: NodeTracer | undefined;

  constructor(forceStrict: boolean | undefined, fromAttributes: boolean, tracer: NodeTracer | undefined) {
    this.forceStrict = forceStrict;
    this.fromAttributes = fromAttributes;
    this.tracer = tracer;
  }

  /** Records an error at the current loc and returns FAIL. */
  fail(type: string, input: unknown, ctx?: Record<string, unknown>): typeof FAIL {
    this.errors.push(errorDetail(type, this.path, input, ctx));
    return FAIL;
  }

  lax(): void {
    if (this.exactness > LAX) this.exactness = LAX;
  }

  floor(exactness: number): void {
    if (this.exactness > exactness) this.exactness = exactness;
  }
}

export interface FieldSettings<T> {
  alias?: string;
  strict?: boolean;
  hasDefault: boolean;
  defaultValue?: T;
}

export abstract class Schema<T> implements Type<T> {
  declare readonly __output?: T;
  abstract readonly name: string;
  field: FieldSettings<T> = { hasDefault: false };
  /** Where a standalone validation reports; undefined means no trace, and no cost. */
  env: TraceEnv | undefined;

  constructor(env: TraceEnv | undefined) {
    this.env = env;
  }

  /** Validates `input` at the Run's current loc: the value, or FAIL with errors recorded. */
  abstract exec(input: unknown, run: Run): unknown;

  /** The value in JSON mode; a scalar's value already is (containers and models override). */
  dumpValue(value: T): JsonValue {
    return value as JsonValue;
  }

  /** exec, plus a trace event for this node when the Run is traced. */
  run(input: unknown, run: Run): unknown {
    return run.tracer === undefined ? this.exec(input, run) : run.tracer.node(this, input, run);
  }

  strictIn(run: Run): boolean {
    return run.forceStrict ?? this.field.strict ?? run.configStrict;
  }

  protected copy(field: Partial<FieldSettings<T>>): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.assign(copy, this);
    copy.field = { ...this.field, ...field };
    return copy;
  }

  default(value: T): this {
    return this.copy({ hasDefault: true, defaultValue: value });
  }

  alias(alias: string): this {
    return this.copy({ alias: String(alias) });
  }

  strict(strict = true): this {
    return this.copy({ strict: Boolean(strict) });
  }

  /** Applies the options every factory takes (alias, strict, default). */
  withOptions(options: { alias?: string; strict?: boolean; default?: T } | undefined): this {
    if (!options) return this;
    const field: Partial<FieldSettings<T>> = {};
    if (options.alias !== undefined) field.alias = String(options.alias);
    if (options.strict !== undefined) field.strict = Boolean(options.strict);
    if ("default" in options) Object.assign(field, { hasDefault: true, defaultValue: options.default });
    return this.copy(field);
  }

  check(input: unknown, options?: ValidateOptions): CheckResult<T> {
    const tracer = this.env ? startTrace(this.env, this, input) : undefined;
    const run = new Run(options?.strict, options?.fromAttributes ?? false, tracer);
    const value = this.run(input, run);
    const prefix: Loc = options?.loc ?? [];
    tracer?.end(run.errors);
    if (run.errors.length === 0) return { ok: true, value: value as T };
    if (prefix.length) for (const error of run.errors) error.loc = [...prefix, ...error.loc];
    return { ok: false, errors: run.errors };
  }

  validate(input: unknown, options?: ValidateOptions): T {
    const result = this.check(input, options);
    if (result.ok) return result.value;
    throw new ValidationError(this.name, result.errors);
  }

  dump(value: T): JsonValue {
    return this.dumpValue(value);
  }
}

/** Runs `schema` on `input` with `key` pushed onto the loc. */
export function runAt(schema: Schema<unknown>, input: unknown, key: string | number, run: Run): unknown {
  run.path.push(key);
  const value = schema.run(input, run);
  run.path.pop();
  return value;
}
