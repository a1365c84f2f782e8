// Replays every pickle case of golden/serialization.json: pickle.dumps(value, protocol) from
// CPython 3.11's C pickler, byte for byte, for protocols 0–5 (values built from the recorded
// pyval, or from the recorded Python snippet where it shares or nests objects), and
// pickletools.optimize where recorded.
import { describe, expect, it } from "vitest";
import { disagreements, readGolden } from "../../testing/golden.ts";
// readGolden reads $GOLDEN_DIR when it is set, else the repository's golden/ (DESIGN §7).
import { casesOf, type SerializationCase, FILE, type SerializationGolden } from "../testing/golden-cases.ts";
import { bytesToHex, fromPyval, hexToBytes, toPyval, type PyVal } from "../testing/pyval.ts";
import { evaluatePython } from "../testing/python-expr.ts";
import { dumps } from "./dumps.ts";
import { optimize } from "./optimize.ts";

const golden = readGolden<SerializationGolden>(FILE);

/**
 * The value, built from the recorded Python snippet where it can be, since only the snippet
 * shows which objects are shared ("a = [1, 2]; [a, a]", "[[]] * 2"); it must agree with the
 * recorded pyval. A snippet beyond python-expr.ts falls back to the pyval.
 */
function valueOf(c: SerializationCase) {
  const value = c.value as PyVal;
  let built;
  try {
    built = evaluatePython(c.python as string);
  } catch (e) {
    if ("object" in value) throw e;
    return fromPyval(value);
  }
  if (!("object" in value)) expect(toPyval(built), `${c.name}: the snippet's value`).toEqual(value);
  return built;
}

describe("pickle.dumps against CPython's recordings", () => {
  const cases = casesOf(golden, "pickle");
  it(`writes the recorded bytes for all ${cases.length} cases`, async () => {
    expect(cases.length).toBeGreaterThan(100);
    const failures = await disagreements(cases, async (c) => {
      const e = c.expect as { hex: string; length: number; optimized_hex?: string };
      const got = dumps(valueOf(c), c.protocol as number);
      if (bytesToHex(got) !== e.hex || got.length !== e.length) throw new Error(`${c.name}:\n  want ${e.hex}\n  got  ${bytesToHex(got)}`);
      if (e.optimized_hex && bytesToHex(optimize(hexToBytes(e.hex))) !== e.optimized_hex) {
        throw new Error(`${c.name} optimized:\n  want ${e.optimized_hex}\n  got  ${bytesToHex(optimize(hexToBytes(e.hex)))}`);
      }
    });
    expect(failures).toEqual([]);
  });
});
