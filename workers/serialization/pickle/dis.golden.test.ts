// Replays pickletools.dis on every pickle of golden/serialization.json: the bytes CPython's
// pickler wrote (kind pickle, and their pickletools.optimize'd form) and the hand-made ones
// (kind pickle_dis: malicious, truncated, garbage), text and errors exactly.
import { describe, expect, it } from "vitest";
import { disagreements, readGolden } from "../../testing/golden.ts";
// readGolden reads $GOLDEN_DIR when it is set, else the repository's golden/ (DESIGN §7).
import { casesOf, FILE, type SerializationGolden } from "../testing/golden-cases.ts";
import { hexToBytes } from "../testing/pyval.ts";
import { PyException } from "../values.ts";
import { dis, DisError } from "./dis.ts";

const golden = readGolden<SerializationGolden>(FILE);

function disOutcome(hex: string) {
  try {
    return { ok: true, dis: dis(hexToBytes(hex)) };
  } catch (e) {
    if (!(e instanceof DisError)) throw e;
    return { ok: false, dis_partial: e.partial, error: { type: e.type, message: e.message } };
  }
}

describe("pickletools.dis against CPython's recordings", () => {
  it("disassembles every recorded pickle (and its optimized form) exactly", async () => {
    const cases = casesOf(golden, "pickle");
    expect(cases.length).toBeGreaterThan(100);
    const failures = await disagreements(cases, async (c) => {
      const e = c.expect as { hex: string; dis: string; optimized_hex?: string; optimized_dis?: string };
      expect(dis(hexToBytes(e.hex)), c.name).toBe(e.dis);
      if (e.optimized_hex) expect(dis(hexToBytes(e.optimized_hex)), `${c.name} optimized`).toBe(e.optimized_dis);
    });
    expect(failures).toEqual([]);
  });

  it("agrees on every hand-made pickle, errors and partial text included", async () => {
    const cases = casesOf(golden, "pickle_dis");
    expect(cases.length).toBeGreaterThan(10);
    const failures = await disagreements(cases, async (c) => {
      const got = disOutcome(c.hex as string);
      if (JSON.stringify(got) !== JSON.stringify(c.expect)) throw new Error(`${c.name}:\n  want ${JSON.stringify(c.expect)}\n  got  ${JSON.stringify(got)}`);
    });
    expect(failures).toEqual([]);
  });

  it("raises PyException subclasses only", () => {
    expect(() => dis(Uint8Array.of(0x4b))).toThrow(PyException);
  });
});
