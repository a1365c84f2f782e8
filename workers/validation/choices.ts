// Literal[...] and string Enums: the input must be one of a few values. Literal compares as
// pydantic-core's LiteralLookup: a bool matches only a bool (True is not 1), an int or an integral
// float matches an int, a str only a str; the validated value is the literal itself.
import { type Run, Schema } from "./core.ts";
import type { TraceEnv } from "./tracer.ts";
import type { LiteralValue } from "./types.ts";
import { PyFloat, pythonRepr, strRepr } from "./values.ts";

/** "'a', 1 or True": how Pydantic lists what was expected. */
export function expectedText(reprs: readonly string[]): string {
  if (reprs.length <= 1) return reprs.join("");
  return `${reprs.slice(0, -1).join(", ")} or ${reprs[reprs.length - 1]}`;
}

export class LiteralSchema<V extends LiteralValue> extends Schema<V> {
  readonly name: string;
  readonly expected: string;
  constructor(
    env: TraceEnv | undefined,
    readonly values: readonly V[],
  ) {
    super(env);
    const reprs = values.map((v) => pythonRepr(v));
    this.name = `literal[${reprs.join(",")}]`;
    this.expected = expectedText(reprs);
  }

  exec(input: unknown, run: Run): unknown {
    // pydantic-core's literal validator leaves the exactness alone, even for 2.0 → 2.
    const found = this.lookup(input);
    if (found !== undefined) return found.value;
    return run.fail("literal_error", input, { expected: this.expected });
  }

  private lookup(input: unknown): { value: V } | undefined {
    let key: unknown = input;
    if (input instanceof PyFloat) key = input.value;
    else if (typeof input === "bigint" && Number.isSafeInteger(Number(input))) key = Number(input);
    else if (input === undefined) key = null;
    for (const value of this.values) {
      if (value === key) return { value };
    }
    return undefined;
  }
}

export class EnumSchema<M extends Record<string, string>> extends Schema<M[keyof M]> {
  /** As pydantic-core names a plain Enum's validator (a union member's tag). */
  readonly name: string;
  readonly members: Readonly<M>;
  readonly expected: string;
  private readonly values: ReadonlySet<string>;
  constructor(
    env: TraceEnv | undefined,
    readonly className: string,
    members: M,
  ) {
    super(env);
    this.name = `enum[${className}]`;
    this.members = Object.freeze({ ...members });
    const values = Object.values(this.members);
    this.values = new Set(values);
    this.expected = expectedText(values.map(strRepr));
  }

  exec(input: unknown, run: Run): unknown {
    // A value stands for a member here; in strict mode Python wants the member itself.
    if (this.strictIn(run)) return run.fail("is_instance_of", input, { class: this.className });
    if (typeof input === "string" && this.values.has(input)) {
      run.lax();
      return input;
    }
    return run.fail("enum", input, { expected: this.expected });
  }
}
