// `playground/validation` as lesson code imports it (types in learner-api.ts): the engine's
// factories, bound to the run's clock and trace sink so each validation call reports its nodes.
// The sandbox hardens the module object, but the classes behind the types are reached only
// through the types a learner builds, so their prototypes are frozen here: learner code cannot
// change how a type validates under the checks.
import { Schema } from "./core.ts";
import { EnumSchema, LiteralSchema } from "./choices.ts";
import { DictSchema, ListSchema, TupleSchema } from "./containers.ts";
import { ValidationError } from "./errors.ts";
import { validationFactories } from "./factories.ts";
import type * as LearnerApi from "./learner-api.ts";
import { ModelSchema } from "./model.ts";
import { FloatSchema, IntSchema } from "./numbers.ts";
import { AnySchema, BoolSchema, NoneSchema, StrSchema } from "./scalars.ts";
import { DateSchema, DateTimeSchema } from "./temporal.ts";
import type { ValidationTrace } from "./trace.ts";
import { NullableSchema, TaggedUnionSchema, UnionSchema } from "./unions.ts";
import { UuidSchema } from "./uuid.ts";
import { PyFloat } from "./values.ts";

export interface ValidationModuleEnv {
  now(): number;
  trace(event: ValidationTrace): void;
}

const CLASSES = [
  Schema,
  IntSchema,
  FloatSchema,
  StrSchema,
  BoolSchema,
  NoneSchema,
  AnySchema,
  ListSchema,
  TupleSchema,
  DictSchema,
  NullableSchema,
  UnionSchema,
  TaggedUnionSchema,
  LiteralSchema,
  EnumSchema,
  DateTimeSchema,
  DateSchema,
  UuidSchema,
  ModelSchema,
  ValidationError,
  PyFloat,
];

export function validationModule(env: ValidationModuleEnv): typeof LearnerApi {
  for (const c of CLASSES) {
    // Up the chain too: the abstract classes between a type and Schema are reached the same way.
    for (let proto: object | null = c.prototype; proto && proto !== Object.prototype && proto !== Error.prototype; proto = Object.getPrototypeOf(proto)) {
      Object.freeze(proto);
      Object.freeze((proto as { constructor: object }).constructor);
    }
  }
  return validationFactories({ now: () => env.now(), trace: (event) => env.trace(event), calls: { count: 0 } });
}
