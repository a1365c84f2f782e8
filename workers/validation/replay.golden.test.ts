// Replays every `kind: "model"` case of golden/validation.json (Pydantic 2.13.5, pydantic-core
// 2.46.5): the case's models are built with the engine (testing/golden-models.ts), its input
// validated, and the dump or the errors must agree with the recording — errors in the same order
// with the same ctx and input, outputs with the same keys in the same order. The file is read
// with the engine's own `loads`, so 4.0 stays a float and big ints stay exact. The `fastapi`
// cases belong to the web engine's tests.
// (readGoldenWith reads golden/validation.json from $GOLDEN_DIR instead when that is set.)
import { describe, expect, it } from "vitest";
import { disagreements, readGoldenWith } from "../testing/golden.ts";
import { CaseTypes, type ModelDefinition } from "./testing/golden-models.ts";
import { loads } from "./loads.ts";
import { plain } from "./values.ts";

interface ModelCase {
  name: string;
  kind: "model";
  model: string;
  enums?: Record<string, Record<string, string>>;
  models: Record<string, ModelDefinition>;
  input: unknown;
  input_json?: string;
  expect: { ok: true; output: unknown } | { ok: false; errors: unknown[]; error_count: number };
}

const FILE = "validation.json";
const golden = readGoldenWith(FILE, (text) => loads(text) as { cases: { kind: string }[] });
const cases = golden.cases.filter((c): c is ModelCase => c.kind === "model");

/** JSON text that keeps key order and bigints, for comparisons that must see both. */
const text = (value: unknown) => JSON.stringify(plain(value), (_, x: unknown) => (typeof x === "bigint" ? `${x}n` : x));

function replay(c: ModelCase): Promise<void> {
  const model = new CaseTypes(c.enums, c.models).types.get(c.model);
  if (!model) throw new Error(`${c.name}: model ${c.model} is not among the case's models`);
  const input = c.input_json === undefined ? c.input : loads(c.input_json);
  const result = model.check(input);
  const got = result.ok ? { ok: true, output: model.dump(result.value) } : { ok: false, error_count: result.errors.length, errors: result.errors };
  if (text(got) !== text(c.expect))
    throw new Error(`${c.name}: ${c.input_json ?? text(c.input)}\n  got  ${text(got)}\n  want ${text(c.expect)}`);
  return Promise.resolve();
}

describe(`${FILE}: ${cases.length} model cases`, () => {
  it(`replays all ${cases.length} model cases of ${FILE}`, async () => {
    expect(cases.length).toBeGreaterThan(300);
    const failures = await disagreements(cases, replay);
    expect(failures, `${failures.length} of ${cases.length} cases disagree:\n${failures.join("\n\n")}`).toEqual([]);
  });
});
