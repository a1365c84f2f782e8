// Every kind of trace event issue 19 asks for, one test each: a query sent, a referral, an
// answer, a cache hit / miss / expiry, a forged packet accepted or rejected. Each asserts the
// event's content, so leaving an event out (or emitting it with the wrong facts) fails here.
import { describe, expect, it } from "vitest";
import { createInternet, ATTACKER_ADDRESS } from "./index.ts";
import { decodeMessage } from "./message/index.ts";
import type { DnsTraceBody } from "./trace.ts";

type Event = DnsTraceBody & { t: number };

function recorded(options = {}) {
  const events: Event[] = [];
  const net = createInternet(options, (event, t) => events.push({ ...event, t }));
  const of = <K extends Event["kind"]>(kind: K, from = 0) => events.slice(from).filter((e): e is Extract<Event, { kind: K }> => e.kind === kind);
  return { net, events, of };
}

const noDefence = { randomIds: false, randomPorts: false, bailiwick: true, caseRandomization: false };
const bytes = (hex: string) => Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16));

describe("trace: queries, referrals and answers", () => {
  it("a query event per query sent, with the id, port and bytes that went on the wire", async () => {
    const { net, of } = recorded();
    await net.resolver().resolve4("www.example.test");
    const queries = of("query");
    expect(queries.map((q) => [q.server, q.address, q.qname, q.qtype, q.attempt])).toEqual([
      ["a.root-servers.test.", "198.41.0.4", "www.example.test.", "A", 1],
      ["ns1.nic.test.", "192.0.2.53", "www.example.test.", "A", 1],
      ["ns1.example.test.", "198.51.100.53", "www.example.test.", "A", 1],
    ]);
    for (const q of queries) {
      const sent = decodeMessage(bytes(q.wire.hex));
      expect(sent.id).toBe(q.msgId);
      expect(sent.question[0]).toMatchObject({ name: q.qname, type: "A" });
      expect(q.wire.size).toBe(q.wire.hex.length / 2);
    }
    expect(new Set(queries.map((q) => q.query)).size).toBe(3);
    // Each query has its response, matched by number, at send time + the round trip.
    const responses = of("response");
    expect(responses.map((r) => [r.query, r.answer])).toEqual(queries.map((q, i) => [q.query, ["referral", "referral", "answer"][i]]));
    expect(responses.map((r) => r.t - queries.find((q) => q.query === r.query)!.t)).toEqual([24, 32, 48]);
  });

  it("a referral event for each delegation followed, with the glue it carried", async () => {
    const { net, of } = recorded();
    await net.resolver().resolve4("www.example.test");
    expect(of("referral").map((r) => ({ zone: r.zone, from: r.from, nameservers: r.nameservers }))).toEqual([
      { zone: "test.", from: "a.root-servers.test.", nameservers: [{ name: "ns1.nic.test.", address: "192.0.2.53" }, { name: "ns2.nic.test.", address: "192.0.2.54" }] },
      { zone: "example.test.", from: "ns1.nic.test.", nameservers: [{ name: "ns1.example.test.", address: "198.51.100.53" }, { name: "ns2.example.test.", address: "198.51.100.54" }] },
    ]);
  });

  it("an answer event closing every resolution: rcode, records, queries, time, and whether the cache alone answered", async () => {
    const { net, of } = recorded();
    const r = net.resolver();
    await r.resolve4("www.example.test");
    await r.resolve4("www.example.test");
    await expect(r.resolve4("nope.example.test")).rejects.toMatchObject({ code: "ENOTFOUND" });
    const [first, second, missing] = of("answer");
    expect(first).toMatchObject({ name: "www.example.test.", type: "A", rcode: "NOERROR", queries: 3, ms: 104, fromCache: false });
    expect(first.records).toEqual(["www.example.test. 300 IN CNAME web.example.test.", "web.example.test. 300 IN A 192.0.2.10", "web.example.test. 300 IN A 192.0.2.11", "web.example.test. 300 IN A 192.0.2.12"]);
    expect(second).toMatchObject({ rcode: "NOERROR", queries: 0, ms: 0, fromCache: true });
    expect(missing).toMatchObject({ name: "nope.example.test.", rcode: "NXDOMAIN", records: [], queries: 1 });
    expect(of("resolve.start").map((s) => s.resolution)).toEqual([first.resolution, second.resolution, missing.resolution]);
  });
});

