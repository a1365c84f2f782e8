// A model (BaseModel), as pydantic-core's model_fields.rs: each field in definition order is
// looked up (alias first, then its name with populate_by_name), validated, then passed to its
// after-validator; a missing field without default is `missing` with the whole object as input;
// unknown keys are then dropped, kept or each an `extra_forbidden` error in input order; the
// model validators run only when every field is valid.
import { FAIL, type Run, Schema } from "./core.ts";
import { ValidationError } from "./errors.ts";
import { LiteralSchema } from "./choices.ts";
import { dumpAny } from "./scalars.ts";
import type { TraceEnv } from "./tracer.ts";
import type { FieldValidator, Fields, JsonValue, Model, ModelConfig, ModelValue } from "./types.ts";
import { define, isPlainObject, keepKeyOrder, keysOf } from "./values.ts";

interface CompiledField {
  name: string;
  schema: Schema<unknown>;
  /** Input keys, in the order they are looked up. */
  keys: readonly string[];
  validator: FieldValidator<unknown> | undefined;
  /** The name can be stored with a plain assignment (it is not "__proto__"). */
  plainKey: boolean;
}

/** A default is copied for each validation, as Pydantic copies a mutable default. */
function copyDefault(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyDefault);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) define(out, k, copyDefault(value[k]));
    return out;
  }
  return value;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class ModelSchema<F extends Fields> extends Schema<ModelValue<F>> implements Model<F> {
  readonly compiled: readonly CompiledField[];
  readonly known: ReadonlySet<string>;
  private readonly template: Readonly<Record<string, unknown>>;
  readonly extra: "ignore" | "forbid" | "allow";
  readonly strictConfig: boolean;
  constructor(
    env: TraceEnv | undefined,
    readonly name: string,
    readonly fields: F,
    readonly config: ModelConfig<F>,
  ) {
    super(env);
    const validators = (config.fieldValidators ?? {}) as Record<string, FieldValidator<unknown> | undefined>;
    this.compiled = Object.keys(fields).map((name) => {
      const schema = fields[name] as unknown as Schema<unknown>;
      const alias = schema.field.alias;
      const keys = alias === undefined ? [name] : config.populateByName ? [alias, name] : [alias];
      return { name, schema, keys, validator: validators[name], plainKey: name !== "__proto__" };
    });
    const template: Record<string, unknown> = {};
    for (const f of this.compiled) define(template, f.name, undefined);
    this.template = template;
    this.known = new Set(this.compiled.flatMap((f) => f.keys));
    this.extra = config.extra ?? "ignore";
    this.strictConfig = config.strict ?? false;
  }

  exec(input: unknown, run: Run): unknown {
    if (!isPlainObject(input)) {
      return run.fromAttributes ? run.fail("model_attributes_type", input) : run.fail("model_type", input, { class_name: this.name });
    }
    const outerStrict = run.configStrict;
    run.configStrict = this.strictConfig;
    const errorsBefore = run.errors.length;
    // A copy of a template with every field in order: stores then find their property in place.
    const out: Record<string, unknown> = { ...this.template };
    let fieldsSet = 0;
    for (const field of this.compiled) {
      const key = this.lookup(input, field.keys);
      if (key === undefined) {
        if (field.schema.field.hasDefault) {
          if (field.plainKey) out[field.name] = copyDefault(field.schema.field.defaultValue);
          else define(out, field.name, copyDefault(field.schema.field.defaultValue));
        }
        else {
          run.path.push(field.keys[0]);
          run.fail("missing", input);
          run.path.pop();
        }
        continue;
      }
      fieldsSet++;
      const raw = input[key];
      run.path.push(key);
      // exec directly when untraced: one call less per field on the hot path.
      let value = run.tracer === undefined ? field.schema.exec(raw, run) : field.schema.run(raw, run);
      if (value !== FAIL && field.validator) value = this.afterValidator(field, value, raw, out, run);
      run.path.pop();
      if (value !== FAIL) {
        if (field.plainKey) out[field.name] = value;
        else define(out, field.name, value);
      }
    }
    const extras = this.extra === "ignore" ? undefined : this.extras(input, out, run);
    run.configStrict = outerStrict;
    if (run.errors.length > errorsBefore) return FAIL;
    // Fields first, then extras in input order, even when an extra key looks like an index.
    if (extras?.length) keepKeyOrder(out, [...this.compiled.map((f) => f.name), ...extras]);
    run.fieldsSet = fieldsSet;
    return this.config.modelValidators?.length ? this.modelValidators(out, input, run) : out;
  }

  /** The first of the field's keys the input holds (a key set to undefined counts as absent). */
  private lookup(input: Record<string, unknown>, keys: readonly string[]): string | undefined {
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (input[k] !== undefined && Object.hasOwn(input, k)) return k;
    }
    return undefined;
  }

  /** Unknown keys: kept after the fields ("allow", returned in input order) or each an error ("forbid"). */
  private extras(input: Record<string, unknown>, out: Record<string, unknown>, run: Run): string[] {
    const kept: string[] = [];
    for (const key of keysOf(input)) {
      if (this.known.has(key)) continue;
      if (this.extra === "allow") {
        define(out, key, input[key]);
        kept.push(key);
      } else {
        run.path.push(key);
        run.fail("extra_forbidden", input[key]);
        run.path.pop();
      }
    }
    return kept;
  }

  private afterValidator(field: CompiledField, value: unknown, raw: unknown, data: Record<string, unknown>, run: Run): unknown {
    try {
      return field.validator!(value, { field: field.name, data: { ...data } });
    } catch (e) {
      return this.rejected(e, raw, run);
    }
  }

  private modelValidators(value: Record<string, unknown>, input: unknown, run: Run): unknown {
    let current = value;
    for (const validator of this.config.modelValidators ?? []) {
      try {
        current = ((validator as (v: Record<string, unknown>) => Record<string, unknown> | undefined)(current) ?? current);
      } catch (e) {
        return this.rejected(e, input, run);
      }
    }
    return current;
  }

  /** What a validator threw: a ValidationError's own errors (under this loc), else a value_error. */
  private rejected(e: unknown, input: unknown, run: Run): typeof FAIL {
    if (e instanceof ValidationError) {
      for (const error of e.errors()) run.errors.push({ ...error, loc: [...run.path, ...error.loc] });
      return FAIL;
    }
    const message = messageOf(e);
    return run.fail("value_error", input, { error: message });
  }

  /** The tags this model answers to in a discriminated union: its literal field's values. */
  tagsFor(discriminator: string): string[] {
    const schema = this.fields[discriminator] as unknown;
    if (!(schema instanceof LiteralSchema)) throw new TypeError(`${this.name}.${discriminator} must be a literal() to discriminate a union`);
    return (schema.values as unknown[]).map(String);
  }

  /** The input key a field is read from first (its alias, else its name). */
  lookupKeyOf(field: string): string {
    return this.compiled.find((f) => f.name === field)?.keys[0] ?? field;
  }

  dumpValue(value: ModelValue<F>): JsonValue {
    const record = value as Record<string, unknown>;
    const out: Record<string, JsonValue> = {};
    for (const field of this.compiled) {
      if (Object.hasOwn(record, field.name)) define(out, field.name, field.schema.dumpValue(record[field.name]));
    }
    const keys = keysOf(record);
    for (const key of keys) {
      if (!Object.hasOwn(this.fields, key)) define(out, key, dumpAny(record[key]));
    }
    keepKeyOrder(out, keys);
    return out;
  }
}
