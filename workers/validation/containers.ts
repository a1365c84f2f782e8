// list[T], tuple[T, ...], tuple[A, B] and dict[K, V], as pydantic-core's list.rs, tuple.rs and
// dict.rs: every item is validated and every item error kept (loc extended by the index or key),
// except that passing max_length while iterating ends the list with one too_long error; min_length
// is checked only once the items are valid.
import { FAIL, type Run, Schema, runAt } from "./core.ts";
import type { TraceEnv } from "./tracer.ts";
import type { JsonValue, LengthConstraints } from "./types.ts";
import { define, isPlainObject, keepKeyOrder, keysOf } from "./values.ts";

type Kind = "List" | "Tuple";

function validateItems(
  items: readonly unknown[],
  item: Schema<unknown>,
  kind: Kind,
  { minLength, maxLength }: LengthConstraints,
  input: unknown,
  run: Run,
): unknown {
  const out: unknown[] = new Array(items.length);
  const errorsBefore = run.errors.length;
  for (let i = 0; i < items.length; i++) {
    if (maxLength !== undefined && i + 1 > maxLength) {
      // The errors of the items before are dropped: too_long is the list's only error.
      run.errors.length = errorsBefore;
      return run.fail("too_long", input, { field_type: kind, max_length: maxLength, actual_length: items.length });
    }
    run.path.push(i);
    out[i] = run.tracer === undefined ? item.exec(items[i], run) : item.run(items[i], run);
    run.path.pop();
  }
  if (run.errors.length > errorsBefore) return FAIL;
  if (minLength !== undefined && items.length < minLength)
    return run.fail("too_short", input, { field_type: kind, min_length: minLength, actual_length: items.length });
  return out;
}

/**
 * A JavaScript array is a Python list: a tuple made from it is a lax conversion, which strict
 * mode refuses.
 */
function tupleFromArray(run: Run, strict: boolean): boolean {
  if (strict) return false;
  run.lax();
  return true;
}

export class ListSchema<T> extends Schema<T[]> {
  readonly name: string;
  constructor(
    env: TraceEnv | undefined,
    readonly item: Schema<T>,
    readonly constraints: LengthConstraints,
    readonly kind: Kind = "List",
  ) {
    super(env);
    this.name = kind === "List" ? `list[${item.name}]` : `tuple[${item.name}, ...]`;
  }

  exec(input: unknown, run: Run): unknown {
    if (!Array.isArray(input)) return run.fail(this.kind === "List" ? "list_type" : "tuple_type", input);
    if (this.kind === "Tuple" && !tupleFromArray(run, this.strictIn(run))) return run.fail("tuple_type", input);
    return validateItems(input, this.item as Schema<unknown>, this.kind, this.constraints, input, run);
  }

  dumpValue(value: T[]): JsonValue {
    return value.map((v) => this.item.dumpValue(v));
  }
}

export class TupleSchema<T extends unknown[]> extends Schema<T> {
  readonly name: string;
  constructor(
    env: TraceEnv | undefined,
    readonly items: readonly Schema<unknown>[],
  ) {
    super(env);
    this.name = `tuple[${items.map((i) => i.name).join(", ")}]`;
  }

  exec(input: unknown, run: Run): unknown {
    if (!Array.isArray(input) || !tupleFromArray(run, this.strictIn(run))) return run.fail("tuple_type", input);
    const expected = this.items.length;
    if (input.length > expected) {
      // pydantic-core validates the expected items first; the surplus is one too_long for the tuple.
      const errorsBefore = run.errors.length;
      for (let i = 0; i < expected; i++) runAt(this.items[i], input[i], i, run);
      run.errors.length = errorsBefore;
      return run.fail("too_long", input, { field_type: "Tuple", max_length: expected, actual_length: input.length });
    }
    const errorsBefore = run.errors.length;
    const out: unknown[] = [];
    for (let i = 0; i < expected; i++) {
      run.path.push(i);
      if (i < input.length) out.push(this.items[i].run(input[i], run));
      else run.fail("missing", input);
      run.path.pop();
    }
    return run.errors.length > errorsBefore ? FAIL : out;
  }

  dumpValue(value: T): JsonValue {
    return value.map((v, i) => this.items[i].dumpValue(v));
  }
}

export class DictSchema<K extends string | number, V> extends Schema<Record<K, V>> {
  readonly name: string;
  constructor(
    env: TraceEnv | undefined,
    readonly key: Schema<K>,
    readonly value: Schema<V>,
    readonly constraints: LengthConstraints,
  ) {
    super(env);
    this.name = `dict[${key.name},${value.name}]`;
  }

  exec(input: unknown, run: Run): unknown {
    if (!isPlainObject(input)) return run.fail("dict_type", input);
    const errorsBefore = run.errors.length;
    const out: Record<string, unknown> = {};
    const keys = keysOf(input);
    const kept: string[] = [];
    for (const k of keys) {
      run.path.push(k, "[key]");
      const key = this.key.run(k, run);
      run.path.pop();
      const value = this.value.run(input[k], run);
      run.path.pop();
      if (key !== FAIL && value !== FAIL) {
        if (!Object.hasOwn(out, String(key))) kept.push(String(key));
        define(out, String(key), value);
      }
    }
    keepKeyOrder(out, kept);
    if (run.errors.length > errorsBefore) return FAIL;
    const { minLength, maxLength } = this.constraints;
    const size = kept.length;
    if (minLength !== undefined && size < minLength)
      return run.fail("too_short", input, { field_type: "Dictionary", min_length: minLength, actual_length: size });
    if (maxLength !== undefined && size > maxLength)
      return run.fail("too_long", input, { field_type: "Dictionary", max_length: maxLength, actual_length: size });
    return out;
  }

  dumpValue(value: Record<K, V>): JsonValue {
    const out: Record<string, JsonValue> = {};
    const keys = keysOf(value);
    for (const k of keys) define(out, k, this.value.dumpValue(value[k as K]));
    keepKeyOrder(out, keys);
    return out;
  }
}
