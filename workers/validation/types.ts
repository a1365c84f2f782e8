// The public shape of the validation engine: what a type, a model and an error look like to the
// code that uses them (learners through learner-api.ts, the web engine through index.ts). Values
// are plain JavaScript; Python's distinctions that JavaScript lacks are spelled out here.

/** A position in the input: field names, dict keys and list indexes, as Pydantic's `loc`. */
export type Loc = readonly (string | number)[];

/** One problem, as one element of Pydantic's `ValidationError.errors()` (URLs left out). */
export interface ErrorDetail {
  type: string;
  loc: (string | number)[];
  msg: string;
  /** The value found at `loc` (for `missing`, the object the field was missing from). */
  input: unknown;
  ctx?: Record<string, unknown>;
}

/** What `check` answers: the value, or every error Pydantic would list, in its order. */
export type CheckResult<T> = { ok: true; value: T } | { ok: false; errors: ErrorDetail[] };

export interface ValidateOptions {
  /** Prepended to every error's loc, as FastAPI prepends ["body", "item"] or ["query", "limit"]. */
  loc?: Loc;
  /** Validate as Pydantic's strict mode (no coercion), as `model_validate(x, strict=True)`. */
  strict?: boolean;
  /**
   * As `model_validate(x, from_attributes=True)`, which FastAPI uses for a body: a model given
   * something that is not an object says `model_attributes_type` rather than `model_type`.
   */
  fromAttributes?: boolean;
}

export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A type: how to validate one value. Every type can validate on its own (Pydantic's TypeAdapter)
 * and can be a model's field, where `alias`, `strict` and a default apply.
 */
export interface Type<T> {
  /** Phantom: the type of a validated value, for Infer. Never set. */
  readonly __output?: T;
  /** The type as Pydantic writes it in a union member's tag: "int", "list[int]", "Address". */
  readonly name: string;
  /** A copy whose field is optional: when absent this value is used (not validated, as Pydantic). */
  default(value: T): this;
  /** A copy whose field is read from `alias` in the input (Field(alias=...)). */
  alias(alias: string): this;
  /** A copy that validates in strict mode (Field(strict=True)): no coercion. */
  strict(strict?: boolean): this;
  /** The validated value, or throws ValidationError with every problem. */
  validate(input: unknown, options?: ValidateOptions): T;
  /** As validate, without throwing. */
  check(input: unknown, options?: ValidateOptions): CheckResult<T>;
  /** The value in JSON mode, as model_dump(mode="json") / TypeAdapter.dump_python(mode="json"). */
  dump(value: T): JsonValue;
}

/** The type of the values a Type validates to. */
export type Infer<S> = S extends Type<infer T> ? T : never;

/** Options every factory takes for the field it will be (equivalent to the methods on Type). */
export interface FieldOptions<T> {
  alias?: string;
  strict?: boolean;
  default?: T;
}

export interface NumberConstraints {
  gt?: number;
  ge?: number;
  lt?: number;
  le?: number;
  multipleOf?: number;
}

export interface StringConstraints {
  /** Counted in Unicode code points, as Python's len(). */
  minLength?: number;
  maxLength?: number;
  /**
   * Searched for anywhere in the string (anchor it with ^…$), as Pydantic's Rust regex. Run here
   * by JavaScript's RegExp with the `u` flag: the common syntax agrees, look-arounds (which Rust
   * refuses) are accepted here.
   */
  pattern?: string;
}

export interface LengthConstraints {
  minLength?: number;
  maxLength?: number;
}

export type Fields = Record<string, Type<unknown>>;

/** A validated model: a plain object whose keys are the field names, in definition order. */
export type ModelValue<F extends Fields> = { -readonly [K in keyof F]: Infer<F[K]> };

/** An after field validator: returns the (possibly changed) value, or throws to reject it. */
export type FieldValidator<T> = (value: T, info: { field: string; data: Record<string, unknown> }) => T;

export interface ModelConfig<F extends Fields> {
  /** Unknown keys: dropped ("ignore", the default), errors ("forbid") or kept after the fields ("allow"). */
  extra?: "ignore" | "forbid" | "allow";
  /** A field with an alias may also be given by its name. */
  populateByName?: boolean;
  /** ConfigDict(strict=True) for every field. */
  strict?: boolean;
  /**
   * @field_validator(name, mode="after"): runs once the field's own validation succeeded. An
   * Error thrown becomes `value_error` "Value error, <message>"; a thrown ValidationError keeps
   * its errors.
   */
  fieldValidators?: { [K in keyof F]?: FieldValidator<Infer<F[K]>> };
  /** @model_validator(mode="after"): run in order once every field is valid. */
  modelValidators?: readonly ((value: ModelValue<F>) => ModelValue<F>)[];
}

export interface Model<F extends Fields> extends Type<ModelValue<F>> {
  readonly fields: F;
}

/** A string enum (a Python Enum whose values are strings); values validate to the member's value. */
export interface EnumType<M extends Record<string, string>> extends Type<M[keyof M]> {
  readonly members: Readonly<M>;
}

export type LiteralValue = string | number | boolean | null;
