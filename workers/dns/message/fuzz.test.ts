// Malformed input never hangs the decoder nor escapes as anything but the engine's errors:
// golden wires mutated by a seeded PRNG (bytes flipped, pointers planted, counts raised, cut
// short, bytes inserted) are decoded, each within a time bound. Whatever decodes must also
// encode again (with and without compression) and decode to the same records, and print text that reads back the same.
// (readGolden reads golden/dns.json from $GOLDEN_DIR instead when that is set.)
import { describe, expect, it } from "vitest";
import { readGolden } from "../../testing/golden.ts";
import { intBetween, mulberry32, pick, type Rng } from "../../testing/prng.ts";
import { DnsError, decodeMessage, encodeMessage, nameFromText, nameToText, rdataFromText, rdataToText, type DecodedMessage } from "./index.ts";
import { FILE, hex, unhex, type DnsGolden } from "./testing/golden.ts";

const golden = readGolden<DnsGolden>(FILE);
const seeds: Uint8Array[] = golden.cases.flatMap((c) => {
  const wires = [c.input.wire_hex, c.expect.wire_hex, c.expect.wire_uncompressed_hex].filter((w): w is string => typeof w === "string");
  return wires.map(unhex);
});

function mutate(rng: Rng, wire: Uint8Array): Uint8Array {
  const bytes = [...wire];
  const edits = intBetween(rng, 1, 4);
  for (let e = 0; e < edits; e++) {
    const at = bytes.length === 0 ? 0 : intBetween(rng, 0, bytes.length - 1);
    switch (pick(rng, ["flip", "byte", "pointer", "count", "cut", "insert", "label"] as const)) {
      case "flip":
        bytes[at] ^= 1 << intBetween(rng, 0, 7);
        break;
      case "byte":
        bytes[at] = intBetween(rng, 0, 255);
        break;
      case "pointer":
        bytes.splice(at, 2, 0xc0 | intBetween(rng, 0, 3), intBetween(rng, 0, 255));
        break;
      case "count":
        if (bytes.length >= 12) bytes[pick(rng, [5, 7, 9, 11])] = intBetween(rng, 0, 6);
        break;
      case "cut":
        bytes.length = at;
        break;
      case "insert":
        bytes.splice(at, 0, ...Array.from({ length: intBetween(rng, 1, 8) }, () => intBetween(rng, 0, 255)));
        break;
      case "label":
        bytes[at] = pick(rng, [0x3f, 0x40, 0x80, 0xbf, 0xff, 0]);
        break;
    }
  }
  return Uint8Array.from(bytes.map((b) => b & 0xff));
}

const records = (m: DecodedMessage) => [m.answer, m.authority, m.additional].map((s) => s.map((r) => [r.name, r.type, r.class, r.ttl, r.rdata]));

describe("decoding mutated messages", () => {
  it("returns or throws a DnsError, quickly, for 20,000 mutants of the golden wires", () => {
    expect(seeds.length).toBeGreaterThan(50);
    const rng = mulberry32(0x5eed);
    const outcomes = { decoded: 0, rejected: new Map<string, number>() };
    let slowest = 0;
    for (let i = 0; i < 20_000; i++) {
      const wire = mutate(rng, pick(rng, seeds));
      const start = performance.now();
      let message: DecodedMessage | null = null;
      try {
        message = decodeMessage(wire);
      } catch (e) {
        if (!(e instanceof DnsError)) throw new Error(`${hex(wire)} threw ${String(e)}`, { cause: e });
        outcomes.rejected.set(e.pyClass, (outcomes.rejected.get(e.pyClass) ?? 0) + 1);
      }
      slowest = Math.max(slowest, performance.now() - start);
      if (!message) continue;
      outcomes.decoded++;
      // What decodes re-encodes to bytes that decode to the same records and question: exactly
      // without compression, and but for the case of names with it (the table ignores case).
      const plain = decodeMessage(encodeMessage(message, { compress: false }));
      expect([plain.question, records(plain)], hex(wire)).toEqual([message.question, records(message)]);
      const compressed = decodeMessage(encodeMessage(message));
      expect(JSON.stringify([compressed.question, records(compressed)]).toLowerCase(), hex(wire)).toBe(JSON.stringify([message.question, records(message)]).toLowerCase());
      for (const section of [message.answer, message.authority, message.additional])
        for (const r of section) {
          expect(nameToText(nameFromText(r.name)), hex(wire)).toBe(r.name);
          // dnspython reads \DDD in CAA text as a character and writes it as UTF-8, so a CAA
          // value with bytes above 0x7f does not read back the same; the engine does as it does.
          if (r.data.kind === "CAA" && r.data.value.some((b) => b > 0x7f)) continue;
          expect(rdataToText(rdataFromText(r.type, r.rdata, r.class)), `${r.type} ${r.rdata}`).toBe(r.rdata);
        }
    }
    // Both outcomes occur, and the planted faults meet the errors meant for them.
    expect(outcomes.decoded).toBeGreaterThan(500);
    for (const error of ["FormError", "BadPointer", "BadLabelType", "TrailingJunk"]) expect(outcomes.rejected.get(error) ?? 0, error).toBeGreaterThan(0);
    // Generous for a busy machine: a hang or a runaway pointer chain would take far longer.
    expect(slowest).toBeLessThan(250);
  });
});
