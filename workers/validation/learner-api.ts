// What `import … from "playground/validation"` gives lesson code: models that validate as
// Pydantic v2 (2.13) does in its default lax mode — the same coercions, the same errors word for
// word, in the same order. Only the types live here; playground.ts is the runtime.
import type {
  EnumType,
  ErrorDetail,
  FieldOptions,
  Fields,
  Infer,
  LengthConstraints,
  LiteralValue,
  Model,
  ModelConfig,
  NumberConstraints,
  StringConstraints,
  Type,
} from "./types.ts";

export type {
  CheckResult,
  EnumType,
  ErrorDetail,
  FieldOptions,
  FieldValidator,
  Fields,
  Infer,
  JsonValue,
  LengthConstraints,
  LiteralValue,
  Loc,
  Model,
  ModelConfig,
  ModelValue,
  NumberConstraints,
  StringConstraints,
  Type,
  ValidateOptions,
} from "./types.ts";

/** Pydantic's ValidationError: every problem found, listed by `errors()`; `message` is its str(). */
export declare class ValidationError extends Error {
  /** Thrown from a validator, its errors are reported under the field's loc. */
  constructor(title: string, errors: readonly ErrorDetail[]);
  /** The model's name (or the type's, for a lone type), as the first line of the message says. */
  readonly title: string;
  errors(): ErrorDetail[];
  errorCount(): number;
}

/**
 * A model (a BaseModel subclass): fields in order, each a type. `validate` returns a plain object
 * whose keys are the field names, or throws ValidationError.
 */
export declare function model<const F extends Fields>(name: string, fields: F, config?: ModelConfig<F>): Model<F>;

/** Python's int: "42" → 42, 4.0 → 4 and True → 1 (lax), 4.5 is an error. Beyond 2^53 a value is a bigint. */
export declare function int(options?: NumberConstraints & FieldOptions<number>): Type<number>;
/** Python's float: "4.5" → 4.5, 4 → 4 (a float), "inf"/"nan" accepted as Python does. */
export declare function float(options?: NumberConstraints & FieldOptions<number>): Type<number>;
export declare function str(options?: StringConstraints & FieldOptions<string>): Type<string>;
/** Python's bool: "yes"/"on"/"1"/"true"/1 → true, "no"/"off"/"0"/"false"/0 → false. */
export declare function bool(options?: FieldOptions<boolean>): Type<boolean>;
/** Python's None: only null. */
export declare function none(options?: FieldOptions<null>): Type<null>;
/** Anything, unchanged (typing.Any). */
export declare function any(options?: FieldOptions<unknown>): Type<unknown>;

export declare function list<T>(item: Type<T>, options?: LengthConstraints & FieldOptions<T[]>): Type<T[]>;
/** dict[K, V]; a key that fails adds "[key]" to the loc. Keys are strings or ints. */
export declare function dict<K extends string | number, V>(
  key: Type<K>,
  value: Type<V>,
  options?: LengthConstraints & FieldOptions<Record<K, V>>,
): Type<Record<K, V>>;
/** A fixed tuple, tuple[int, str]: an array of exactly these items. */
export declare function tuple<const T extends readonly Type<unknown>[]>(
  items: T,
  options?: FieldOptions<{ -readonly [I in keyof T]: Infer<T[I]> }>,
): Type<{ -readonly [I in keyof T]: Infer<T[I]> }>;
/** A variable tuple, tuple[int, ...]. */
export declare function tupleOf<T>(item: Type<T>, options?: LengthConstraints & FieldOptions<T[]>): Type<T[]>;

/** T | None, required (Optional[T] without a default). */
export declare function nullable<T>(type: Type<T>): Type<T | null>;
/** T | None = None: may be left out, then null. */
export declare function optional<T>(type: Type<T>): Type<T | null>;
/** Union[...] in smart mode; a none() member makes it nullable, as `int | str | None`. */
export declare function union<const T extends readonly Type<unknown>[]>(...members: T): Type<Infer<T[number]>>;
/** A tagged union of models, Field(discriminator=...): `field` is a literal field of every member. */
export declare function discriminatedUnion<const T extends readonly Model<Fields>[]>(
  field: string,
  members: T,
): Type<Infer<T[number]>>;
/** Literal[...]: one of these values (True is not 1 here, as in Pydantic). */
export declare function literal<const V extends readonly LiteralValue[]>(...values: V): Type<V[number]>;
/** A string Enum: `enumOf("Color", { RED: "red", GREEN: "green" })`; validates to the value. */
export declare function enumOf<const M extends Record<string, string>>(name: string, members: M): EnumType<M>;

/** datetime.datetime from ISO 8601 text or Unix seconds/milliseconds; the value is its ISO text as Pydantic dumps it. */
export declare function datetime(options?: FieldOptions<string>): Type<string>;
/** datetime.date from "YYYY-MM-DD" (or an exact midnight); the value is "YYYY-MM-DD". */
export declare function date(options?: FieldOptions<string>): Type<string>;
/** uuid.UUID from its text (any case, hyphens or not); the value is lowercase and hyphenated. */
export declare function uuid(options?: FieldOptions<string>): Type<string>;

/**
 * Python's json.loads: as JSON.parse, except that a number written with "." or an exponent stays
 * a float (4.0 is a float, so an `int({ strict: true })` rejects it) and ints beyond 2^53 are
 * bigints. Use it to pass exactly what Python would have parsed.
 */
export declare function loads(text: string): unknown;
/** The number as a Python float, for an integral value that must not read as an int: asFloat(4) is 4.0. */
export declare function asFloat(value: number): unknown;
