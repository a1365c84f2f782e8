// Turns a validation.json case's declared enums and models (its `schema`: model_definition,
// field_spec, type_grammar) into engine models, as a learner would write them by hand.
import * as v from "../index.ts";
import type { Type } from "../types.ts";
import { pythonRepr } from "../values.ts";

export interface FieldSpec {
  type: string;
  values?: (string | number | boolean)[];
  default?: unknown;
  alias?: string;
  discriminator?: string;
  strict?: boolean;
  gt?: number;
  ge?: number;
  lt?: number;
  le?: number;
  multiple_of?: number;
  min_length?: number;
  max_length?: number;
  pattern?: string;
  items?: Constraints;
}

type Constraints = Pick<FieldSpec, "gt" | "ge" | "lt" | "le" | "multiple_of" | "min_length" | "max_length" | "pattern" | "strict">;

export interface ModelDefinition {
  fields: Record<string, FieldSpec>;
  extra?: "ignore" | "forbid" | "allow";
  strict?: boolean;
  populate_by_name?: boolean;
  validators?: { field: string; rule: string; message: string }[];
  model_validators?: { rule: string; fields: string[]; message: string }[];
}

type Node =
  | { kind: "union"; members: Node[] }
  | { kind: "name"; name: string }
  | { kind: "list"; item: Node }
  | { kind: "dict"; key: Node; value: Node }
  | { kind: "tuple"; items: Node[]; variadic: boolean };

/** type := member ('|' member)*; member := name | list[type] | dict[k,type] | tuple[type, ...]. */
export function parseType(text: string): Node {
  const src = text.replace(/\s+/g, "");
  let at = 0;
  const expect = (s: string) => {
    if (!src.startsWith(s, at)) throw new Error(`expected ${s} at ${at} in ${text}`);
    at += s.length;
  };
  function type(): Node {
    const members = [member()];
    while (src[at] === "|") {
      at++;
      members.push(member());
    }
    return members.length === 1 ? members[0] : { kind: "union", members };
  }
  function member(): Node {
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(at))?.[0];
    if (!name) throw new Error(`expected a type at ${at} in ${text}`);
    at += name.length;
    if (src[at] !== "[") return { kind: "name", name };
    at++;
    let node: Node;
    if (name === "list") node = { kind: "list", item: type() };
    else if (name === "dict") {
      const key = type();
      expect(",");
      node = { kind: "dict", key, value: type() };
    } else if (name === "tuple") {
      const items = [type()];
      let variadic = false;
      while (src[at] === ",") {
        at++;
        if (src.startsWith("...", at)) {
          at += 3;
          variadic = true;
        } else items.push(type());
      }
      node = { kind: "tuple", items, variadic };
    } else throw new Error(`unknown generic ${name} in ${text}`);
    expect("]");
    return node;
  }
  const node = type();
  if (at !== src.length) throw new Error(`unexpected ${src.slice(at)} in ${text}`);
  return node;
}

const RULES: Record<string, (value: unknown) => boolean> = {
  must_contain_digit: (s) => /[0-9]/.test(String(s)),
  no_spaces: (s) => !String(s).includes(" "),
  not_blank: (s) => String(s).trim() !== "",
  even: (n) => (typeof n === "bigint" ? n % 2n === 0n : Number(n) % 2 === 0),
  lowercase: (s) => String(s) === String(s).toLowerCase(),
};

/** Orders two validated values as Python would: datetimes as instants, the rest as they are. */
function lessThan(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") {
    const [x, y] = [Date.parse(a), Date.parse(b)];
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x < y;
  }
  return (a as number) < (b as number);
}

const MODEL_RULES: Record<string, (m: Record<string, unknown>, fields: string[]) => boolean> = {
  // Python's == on values of one field type: lists and dicts compare by content.
  fields_equal: (m, [a, b]) => pythonRepr(m[a]) === pythonRepr(m[b]),
  less_than: (m, [a, b]) => m[a] === null || m[b] === null || lessThan(m[a], m[b]),
  at_least_one: (m, fields) => fields.some((f) => m[f] !== null),
};

export class CaseTypes {
  readonly types = new Map<string, Type<unknown>>();

