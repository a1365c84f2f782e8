// What FastAPI's ModelField knows of one parameter (path, query, header or body) and how it
// validates a value found in the request: with the validation engine's type, its errors' locs
// prefixed by where the value was found (["query", "limit"], ["body", "item"]). FastAPI
// validates with `from_attributes=True`, so a model given something that is not a dict says
// `model_attributes_type`, not the `model_type` a plain model_validate says.
import type { FieldSettings } from "../../validation/core.ts";
import { errorDetail, type Type } from "../../validation/index.ts";
import type { ValidationErrorItem } from "./errors";

export interface ModelField {
  /** The name the endpoint receives the value under. */
  name: string;
  /** The name in the request (FastAPI's validation alias). */
  alias: string;
  type: Type<unknown>;
  /** No default: absent (or null) is a `missing` error. */
  required: boolean;
  /** Used when absent; FastAPI validates it when it is not None. */
  default: unknown;
}

/** A field named `name` for a validation type; its own alias and default are read from the type. */
export function modelField(name: string, type: Type<unknown>, alias?: string): ModelField {
  const settings = settingsOf(type);
  return {
    name,
    alias: alias ?? settings.alias ?? name,
    type,
    required: !settings.hasDefault,
    default: settings.defaultValue,
  };
}

/** What Field(...) said (alias, default): the engine keeps it on the type itself, as `field`. */
function settingsOf(type: Type<unknown>): FieldSettings<unknown> {
  return (type as unknown as { field: FieldSettings<unknown> }).field;
}

export type FieldResult = { ok: true; value: unknown } | { ok: false; errors: ValidationErrorItem[] };

/** FastAPI's missing error: the input is None, not the enclosing object as Pydantic's is. */
export function missingError(loc: (string | number)[]): ValidationErrorItem {
  return errorDetail("missing", loc, null);
}

/**
 * FastAPI's _validate_value_with_model_field: absent (undefined or null) is `missing` or the
 * default (a copy, not validated); anything else is validated.
 */
export function validateField(field: ModelField, value: unknown, loc: (string | number)[]): FieldResult {
  if (value === undefined || value === null) {
    if (field.required) return { ok: false, errors: [missingError(loc)] };
    return { ok: true, value: deepCopy(field.default) };
  }
  return field.type.check(value, { loc, fromAttributes: true });
}

/** Python's deepcopy of a default, so a request cannot change the next one's: lists and dicts anew, the rest as is. */
export function deepCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepCopy);
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) Object.defineProperty(copy, key, { value: deepCopy(item), enumerable: true, writable: true, configurable: true });
  return copy;
}
