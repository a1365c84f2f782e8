// bridge-answer.ts without a socket: well-formed queries for odd names and types, in the
// internet's plain virtual time, so thousands run in a second. Every one must be resolved (no
// exception turned into a SERVFAIL) and answered with the id and question it asked.
import { describe, expect, it } from "vitest";
import { answerDatagram } from "./bridge-answer.ts";
import { createInternet } from "./index.ts";
import { decodeMessage, encodeMessage, makeQuery, nameFromLabels, nameToText } from "./message/index.ts";
import { intBetween, mulberry32, pick } from "../testing/prng.ts";

const TYPES = ["A", "AAAA", "MX", "TXT", "NS", "SOA", "CNAME", "PTR", "SRV", "CAA", "HINFO", "TYPE65", "TYPE65535"];
const UNDER = ["example.test.", "www.example.test.", "api.example.test.", "test.", "cloud.example.", "shop.test.", "lame.test.", "loop-a.example.test.", "."];

describe("answerDatagram on odd but well-formed queries", () => {
  it("resolves 2,000 random names (any byte in a label) and types, each reply carrying its id and question", async () => {
    const resolver = createInternet().newResolver();
    const rng = mulberry32(0xd15);
    const thrown: string[] = [];
    const rcodes = new Set<number>();
    for (let id = 0; id < 2000; id++) {
      const labels = Array.from({ length: intBetween(rng, 0, 2) }, () => Uint8Array.from({ length: intBetween(rng, 1, 12) }, () => (rng() < 0.6 ? intBetween(rng, 97, 122) : intBetween(rng, 0, 255))));
      const prefix = labels.length > 0 ? nameToText(nameFromLabels([...labels, new Uint8Array(0)])) : "";
      const under = pick(rng, UNDER);
      const name = prefix === "" ? under : under === "." ? prefix : `${prefix}${under}`;
      const query = makeQuery(name, pick(rng, TYPES), { id, edns: rng() < 0.5 });
      const reply = await answerDatagram(encodeMessage(query), (n, t) =>
        resolver.resolve(n, t).catch((e: Error) => {
          thrown.push(`${n} ${t}: ${e.message}`);
          throw e;
        }),
      );
      const answer = decodeMessage(reply!);
      expect(answer.id).toBe(id);
      expect(answer.question).toEqual(query.question);
      expect(answer.flags).toMatchObject({ qr: true, ra: true, aa: false });
      rcodes.add(answer.flags.rcode);
    }
    expect(thrown.slice(0, 3)).toEqual([]);
    expect([...rcodes].sort()).toEqual([0, 2, 3]); // NOERROR, SERVFAIL (the loop, the lame zone), NXDOMAIN
  });
});
