// The UDP bridge with Node's own resolver (c-ares) as the client: each answer is compared with
// what the in-engine node-api gives for the same question on the same internet.
import { Resolver } from "node:dns/promises";
import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { startDnsBridge, type DnsBridge, type DnsBridgeOptions, type ServedQuery } from "./bridge.ts";
import { exchange } from "./testing/udp.ts";
import { decodeMessage, encodeMessage, makeQuery } from "./message/index.ts";

const open: DnsBridge[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

async function bridge(options: DnsBridgeOptions = {}) {
  const served: ServedQuery[] = [];
  const b = await startDnsBridge({ ...options, onQuery: (q) => served.push(q) });
  open.push(b);
  const client = new Resolver({ timeout: 2000, tries: 1 });
  client.setServers([`127.0.0.1:${b.port}`]);
  return { b, client, served, engine: b.internet.resolver() };
}

/** The outcome of a call as data: its value, or the error's Node fields. */
async function outcome(call: Promise<unknown>): Promise<unknown> {
  try {
    return { value: await call };
  } catch (e) {
    const { code, syscall, hostname } = e as { code: string; syscall: string; hostname: string };
    return { code, syscall, hostname };
  }
}

describe("the bridge answers Node's dns.Resolver as the in-engine API does", () => {
  it("records of every type, TTLs included, from cold caches on both sides", async () => {
    const { client, engine } = await bridge();
    const calls: [string, (r: typeof engine | Resolver) => Promise<unknown>][] = [
      ["resolve4 ttl www", (r) => r.resolve4("www.example.test", { ttl: true })],
      ["resolve4 ttl cross-zone chain", (r) => r.resolve4("api.example.test", { ttl: true })],
      ["resolve4 glueless", (r) => r.resolve4("www.shop.test")],
      ["resolve6", (r) => r.resolve6("web.example.test", { ttl: true })],
      ["resolveMx", (r) => r.resolveMx("example.test")],
      ["resolveTxt", (r) => r.resolveTxt("example.test")],
      ["resolveCname", (r) => r.resolveCname("www.example.test")],
      ["resolveNs", (r) => r.resolveNs("example.test")],
      ["resolveSoa", (r) => r.resolveSoa("example.test")],
    ];
    for (const [what, call] of calls) {
      const inEngine = await outcome(call(engine));
      expect(inEngine, what).toHaveProperty("value");
      expect(await outcome(call(client)), what).toEqual(inEngine);
    }
  });

  it("ENOTFOUND, ENODATA and ESERVFAIL (CNAME loop, lame delegation), twice: fresh and from the cache", async () => {
    const { client, engine } = await bridge();
    const calls: [string, (r: typeof engine | Resolver) => Promise<unknown>][] = [
      ["ENOTFOUND", (r) => r.resolve4("nope.example.test")],
      ["ENODATA", (r) => r.resolveMx("web.example.test")],
      ["ESERVFAIL loop", (r) => r.resolve4("loop-a.example.test")],
      ["ESERVFAIL lame", (r) => r.resolve4("www.lame.test")],
      ["ENOTFOUND under a TLD", (r) => r.resolveTxt("no-such-zone.test")],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [code, call] of calls) {
        const inEngine = await outcome(call(engine));
        expect(inEngine, code).toMatchObject({ code: code.split(" ")[0] });
        expect(await outcome(call(client)), code).toEqual(inEngine);
      }
    }
  });

  it("stays silent when every server asked is (the in-engine ETIMEOUT), so the client times out too", async () => {
    const { b, client } = await bridge({ resolver: { timeout: 100, tries: 1 } });
    const engine = b.internet.resolver({ timeout: 100, tries: 1 });
    // Silent behind a referral the resolver just followed is a server failure, on both sides…
    b.internet.setServer("ns1.example.test", { silent: true });
    b.internet.setServer("ns2.example.test", { silent: true });
    const inEngine = await outcome(engine.resolve4("mail.example.test"));
    expect(inEngine).toMatchObject({ code: "ESERVFAIL" });
    expect(await outcome(client.resolve4("mail.example.test"))).toEqual(inEngine);
    // …while silence from the first servers asked (the zone's, cached) is a timeout.
    const patient = new Resolver({ timeout: 600, tries: 1 });
    patient.setServers([`127.0.0.1:${b.port}`]);
    await expect(engine.resolve4("backup-mail.example.test")).rejects.toMatchObject({ code: "ETIMEOUT" });
    await expect(patient.resolve4("backup-mail.example.test")).rejects.toMatchObject({ code: "ETIMEOUT" });
  });
});