  constructor(enums: Record<string, Record<string, string>> = {}, models: Record<string, ModelDefinition> = {}) {
    for (const [name, members] of Object.entries(enums)) this.types.set(name, v.enumOf(name, members));
    // Listed dependency-first, so each model's references are already built.
    for (const [name, definition] of Object.entries(models)) this.types.set(name, this.model(name, definition));
  }

  model(name: string, d: ModelDefinition): Type<unknown> {
    const fields: Record<string, Type<unknown>> = {};
    for (const [field, spec] of Object.entries(d.fields)) fields[field] = this.field(spec);
    const fieldValidators: Record<string, (value: unknown) => unknown> = {};
    for (const { field, rule, message } of d.validators ?? []) {
      const ok = RULES[rule] ?? fail(`unknown validator rule ${rule}`);
      fieldValidators[field] = (value) => {
        if (!ok(value)) throw new Error(message);
        return value;
      };
    }
    const modelValidators = (d.model_validators ?? []).map(({ rule, fields: names, message }) => {
      const ok = MODEL_RULES[rule] ?? fail(`unknown model validator rule ${rule}`);
      return (m: Record<string, unknown>) => {
        if (!ok(m, names)) throw new Error(message);
        return m;
      };
    });
    return v.model(name, fields, {
      extra: d.extra,
      strict: d.strict,
      populateByName: d.populate_by_name,
      fieldValidators,
      modelValidators,
    } as never);
  }

  field(spec: FieldSpec): Type<unknown> {
    let type: Type<unknown>;
    if (spec.discriminator !== undefined) {
      const node = parseType(spec.type);
      const members = node.kind === "union" ? node.members : [node];
      type = v.discriminatedUnion(
        spec.discriminator,
        members.map((m) => this.build(m, {}, undefined) as never),
      );
    } else type = this.build(parseType(spec.type), spec, spec);
    if (spec.alias !== undefined) type = type.alias(spec.alias);
    if ("default" in spec) type = type.default(spec.default);
    return type;
  }

  /** Builds a type; `own` constraints reach the type itself (through `| None`), `items` its items. */
  private build(node: Node, own: Constraints, spec: FieldSpec | undefined): Type<unknown> {
    const items = spec?.items ?? {};
    switch (node.kind) {
      case "union": {
        const nonNull = node.members.filter((m) => !(m.kind === "name" && m.name === "None"));
        const nullable = nonNull.length < node.members.length;
        if (nonNull.length === 1 && nullable) return v.nullable(this.build(nonNull[0], own, spec));
        const members = nonNull.map((m) => this.build(m, {}, undefined));
        return nullable ? v.union(...members, v.none()) : v.union(...members);
      }
      case "list":
        return this.strict(v.list(this.build(node.item, items, undefined), lengths(own)), own);
      case "dict":
        return this.strict(v.dict(this.build(node.key, {}, undefined) as never, this.build(node.value, items, undefined), lengths(own)), own);
      case "tuple":
        if (node.variadic) return this.strict(v.tupleOf(this.build(node.items[0], items, undefined), lengths(own)), own);
        return this.strict(v.tuple(node.items.map((i) => this.build(i, {}, undefined))), own);
      case "name":
        return this.strict(this.named(node.name, own, spec), own);
    }
  }

  private strict(type: Type<unknown>, own: Constraints): Type<unknown> {
    return own.strict === undefined ? type : type.strict(own.strict);
  }

  private named(name: string, c: Constraints, spec: FieldSpec | undefined): Type<unknown> {
    const numeric = { gt: c.gt, ge: c.ge, lt: c.lt, le: c.le, multipleOf: c.multiple_of };
    switch (name) {
      case "int":
        return v.int(numeric);
      case "float":
        return v.float(numeric);
      case "str":
        return v.str({ ...lengths(c), pattern: c.pattern });
      case "bool":
        return v.bool();
      case "None":
        return v.none();
      case "any":
        return v.any();
      case "datetime":
        return v.datetime();
      case "date":
        return v.date();
      case "uuid":
        return v.uuid();
      case "literal":
        return v.literal(...(spec?.values ?? fail("a literal field without values")));
    }
    return this.types.get(name) ?? fail(`unknown type ${name}`);
  }
}

const lengths = (c: Constraints) => ({ minLength: c.min_length, maxLength: c.max_length });

function fail(message: string): never {
  throw new Error(message);
}