describe("trace: the cache", () => {
  it("a cache miss for each name and type asked that the cache does not hold", async () => {
    const { net, of } = recorded();
    await net.resolver().resolveMx("example.test");
    expect(of("cache.miss").map((m) => `${m.name} ${m.type}`)).toEqual(["example.test. MX"]);
  });

  it("a cache hit for each RRset answered from the cache, a CNAME followed from it included, with the TTL left", async () => {
    const { net, of } = recorded();
    const r = net.resolver();
    await r.resolve4("www.example.test");
    expect(of("cache.hit")).toEqual([]);
    await net.sleep(100 * 1000);
    const before = of("cache.hit").length;
    await r.resolve4("www.example.test");
    // Stored at 104 ms and 105 ms, read at 100 s + 108 ms: 199.99… s left, counted in whole seconds.
    expect(of("cache.hit", before).map((h) => [h.name, h.type, h.ttl, h.negative])).toEqual([
      ["www.example.test.", "CNAME", 199, null],
      ["web.example.test.", "A", 199, null],
    ]);
    await expect(r.resolve4("nope.example.test")).rejects.toThrow();
    await expect(r.resolveTxt("nope.example.test")).rejects.toThrow();
    // The NXDOMAIN (SOA minimum 300 s) answers every type; read 2 ms after it was stored.
    expect(of("cache.hit").at(-1)).toMatchObject({ name: "nope.example.test.", type: "TXT", negative: "NXDOMAIN", ttl: 299 });
  });

  it("a cache expiry when an entry is found past its TTL, and the name asked again", async () => {
    const { net, of } = recorded();
    const r = net.resolver();
    await r.resolve4("web.example.test");
    await net.sleep(299 * 1000);
    await r.resolve4("web.example.test");
    expect(of("cache.expire")).toEqual([]);
    await net.sleep(2 * 1000);
    const sent = of("query").length;
    await r.resolve4("web.example.test");
    // Found expired when the resolution looked, before its one query (48 ms) and the client's 1 ms back.
    expect(of("cache.expire").map((e) => [e.name, e.type, e.negative, e.t])).toEqual([["web.example.test.", "A", null, net.now() - 49]]);
    expect(of("query").length).toBe(sent + 1);
  });
});

describe("trace: forged packets", () => {
  it("the forged packet accepted, and those after it rejected: no query is waiting any more", async () => {
    const { net, of } = recorded({ seed: 3 });
    const result = await net.poison({ defences: noDefence, packetsPerWindow: 10 });
    expect(result.poisoned).toBe(true);
    const forged = of("packet").filter((p) => p.forged);
    const accepted = forged.filter((p) => p.verdict === "accepted");
    expect(accepted).toHaveLength(1);
    expect(of("query").find((q) => q.query === accepted[0].query)).toMatchObject({ qname: "w1.example.test.", msgId: accepted[0].msgId, port: 53 });
    // Sequential ids: the first guess is right, the nine behind it find nothing outstanding.
    expect(forged.map((p) => p.verdict)).toEqual(["accepted", ...Array(result.forgedPackets - 1).fill("unsolicited")]);
    expect(of("cache.store").some((s) => s.forged && s.records.includes(ATTACKER_ADDRESS))).toBe(true);
  });

  it("random ids: each forged packet rejected for its id while the real query waits", async () => {
    const { net, of } = recorded({ seed: 3 });
    const result = await net.poison({ defences: { ...noDefence, randomIds: true }, packetsPerWindow: 20, budget: 60 });
    expect(result.poisoned).toBe(false);
    const forged = of("packet").filter((p) => p.forged);
    expect(forged).toHaveLength(60);
    expect(forged.every((p) => p.verdict === "id" && p.query === null && p.port === 53)).toBe(true);
  });

  it("a wrong port, a wrong 0x20 case: rejected for that, and traced one by one up to the cap", async () => {
    const ports = recorded({ seed: 3 });
    await ports.net.poison({ defences: { ...noDefence, randomPorts: true }, packetsPerWindow: 50, budget: 150 });
    const rejected = ports.of("packet").filter((p) => p.forged);
    expect(rejected.length).toBe(100);
    expect(rejected.every((p) => p.verdict === "port")).toBe(true);
    expect(ports.of("race").reduce((n, r) => n + r.forged, 0)).toBe(150);
    const cases = recorded({ seed: 3 });
    await cases.net.poison({ defences: { ...noDefence, caseRandomization: true }, packetsPerWindow: 10, budget: 40 });
    expect(cases.of("packet").some((p) => p.forged && p.verdict === "case")).toBe(true);
    expect(cases.of("packet").some((p) => p.forged && p.verdict === "accepted")).toBe(false);
  });
});
