// Path, query and header parameters: how they are declared, found in the request and validated
// by the validation engine (Pydantic v2's lax rules), as FastAPI's request_params_to_args does.
// Every error is collected, with its location, before the endpoint would run.
import { bool, float, int, list, str, type Type } from "../../validation/index.ts";
import type { HTTPConnection } from "./connection";
import type { ValidationErrorItem } from "./errors";
import { deepCopy, modelField, validateField, type ModelField } from "./field";

export type ScalarType = "str" | "int" | "float" | "bool";
/** A validation type, or the name of a simple one ("int", "list[str]"). */
export type ParamType = ScalarType | `list[${ScalarType}]` | Type<unknown>;

/** A parameter's options around its type (the type alone is a spec too: `int({ le: 100 })`). */
export interface ParamOptions {
  /** "str" when absent. */
  type?: ParamType;
  /** Present means optional; this value is used when the parameter is absent. */
  default?: unknown;
  /** The name in the request; headers default to the name with "_" turned into "-". */
  alias?: string;
  /** Bounds for a type given by name (a validation type carries its own: `int({ le: 100 })`). */
  gt?: number;
  ge?: number;
  lt?: number;
  le?: number;
  description?: string;
}

/** `int({ le: 100, default: 10 })`, or `{ type: "int", le: 100, default: 10 }`. */
export type ParamSpec = Type<unknown> | ParamOptions;

export type ParamLocation = "path" | "query" | "header";

export interface ParamField extends ModelField {
  location: ParamLocation;
  /** A list: every value of a repeated query parameter or header. */
  sequence: boolean;
}

type ScalarValue<T> = T extends "int" | "float" ? number : T extends "bool" ? boolean : string;
type NamedValue<T> = T extends `list[${infer I}]` ? ScalarValue<I>[] : ScalarValue<T>;
type TypeValue<T> = T extends Type<infer V> ? V : NamedValue<T>;
type DefaultValue<S> = S extends { default: infer D } ? D : never;
export type ParamValue<S> = S extends Type<infer V> ? V : (S extends { type: infer T } ? TypeValue<T> : string) | DefaultValue<S>;
export type ParamValues<R> = R extends Record<string, ParamSpec> ? { [K in keyof R]: ParamValue<R[K]> } : unknown;

export interface ParamDecl {
  path?: Record<string, ParamSpec>;
  query?: Record<string, ParamSpec>;
  headers?: Record<string, ParamSpec>;
}

export function isValidationType(value: unknown): value is Type<unknown> {
  return typeof value === "object" && value !== null && typeof (value as Type<unknown>).check === "function";
}

/** FastAPI's order: path parameters, then query, then headers, each in declaration order. */
export function paramFields(decl: ParamDecl): ParamField[] {
  const fields: ParamField[] = [];
  const groups = [["path", decl.path], ["query", decl.query], ["header", decl.headers]] as const;
  for (const [location, specs] of groups) {
    for (const [name, spec] of Object.entries(specs ?? {})) fields.push(paramField(name, location, spec));
  }
  return fields;
}

function paramField(name: string, location: ParamLocation, spec: ParamSpec): ParamField {
  const options: ParamOptions = isValidationType(spec) ? { type: spec } : spec;
  let type = typeOf(options);
  if ("default" in options) type = type.default(options.default);
  const field = modelField(name, type, options.alias);
  // FastAPI's convert_underscores: a header without an alias of its own is read with "-".
  if (location === "header" && field.alias === name) field.alias = name.replaceAll("_", "-");
  return { ...field, location, sequence: isSequence(type.name) };
}

/** FastAPI's field_annotation_is_sequence, read off the type's name: a list or tuple, or a union holding one. */
function isSequence(name: string): boolean {
  if (/^(list|tuple)\[/.test(name)) return true;
  const union = /^(nullable|union)\[(.*)\]$/.exec(name);
  return union !== null && topLevelMembers(union[2]).some(isSequence);
}

/** "list[int],str" → ["list[int]", "str"]: the commas outside brackets. */
function topLevelMembers(text: string): string[] {
  const members: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "[") depth++;
    else if (text[i] === "]") depth--;
    else if (text[i] === "," && depth === 0) {
      members.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  members.push(text.slice(start).trim());
  return members;
}

const SCALARS = { str, int, float, bool } as const;

function typeOf(options: ParamOptions): Type<unknown> {
  const { type = "str", gt, ge, lt, le } = options;
  const bounds = Object.fromEntries(Object.entries({ gt, ge, lt, le }).filter(([, v]) => v !== undefined));
  if (isValidationType(type)) {
    if (Object.keys(bounds).length > 0) throw new TypeError("Give the bounds to the validation type itself: int({ le: 100 })");
    return type;
  }
  const item = /^list\[(\w+)\]$/.exec(type)?.[1] ?? type;
  if (!(item in SCALARS)) throw new TypeError(`Unknown parameter type "${type}"`);
  const numeric = item === "int" || item === "float";
  const scalar: Type<unknown> = numeric ? SCALARS[item as "int" | "float"](bounds) : SCALARS[item as "str" | "bool"]();
  return item === type ? scalar : list(scalar);
}

export function extractParams(fields: ParamField[], connection: HTTPConnection): { values: Record<string, unknown>; errors: ValidationErrorItem[] } {
  const values: Record<string, unknown> = {};
  const errors: ValidationErrorItem[] = [];
  for (const field of fields) {
    let raw = rawValue(field, connection);
    // An absent optional parameter takes its default, which FastAPI then validates like a value.
    if (raw === undefined && !field.required) raw = deepCopy(field.default);
    const result = validateField(field, raw, [field.location, field.alias]);
    if (result.ok) values[field.name] = result.value;
    else errors.push(...result.errors);
  }
  return { values, errors };
}

function rawValue(field: ParamField, connection: HTTPConnection): unknown {
  if (field.location === "path") {
    const params = connection.pathParams;
    return field.alias in params ? params[field.alias] : undefined;
  }
  const source = field.location === "query" ? connection.queryParams : connection.headers;
  if (field.sequence) {
    const all = source.getAll(field.alias);
    return all.length > 0 ? all : undefined;
  }
  return source.get(field.alias) ?? undefined;
}

