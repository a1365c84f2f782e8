// The validation engine: models and types that validate as Pydantic v2 (2.13) in lax mode. This is
// what other engines import (the web engine builds FastAPI's 422 bodies from `check` with a loc
// prefix, and `errorDetail` for the errors it makes itself, such as a missing query parameter);
// lesson code gets the same functions, traced, from playground.ts.
import { validationFactories } from "./factories.ts";

export const {
  model,
  int,
  float,
  str,
  bool,
  none,
  any,
  list,
  dict,
  tuple,
  tupleOf,
  nullable,
  optional,
  union,
  discriminatedUnion,
  literal,
  enumOf,
  datetime,
  date,
  uuid,
  loads,
  asFloat,
} = validationFactories(undefined);

export { ValidationError, errorDetail, formatErrors, messageFor } from "./errors.ts";
// plain(): a value (an error's input, say) with its float markers unwrapped, ready for JSON.stringify.
export { PyFloat, plain, pythonRepr, pythonType } from "./values.ts";
export type * from "./types.ts";
export type { ValidationTrace, TracedValue } from "./trace.ts";
