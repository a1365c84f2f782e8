// Replays every int_bytes case of golden/serialization.json: int.to_bytes / int.from_bytes
// (CPython 3.11), bytes, values and each error's type and message.
// (readGolden reads golden/serialization.json from $GOLDEN_DIR instead when that is set.)
import { describe, expect, it } from "vitest";
import { disagreements, readGolden } from "../testing/golden.ts";
import { casesOf, outcome, type SerializationCase, FILE, type SerializationGolden } from "./testing/golden-cases.ts";
import { bytesToHex, fromPyval, hexToBytes, toPyval, type PyVal } from "./testing/pyval.ts";
import { intFromBytes, intToBytes } from "./int-bytes.ts";

const golden = readGolden<SerializationGolden>(FILE);

const cases = casesOf(golden, "int_bytes");

const run = (c: SerializationCase) =>
  c.op === "to_bytes"
    ? outcome(() => ({ hex: bytesToHex(intToBytes(fromPyval(c.value as PyVal) as bigint, c.length as number, c.byteorder as string, c.signed as boolean)) }))
    : outcome(() => ({ value: toPyval(intFromBytes(hexToBytes(c.hex as string), c.byteorder as string, c.signed as boolean)) }));

describe("int.to_bytes / int.from_bytes against CPython's recordings", () => {
  it(`agrees on all ${cases.length} cases`, async () => {
    expect(cases.length).toBeGreaterThan(10);
    const failures = await disagreements(cases, async (c) => {
      const got = run(c);
      if (JSON.stringify(got) !== JSON.stringify(c.expect)) throw new Error(`${c.name}:\n  want ${JSON.stringify(c.expect)}\n  got  ${JSON.stringify(got)}`);
    });
    expect(failures).toEqual([]);
  });
});
