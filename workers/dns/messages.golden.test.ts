// Replays every case of golden/dns.json (dnspython 2.8): queries and responses to bytes
// (compressed exactly as dnspython compresses), decodes of built and malformed messages, name
// operations and record-data text. A case of a kind without a replayer fails the run.
// (readGolden reads golden/dns.json from $GOLDEN_DIR instead when that is set.)
import { describe, expect, it } from "vitest";
import { disagreements, readGolden } from "../testing/golden.ts";
import { FILE, KINDS, REPLAYERS, type DnsCase, type DnsGolden, type Kind } from "./message/testing/golden.ts";

const golden = readGolden<DnsGolden>(FILE);

describe("the DNS message layer against dnspython's recordings", () => {
  it("has a replayer for every case's kind", () => {
    expect(golden.cases.length).toBeGreaterThan(100);
    expect(golden.cases.filter((c) => !(KINDS as readonly string[]).includes(c.kind)).map((c) => `${c.name} (${c.kind})`)).toEqual([]);
  });

  for (const kind of KINDS) {
    const cases = golden.cases.filter((c): c is DnsCase & { kind: Kind } => c.kind === kind);
    it(`agrees on every ${kind} case (${cases.length})`, async () => {
      expect(cases.length).toBeGreaterThan(5);
      const failures = await disagreements(cases, (c) => Promise.resolve(REPLAYERS[kind](c)));
      expect(failures).toEqual([]);
    });
  }
});