describe("the bridge's clock follows the wall", () => {
  it("a cold resolution takes its simulated latency in wall time; a cached one does not", async () => {
    const { client, served } = await bridge();
    let t = performance.now();
    await client.resolve4("www.example.test");
    const cold = performance.now() - t;
    // root 24 + TLD 32 + authoritative 48 ms, one after the other
    expect(served[0].result).toMatchObject({ queries: 3, ms: 104 });
    expect(cold).toBeGreaterThanOrEqual(100);
    t = performance.now();
    await client.resolve4("www.example.test");
    expect(served[1].result).toMatchObject({ queries: 0, ms: 0 });
    expect(performance.now() - t).toBeLessThan(cold);
  });

  it("counts cached TTLs down in real seconds", async () => {
    const { client, served } = await bridge();
    const [first] = await client.resolve4("mail.example.test", { ttl: true });
    expect(first.ttl).toBe(3600);
    await new Promise((r) => setTimeout(r, 1200));
    const [again] = await client.resolve4("mail.example.test", { ttl: true });
    expect(served[1].result.queries).toBe(0);
    expect(again.ttl).toBeLessThanOrEqual(3598);
    expect(again.ttl).toBeGreaterThanOrEqual(3590);
  });
});

describe("the bridge and bad datagrams", () => {
  it("FORMERR for what does not decode, nothing for what has no header or is a response, and serves on", async () => {
    const { b, client } = await bridge();
    const ok = async () => expect(await client.resolve4("mail.example.test")).toEqual(["192.0.2.25"]);
    // A header, then a question whose name is a pointer to itself.
    const loop = Uint8Array.from([0xbe, 0xef, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 0x0c, 0, 1, 0, 1]);
    const reply = await exchange(b.port, loop);
    expect(reply && [...reply.subarray(0, 4)]).toEqual([0xbe, 0xef, 0x81, 0x01]); // id, QR + RD, FORMERR
    await ok();
    // A question cut off in the middle of its name.
    const cut = await exchange(b.port, Uint8Array.from([0x12, 0x34, 0x00, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 3, 0x77, 0x77]));
    expect(cut && [...cut.subarray(0, 4)]).toEqual([0x12, 0x34, 0x80, 0x01]);
    expect(await exchange(b.port, Uint8Array.from([0x12, 0x34, 0x01, 0x00, 0]))).toBeNull(); // a truncated header
    expect(await exchange(b.port, new Uint8Array(0))).toBeNull();
    expect(await exchange(b.port, Uint8Array.from([0x12, 0x34, 0x81, 0x80, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull(); // a response
    await ok();
  });

  it("random bytes get a FORMERR with their id or no reply, never a crash", async () => {
    const { b, client } = await bridge();
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    let formerr = 0;
    for (let i = 0; i < 40; i++) {
      const bytes = Uint8Array.from({ length: 1 + (random() % 60) }, random);
      bytes[2] &= 0x7f; // a query, so the bridge has to look
      const reply = await exchange(b.port, bytes, 150);
      if (!reply) continue;
      expect([...reply.subarray(0, 2)]).toEqual([...bytes.subarray(0, 2)]);
      expect(reply[2] & 0x80).toBe(0x80);
      if ((reply[3] & 0x0f) === 1) formerr++;
    }
    expect(formerr).toBeGreaterThan(0);
    expect(await client.resolve4("www.shop.test")).toEqual(["203.0.113.20"]);
  });
});

describe("queries a resolver does not take, and answers too big for UDP", () => {
  const ask = (name: string, type: string, options: Parameters<typeof makeQuery>[2]) => encodeMessage(makeQuery(name, type, options));

  it("REFUSED for class CH, NOTIMP for ANY and for another opcode, FORMERR for two questions", async () => {
    const { b } = await bridge();
    const rcodeOf = async (bytes: Uint8Array) => {
      const reply = decodeMessage((await exchange(b.port, bytes))!);
      return { id: reply.id, qr: reply.flags.qr, ra: reply.flags.ra, rcode: reply.flags.rcode };
    };
    expect(await rcodeOf(ask("version.bind", "TXT", { id: 1, class: "CH" }))).toEqual({ id: 1, qr: true, ra: true, rcode: 5 });
    expect(await rcodeOf(ask("example.test", "ANY", { id: 2 }))).toMatchObject({ id: 2, rcode: 4 });
    const status = ask("example.test", "A", { id: 3 });
    status[2] |= 2 << 3; // opcode STATUS
    expect(await rcodeOf(status)).toMatchObject({ id: 3, rcode: 4 });
    const two = makeQuery("example.test", "A", { id: 4 });
    expect(await rcodeOf(encodeMessage({ ...two, question: [...two.question, ...two.question] }))).toMatchObject({ id: 4, rcode: 1 });
  });

  it("sets TC past 512 bytes, or past the client's EDNS payload size", async () => {
    const { b } = await bridge();
    const strings = Array.from({ length: 12 }, (_, i) => `"${String(i).padStart(60, "x")}"`);
    b.internet.zone("example.test").set("big", "TXT", 300, strings);
    const plain = decodeMessage((await exchange(b.port, ask("big.example.test", "TXT", { id: 5 })))!);
    expect(plain.flags.tc).toBe(true);
    expect(plain.answer).toEqual([]);
    const edns = decodeMessage((await exchange(b.port, ask("big.example.test", "TXT", { id: 6, edns: { payload: 4096 } })))!);
    expect(edns.flags.tc).toBe(false);
    expect(edns.answer.map((r) => r.rdata).sort()).toEqual([...strings].sort());
  });
});
