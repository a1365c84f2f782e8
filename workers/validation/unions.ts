// T | None, smart-mode unions and discriminated unions, as pydantic-core's nullable.rs and
// union.rs. Smart mode (validate_smart): each member is tried in order on a clean slate; an exact
// match without model fields wins at once; otherwise the success that set the most model fields,
// then the most exact one, then the first, wins. If none succeeds, every member's errors are
// reported, each loc extended by the member's tag ("int", "list[int]", "Address").
import { EXACT, FAIL, type Run, Schema } from "./core.ts";
import type { TraceEnv } from "./tracer.ts";
import type { ErrorDetail, JsonValue } from "./types.ts";
import { isPlainObject, strRepr } from "./values.ts";
import type { ModelSchema } from "./model.ts";
import type { Fields } from "./types.ts";

export class NullableSchema<T> extends Schema<T | null> {
  readonly name: string;
  constructor(
    env: TraceEnv | undefined,
    readonly inner: Schema<T>,
  ) {
    super(env);
    this.name = `nullable[${inner.name}]`;
  }

  exec(input: unknown, run: Run): unknown {
    if (input === null || input === undefined) return null;
    return this.inner.exec(input, run);
  }

  dumpValue(value: T | null): JsonValue {
    return value === null ? null : this.inner.dumpValue(value);
  }
}

export class UnionSchema<T> extends Schema<T> {
  readonly name: string;
  constructor(
    env: TraceEnv | undefined,
    readonly members: readonly Schema<unknown>[],
  ) {
    super(env);
    this.name = `union[${members.map((m) => m.name).join(",")}]`;
  }

  exec(input: unknown, run: Run): unknown {
    const outerExactness = run.exactness;
    const outerFieldsSet = run.fieldsSet;
    const errorsBefore = run.errors.length;
    let memberErrors: ErrorDetail[] | undefined = [];
    let best: { value: unknown; exactness: number; fieldsSet: number | undefined } | undefined;
    for (const member of this.members) {
      run.exactness = EXACT;
      run.fieldsSet = undefined;
      run.path.push(member.name);
      const value = member.run(input, run);
      run.path.pop();
      if (value !== FAIL) {
        if (run.exactness === EXACT && run.fieldsSet === undefined) {
          run.exactness = outerExactness;
          run.fieldsSet = outerFieldsSet;
          return value;
        }
        const better =
          best === undefined ||
          (best.fieldsSet !== undefined && run.fieldsSet !== undefined && best.fieldsSet !== run.fieldsSet
            ? best.fieldsSet < run.fieldsSet
            : best.exactness < run.exactness);
        if (better) best = { value, exactness: run.exactness, fieldsSet: run.fieldsSet };
        memberErrors = undefined;
      } else if (memberErrors) {
        memberErrors.push(...run.errors.slice(errorsBefore));
      }
      run.errors.length = errorsBefore;
    }
    run.exactness = outerExactness;
    run.fieldsSet = outerFieldsSet;
    if (best) {
      run.floor(best.exactness);
      return best.value;
    }
    run.errors.push(...memberErrors!);
    return FAIL;
  }

  dumpValue(value: T): JsonValue {
    // Serialization tries the members in order and uses the first whose type fits the value.
    for (const member of this.members) {
      const check = member.check(value, { strict: true });
      if (check.ok) return member.dumpValue(value);
    }
    return this.members[0].dumpValue(value);
  }
}

/** Field(discriminator=...): the tag picks the member; its errors carry the tag in the loc. */
export class TaggedUnionSchema<T> extends Schema<T> {
  readonly name: string;
  readonly byTag: ReadonlyMap<string, ModelSchema<Fields>>;
  readonly expectedTags: string;
  constructor(
    env: TraceEnv | undefined,
    readonly discriminator: string,
    members: readonly ModelSchema<Fields>[],
  ) {
    super(env);
    const byTag = new Map<string, ModelSchema<Fields>>();
    for (const member of members) {
      for (const tag of member.tagsFor(discriminator)) byTag.set(tag, member);
    }
    this.byTag = byTag;
    this.expectedTags = [...byTag.keys()].map(strRepr).join(", ");
    this.name = `tagged-union[${members.map((m) => m.name).join(",")}]`;
  }

  exec(input: unknown, run: Run): unknown {
    if (!isPlainObject(input)) return run.fail("model_attributes_type", input);
    const field = this.discriminator;
    const lookup = this.byTag.values().next().value?.lookupKeyOf(field) ?? field;
    if (!Object.hasOwn(input, lookup) || input[lookup] === undefined)
      return run.fail("union_tag_not_found", input, { discriminator: strRepr(field) });
    const tag = input[lookup];
    const member = typeof tag === "string" || typeof tag === "number" || typeof tag === "boolean" ? this.byTag.get(String(tag)) : undefined;
    if (!member)
      return run.fail("union_tag_invalid", input, { discriminator: strRepr(field), tag: String(tag), expected_tags: this.expectedTags });
    run.path.push(String(tag));
    const value = member.run(input, run);
    run.path.pop();
    return value;
  }

  dumpValue(value: T): JsonValue {
    const tag = (value as Record<string, unknown>)[this.discriminator];
    const member = this.byTag.get(String(tag)) ?? this.byTag.values().next().value!;
    return member.dumpValue(value as never);
  }
}
