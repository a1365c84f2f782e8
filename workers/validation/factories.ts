// The functions a learner (or the web engine) builds types with. They are made per run by
// `validationFactories(env)`, so every type remembers where its validations report; without an
// env (index.ts, tests, the bench) nothing is traced and nothing is paid for it.
import { Schema } from "./core.ts";
import { EnumSchema, LiteralSchema } from "./choices.ts";
import { DictSchema, ListSchema, TupleSchema } from "./containers.ts";
import { ValidationError } from "./errors.ts";
import { loads } from "./loads.ts";
import { ModelSchema } from "./model.ts";
import { FloatSchema, IntSchema } from "./numbers.ts";
import { AnySchema, BoolSchema, NoneSchema, StrSchema } from "./scalars.ts";
import { DateSchema, DateTimeSchema } from "./temporal.ts";
import type { TraceEnv } from "./tracer.ts";
import type * as LearnerApi from "./learner-api.ts";
import type { FieldOptions, Fields, LengthConstraints, NumberConstraints, StringConstraints, Type } from "./types.ts";
import { NullableSchema, TaggedUnionSchema, UnionSchema } from "./unions.ts";
import { UuidSchema } from "./uuid.ts";
import { asFloat } from "./values.ts";

const schemaOf = <T>(type: Type<T>): Schema<T> => {
  if (!(type instanceof Schema)) throw new TypeError("expected a type made by playground/validation (int(), str(), model(), …)");
  return type as Schema<T>;
};

const numberConstraints = (o: NumberConstraints | undefined): NumberConstraints => {
  const c: NumberConstraints = {};
  for (const key of ["gt", "ge", "lt", "le", "multipleOf"] as const) {
    if (o?.[key] !== undefined) c[key] = Number(o[key]);
  }
  return c;
};

const lengthConstraints = (o: LengthConstraints | undefined): LengthConstraints => {
  const c: LengthConstraints = {};
  if (o?.minLength !== undefined) c.minLength = Number(o.minLength);
  if (o?.maxLength !== undefined) c.maxLength = Number(o.maxLength);
  return c;
};

export function validationFactories(env: TraceEnv | undefined): typeof LearnerApi {
  const field = <T, S extends Schema<T>>(schema: S, options: FieldOptions<T> | undefined): S => schema.withOptions(options);

  const union = (...members: Type<unknown>[]) => {
    const schemas = members.map(schemaOf);
    const nonNull = schemas.filter((s) => !(s instanceof NoneSchema));
    if (nonNull.length === 0) return schemas[0] ?? new NoneSchema(env);
    const inner = nonNull.length === 1 ? nonNull[0] : new UnionSchema(env, nonNull);
    return nonNull.length < schemas.length ? new NullableSchema(env, inner) : inner;
  };

  return {
    ValidationError,
    model: (name, fields, config) => {
      for (const key of Object.keys(fields)) schemaOf(fields[key]);
      return new ModelSchema(env, String(name), fields, config ?? {});
    },
    int: (options) => field(new IntSchema(env, numberConstraints(options)), options),
    float: (options) => field(new FloatSchema(env, numberConstraints(options)), options),
    str: (options) => {
      const c: StringConstraints = lengthConstraints(options);
      if (options?.pattern !== undefined) c.pattern = String(options.pattern);
      return field(new StrSchema(env, c), options);
    },
    bool: (options) => field(new BoolSchema(env), options),
    none: (options) => field(new NoneSchema(env), options),
    any: (options) => field(new AnySchema(env), options),
    list: (item, options) => field(new ListSchema(env, schemaOf(item), lengthConstraints(options)), options),
    dict: (key, value, options) => field(new DictSchema(env, schemaOf(key), schemaOf(value), lengthConstraints(options)), options),
    tuple: (items, options) => field(new TupleSchema(env, items.map(schemaOf)), options as never) as never,
    tupleOf: (item, options) => field(new ListSchema(env, schemaOf(item), lengthConstraints(options), "Tuple"), options),
    nullable: (type) => new NullableSchema(env, schemaOf(type)),
    optional: (type) => new NullableSchema(env, schemaOf(type)).default(null),
    union: union as typeof LearnerApi.union,
    discriminatedUnion: (fieldName, members) =>
      new TaggedUnionSchema(env, String(fieldName), members.map((m) => schemaOf(m) as unknown as ModelSchema<Fields>)) as never,
    literal: (...values) => new LiteralSchema(env, values),
    enumOf: (name, members) => new EnumSchema(env, String(name), members),
    datetime: (options) => field(new DateTimeSchema(env), options),
    date: (options) => field(new DateSchema(env), options),
    uuid: (options) => field(new UuidSchema(env), options),
    loads,
    asFloat,
  };
}
