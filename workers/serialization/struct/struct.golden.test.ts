// Replays every struct case of golden/serialization.json (CPython 3.11, x86-64 Linux): pack's
// bytes, size and round trip, unpack's values (floats by their bits), calcsize, iter_unpack, and
// each error's type and exact message.
import { describe, expect, it } from "vitest";
import { disagreements, readGolden } from "../../testing/golden.ts";
// readGolden reads $GOLDEN_DIR when it is set, else the repository's golden/ (DESIGN §7).
import { casesOf, outcome, type SerializationCase, FILE, type SerializationGolden } from "../testing/golden-cases.ts";
import { bytesToHex, fromPyval, hexToBytes, toPyval, type PyVal } from "../testing/pyval.ts";
import { calcsize, iterUnpack, pack, unpack } from "./index.ts";

const golden = readGolden<SerializationGolden>(FILE);

const cases = casesOf(golden, "struct");

function run(c: SerializationCase): Record<string, unknown> {
  const format = c.format as string;
  switch (c.op) {
    case "pack":
      return outcome(() => {
        const { bytes } = pack(format, (c.values as PyVal[]).map(fromPyval));
        return { hex: bytesToHex(bytes), size: calcsize(format), unpacked: unpack(format, bytes).values.map(toPyval) };
      });
    case "unpack":
      return outcome(() => ({ values: unpack(format, hexToBytes(c.hex as string)).values.map(toPyval) }));
    case "calcsize":
      return outcome(() => ({ size: calcsize(format) }));
    case "iter_unpack":
      return outcome(() => ({ values: iterUnpack(format, hexToBytes(c.hex as string)).values.map((row) => row.map(toPyval)) }));
  }
  throw new Error(`unknown struct op ${c.op}`);
}

describe("struct against CPython's recordings", () => {
  it(`agrees on all ${cases.length} cases`, async () => {
    expect(cases.length).toBeGreaterThan(100);
    const failures = await disagreements(cases, async (c) => {
      const got = run(c);
      try {
        expect(got).toEqual(c.expect);
      } catch {
        throw new Error(`${c.name} (${c.op} ${JSON.stringify(c.format)}):\n  want ${JSON.stringify(c.expect)}\n  got  ${JSON.stringify(got)}`);
      }
    });
    expect(failures).toEqual([]);
  });
});
