// The DNS visualization's reading of real traces: playground/dns on a hand-driven run clock, its
// events collected, read back as walks, lanes, caches, hex cells and races.
import { describe, expect, it } from "vitest";
import { dnsModule } from "../../../workers/dns/playground";
import type { TraceEvent } from "../../../workers/trace";
import { bare, cacheAt, describeWireByte, lanesOf, outcomeText, raceFor, shownMessage, walkOption, walkSummary, wireCells } from "./model";
import { currentWalk, readDns } from "./read";

function engine() {
  const trace: TraceEvent[] = [];
  const dns = dnsModule({ now: () => 0, trace: (e) => trace.push(e) });
  return { net: dns.createInternet(), trace };
}

describe("the DNS visualization's model", () => {
  it("reads a cold resolution as a walk down the hierarchy, one lane per server, and the next as a cache hit", async () => {
    const { net, trace } = engine();
    const resolver = net.resolver();
    await resolver.resolve4("www.example.test");
    await resolver.resolve4("www.example.test");
    const run = readDns(trace);
    expect(run.walks).toHaveLength(2);
    const [cold, warm] = run.walks;
    expect(lanesOf(cold, run).map((l) => [l.name, l.role])).toEqual([
      ["resolver", "resolution 1"],
      ["a.root-servers.test", "root"],
      ["ns1.nic.test", "tld"],
      ["ns1.example.test", "authoritative"],
    ]);
    expect(cold.hops.map(outcomeText)).toEqual(["referral to test", "referral to example.test", "answer (authoritative)"]);
    expect(cold.hops.map((h) => (h.outcome?.kind === "response" ? h.outcome.rttMs : null))).toEqual([24, 32, 48]);
    expect(walkSummary(cold)).toMatch(/^A www\.example\.test: NOERROR, 4 records, 3 queries, \d+ ms$/);
    expect(warm.hops).toEqual([]);
    expect(walkOption(warm, 1)).toBe("2. A www.example.test → NOERROR (cache), 0 queries");
    expect(currentWalk(run)).toBe(warm);
  });

  it("holds what had happened by the playhead: a query still out is waiting, and its walk is the current one", async () => {
    const { net, trace } = engine();
    await net.resolver().resolve4("example.test");
    const firstQuery = trace.findIndex((e) => e.source === "dns" && e.kind === "query");
    const run = readDns(trace.slice(0, firstQuery + 1));
    const walk = currentWalk(run)!;
    expect(walk.hops).toHaveLength(1);
    expect(outcomeText(walk.hops[0])).toBe("waiting…");
    expect(shownMessage(walk)?.kind).toBe("query");
  });

  it("groups the learner's own queries into one walk until something else happens on that internet", async () => {
    const { net, trace } = engine();
    await net.query("a.root-servers.test", "web.example.test", "A");
    await net.query("192.0.2.53", "web.example.test", "A");
    await net.sleep(1000);
    await net.query("198.51.100.53", "web.example.test", "MX");
    const run = readDns(trace);
    expect(run.walks.map((w) => [w.resolution, w.hops.length, bare(w.name), w.type])).toEqual([
      [null, 2, "web.example.test", "A"],
      [null, 1, "web.example.test", "MX"],
    ]);
    expect(lanesOf(run.walks[0], run)[0].name).toBe("your code");
    expect(outcomeText(run.walks[1].hops[0])).toBe("NODATA: no record of that type");
  });

  it("counts TTLs down at the playhead's time and marks entries that ran out", async () => {
    const { net, trace } = engine();
    await net.resolver().resolve4("web.example.test");
    const run = readDns(trace);
    const stored = trace.find((e) => e.source === "dns" && e.kind === "cache.store" && e.name === "web.example.test." && e.type === "A")!;
    const at = (s: number) => cacheAt(run, 1, stored.t + s * 1000).find((l) => l.name === "web.example.test." && l.type === "A")!;
    expect(at(0).left).toBe(300);
    expect(at(100).left).toBe(200);
    expect(at(301).left).toBe(0);
    expect(at(0).records).toHaveLength(3);
    // The order: what expires next first, expired entries last.
    const lines = cacheAt(run, 1, stored.t + 301_000);
    expect(lines.at(-1)?.left).toBe(0);
    expect(lines[0].left).toBeGreaterThan(0);
  });

  it("gives every byte of a message its field, in words", async () => {
    const { net, trace } = engine();
    await net.query("198.51.100.53", "www.example.test", "A");
    const walk = readDns(trace).walks[0];
    const response = shownMessage(walk)!;
    expect(response.kind).toBe("response");
    const cells = wireCells(response.wire);
    expect(cells).toHaveLength(response.wire.size);
    expect(cells.every((c) => c.field !== -1)).toBe(true);
    expect(describeWireByte(response.wire, cells[0])).toMatch(/^Byte 0 is 0x[0-9a-f]{2} \(\d+\): header\.id, id \d+, bytes 0–1\.$/);
    expect(describeWireByte(response.wire, cells[12])).toMatch(/: question\[0\]\.name, www\.example\.test\./);
  });

  it("counts a poisoning race's forged packets by the resolver's verdict", async () => {
    const { net, trace } = engine();
    const result = await net.poison({ defences: { randomPorts: false }, budget: 400 });
    const race = raceFor(readDns(trace), undefined)!;
    expect(race.forged).toBe(result.forgedPackets);
    expect(race.windows).toBe(result.windows);
    expect(race.won).toBe(false);
    expect(race.verdicts.accepted ?? 0).toBe(0);
    expect(race.verdicts.id).toBeGreaterThan(0);
    expect(race.judged).toBe(Object.values(race.verdicts).reduce((a, b) => a + b, 0));
  });
});
