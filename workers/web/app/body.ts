// Body parameters, as FastAPI declares and reads them. A route (or a dependency) declares
// `body: Item` — the whole JSON body is an Item, passed as `body` — or named body parameters,
// `body: { item: Item, user: User, importance: int({ gt: 0 }) }`. FastAPI's rule then decides
// the body's shape over every body parameter of the route and its dependencies: one parameter
// alone is the whole body (errors at ["body", ...]); several are embedded, each under its name
// (errors at ["body", "item", ...]); `Body(type, { embed: true })` embeds even a lone one.
import type { Infer, Type } from "../../validation/index.ts";
import type { ValidationErrorItem } from "./errors";
import { missingError, modelField, validateField, type ModelField } from "./field";
import { isValidationType } from "./params";

/** FastAPI's `Body(embed=True)`: this parameter is read under its name even when it is alone. */
export class BodyMarker<T = unknown> {
  readonly type: Type<T>;
  readonly embed: boolean;

  constructor(type: Type<T>, options: { embed?: boolean } = {}) {
    if (!isValidationType(type)) throw new TypeError("Body() needs a validation type: Body(Item, { embed: true })");
    this.type = type;
    this.embed = options.embed ?? false;
  }
}

export function Body<T>(type: Type<T>, options?: { embed?: boolean }): BodyMarker<T> {
  return new BodyMarker(type, options);
}

export type BodyParam = Type<unknown> | BodyMarker<unknown>;
export type BodyDecl = Type<unknown> | Record<string, BodyParam>;

type ParamValue<P> = P extends BodyMarker<infer T> ? T : Infer<P>;
/** What the endpoint receives: `{ body }` for a lone type, else one value per named parameter. */
export type BodyValues<B> = B extends Type<infer T>
  ? { body: T }
  : B extends Record<string, BodyParam>
    ? { [K in keyof B]: ParamValue<B[K]> }
    : unknown;

export interface BodyField extends ModelField {
  embed: boolean;
}

export function bodyFields(decl: BodyDecl | undefined): BodyField[] {
  if (decl === undefined) return [];
  const params: Record<string, BodyParam> = isValidationType(decl) ? { body: decl } : decl;
  return Object.entries(params).map(([name, param]) => {
    const marker = param instanceof BodyMarker ? param : new BodyMarker(param);
    return { ...modelField(name, marker.type), embed: marker.embed };
  });
}

/** FastAPI's _should_embed_body_fields, over the body parameters of a route and its dependencies. */
export function shouldEmbedBody(fields: readonly BodyField[]): boolean {
  if (fields.length === 0) return false;
  return new Set(fields.map((f) => f.name)).size > 1 || fields[0].embed;
}

/**
 * FastAPI's request_body_to_args for one dependant's body parameters. `body` is what was read
 * (undefined when there was none). Embedded, a body that is not an object gives each parameter a
 * `missing` error (Python's `.get` on a list fails), and a null value counts as absent.
 */
export function requestBodyToArgs(
  fields: readonly BodyField[],
  embed: boolean,
  body: unknown,
): { values: Record<string, unknown>; errors: ValidationErrorItem[] } {
  const values: Record<string, unknown> = {};
  const errors: ValidationErrorItem[] = [];
  if (fields.length === 0) return { values, errors };
  if (fields.length === 1 && !embed) {
    const result = validateField(fields[0], body, ["body"]);
    if (result.ok) values[fields[0].name] = result.value;
    else errors.push(...result.errors);
    return { values, errors };
  }
  for (const field of fields) {
    const loc = ["body", field.alias];
    if (body !== undefined && body !== null && !isDict(body)) {
      errors.push(missingError(loc));
      continue;
    }
    const value = isDict(body) && Object.hasOwn(body, field.alias) ? body[field.alias] : undefined;
    const result = validateField(field, value, loc);
    if (result.ok) values[field.name] = result.value;
    else errors.push(...result.errors);
  }
  return { values, errors };
}

/** A JSON object (Python's dict); not an array, nor the engine's float marker. */
function isDict(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
