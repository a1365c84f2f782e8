// Replays every json_dumps and json_loads case of golden/serialization.json (CPython 3.11's json):
// the exact text dumps writes for each value and options, the exact value loads reads (ints by
// digits, floats by bits, key order), and each error with its message and position.
import { describe, expect, it } from "vitest";
import { disagreements, readGolden } from "../../testing/golden.ts";
// readGolden reads $GOLDEN_DIR when it is set, else the repository's golden/ (DESIGN §7).
import { casesOf, outcome, type SerializationCase, FILE, type SerializationGolden } from "../testing/golden-cases.ts";
import { fromPyval, toPyval, type PyVal } from "../testing/pyval.ts";
import { evaluatePython } from "../testing/python-expr.ts";
import { dumps, type DumpsOptions } from "./dumps.ts";
import { loads } from "./loads.ts";

const golden = readGolden<SerializationGolden>(FILE);

function dumpsOptions(o: Record<string, unknown>): DumpsOptions {
  return {
    ensureAscii: o.ensure_ascii as boolean | undefined,
    sortKeys: o.sort_keys as boolean | undefined,
    indent: o.indent as number | string | null | undefined,
    separators: o.separators as [string, string] | undefined,
    allowNan: o.allow_nan as boolean | undefined,
  };
}

function valueOf(v: PyVal) {
  return "object" in v ? evaluatePython(v.object as string) : fromPyval(v);
}

function run(c: SerializationCase) {
  if (c.kind === "json_dumps") return outcome(() => ({ text: dumps(valueOf(c.value as PyVal), dumpsOptions(c.options as Record<string, unknown>)) }));
  const text = c.text_codepoints ? String.fromCodePoint(...(c.text_codepoints as number[])) : (c.text as string);
  return outcome(() => ({ value: toPyval(loads(text, { dict: "map" })) }));
}

describe("json against CPython's recordings", () => {
  for (const kind of ["json_dumps", "json_loads"] as const) {
    const cases = casesOf(golden, kind);
    it(`${kind}: agrees on all ${cases.length} cases`, async () => {
      expect(cases.length).toBeGreaterThan(10);
      const failures = await disagreements(cases, async (c) => {
        const got = run(c);
        if (JSON.stringify(got) !== JSON.stringify(c.expect)) throw new Error(`${c.name}:\n  want ${JSON.stringify(c.expect)}\n  got  ${JSON.stringify(got)}`);
      });
      expect(failures).toEqual([]);
    });
  }
});
