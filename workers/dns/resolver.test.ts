import { describe, expect, it } from "vitest";
import { createInternet } from "./index.ts";
import type { DnsTraceBody } from "./trace.ts";

function traced(options = {}) {
  const events: (DnsTraceBody & { t: number })[] = [];
  const net = createInternet(options, (e, t) => events.push({ ...e, t }));
  return { net, events };
}

describe("the recursive resolver", () => {
  it("follows referrals from the root and a CNAME to three A records", async () => {
    const { net, events } = traced();
    const r = net.resolver();
    const addresses = await r.resolve4("www.example.test", { ttl: true });
    expect(addresses.map((a) => a.address).sort()).toEqual(["192.0.2.10", "192.0.2.11", "192.0.2.12"]);
    expect(addresses[0].ttl).toBe(300);
    const servers = events.filter((e) => e.kind === "query").map((e) => (e.kind === "query" ? e.server : ""));
    expect(servers).toEqual(["a.root-servers.test.", "ns1.nic.test.", "ns1.example.test."]);
    expect(events.filter((e) => e.kind === "referral").map((e) => (e.kind === "referral" ? e.zone : ""))).toEqual(["test.", "example.test."]);
    // root 24 + TLD 32 + authoritative 48 + the app's 2 ms to the resolver
    expect(net.now()).toBe(106);
  });
});

describe("caching, TTLs and negative answers", () => {
  it("answers from the cache until the TTL runs out, then asks again and sees a changed zone", async () => {
    const { net, events } = traced();
    const r = net.resolver();
    await r.resolve4("mail.example.test");
    const queries = () => events.filter((e) => e.kind === "query").length;
    const before = queries();
    net.zone("example.test").set("mail", "A", 3600, "192.0.2.99");
    await net.sleep(1000 * 1000);
    expect(await r.resolve4("mail.example.test", { ttl: true })).toEqual([{ address: "192.0.2.25", ttl: 2599 }]);
    expect(queries()).toBe(before);
    await net.sleep(2600 * 1000);
    expect(await r.resolve4("mail.example.test")).toEqual(["192.0.2.99"]);
    expect(events.some((e) => e.kind === "cache.expire" && e.name === "mail.example.test.")).toBe(true);
    expect(queries()).toBeGreaterThan(before);
  });

  it("caches NXDOMAIN for the SOA minimum (RFC 2308) and throws Node's ENOTFOUND / ENODATA", async () => {
    const { net, events } = traced();
    const r = net.resolver();
    await expect(r.resolve4("nope.example.test")).rejects.toMatchObject({ code: "ENOTFOUND", syscall: "queryA", hostname: "nope.example.test", message: "queryA ENOTFOUND nope.example.test" });
    await expect(r.resolveMx("web.example.test")).rejects.toMatchObject({ code: "ENODATA", message: "queryMx ENODATA web.example.test" });
    const stored = events.find((e) => e.kind === "cache.store" && e.negative === "NXDOMAIN");
    expect(stored).toMatchObject({ name: "nope.example.test.", ttl: 300 });
    const n = events.length;
    await expect(r.resolve6("nope.example.test")).rejects.toMatchObject({ code: "ENOTFOUND" });
    expect(events.slice(n).some((e) => e.kind === "query")).toBe(false);
    await net.sleep(301 * 1000);
    await expect(r.resolve6("nope.example.test")).rejects.toMatchObject({ code: "ENOTFOUND" });
    expect(events.slice(n).some((e) => e.kind === "query")).toBe(true);
  });

  it("a cached NODATA for a name's CNAME is not an alias: other types of the name still resolve", async () => {
    const { net } = traced();
    const r = net.resolver();
    await expect(r.resolveCname("example.test")).rejects.toMatchObject({ code: "ENODATA" });
    expect(await r.resolve4("example.test")).toEqual(["192.0.2.10"]);
    await expect(r.resolveCname("example.test")).rejects.toMatchObject({ code: "ENODATA" });
  });

  it("rotates the A records of a cached RRset on each answer (round robin)", async () => {
    const { net } = traced();
    const r = net.resolver();
    const firsts = [];
    for (let i = 0; i < 4; i++) firsts.push((await r.resolve4("web.example.test"))[0]);
    expect(new Set(firsts.slice(0, 3)).size).toBe(3);
    expect(firsts[3]).toBe(firsts[0]);
  });
});

describe("record types in Node's shapes", () => {
  it("gives MX, TXT, SOA, NS, CNAME and lookup as dns.promises does", async () => {
    const { net } = traced();
    const r = net.resolver();
    expect(await r.resolveMx("example.test")).toEqual([{ exchange: "mail.example.test", priority: 10 }, { exchange: "backup-mail.example.test", priority: 20 }]);
    expect(await r.resolveTxt("example.test")).toEqual([["v=spf1 mx -all"]]);
    expect(await r.resolveSoa("example.test")).toMatchObject({ nsname: "ns1.example.test", hostmaster: "hostmaster.example.test", minttl: 300 });
    expect((await r.resolveNs("example.test")).sort()).toEqual(["ns1.example.test", "ns2.example.test"]);
    expect(await r.resolveCname("www.example.test")).toEqual(["web.example.test"]);
    expect(await r.resolve6("web.example.test")).toEqual(["2001:db8::10"]);
    expect(await r.lookup("api.example.test")).toMatchObject({ family: 4 });
    await expect(r.lookup("nope.example.test")).rejects.toMatchObject({ code: "ENOTFOUND", syscall: "getaddrinfo", errno: -3008, message: "getaddrinfo ENOTFOUND nope.example.test" });
  });

  it("follows a chain across zones and a glueless delegation", async () => {
    const { net } = traced();
    const r = net.resolver();
    expect((await r.resolve4("api.example.test")).sort()).toEqual(["203.0.113.80", "203.0.113.81"]);
    expect(await r.resolve4("www.shop.test")).toEqual(["203.0.113.20"]);
  });
});

describe("failures", () => {
  it("answers SERVFAIL for a CNAME loop and a lame delegation", async () => {
    const { net } = traced();
    const r = net.resolver();
    await expect(r.resolve4("loop-a.example.test")).rejects.toMatchObject({ code: "ESERVFAIL" });
    await expect(r.resolve4("www.lame.test")).rejects.toMatchObject({ code: "ESERVFAIL" });
    expect((await net.reference("loop-b.example.test", "A")).rcode).toBe("SERVFAIL");
  });

  it("retries a silent server `tries` times, then the next one; all silent is ETIMEOUT", async () => {
    const { net, events } = traced();
    net.setServer("ns1.example.test", { silent: true });
    const r = net.resolver({ timeout: 500, tries: 2 });
    expect(await r.resolve4("mail.example.test")).toEqual(["192.0.2.25"]);
    expect(events.filter((e) => e.kind === "timeout")).toHaveLength(2);
    net.setServer("ns2.example.test", { silent: true });
    await expect(r.resolve4("backup-mail.example.test")).rejects.toMatchObject({ code: "ETIMEOUT", message: "queryA ETIMEOUT backup-mail.example.test" });
  });

  it("survives packet loss with retries", async () => {
    const { net, events } = traced({ loss: 0.3, seed: 7 });
    const r = net.resolver({ tries: 4 });
    expect((await r.resolve4("web.example.test")).length).toBe(3);
    expect(events.some((e) => e.kind === "timeout" && e.lost === "query")).toBe(true);
  });
});

describe("a blocking stub holds the app; an async one does not", () => {
  it("serializes work behind gethostbyname", async () => {
    const { net } = traced();
    const blocking = net.app(net.resolver());
    const t0 = net.now();
    await Promise.all([blocking.gethostbyname("web.example.test"), blocking.work(10)]);
    const blockedTotal = net.now() - t0;
    const freeApp = net.app(net.resolver());
    const t1 = net.now();
    await Promise.all([freeApp.resolve("mail.example.test"), freeApp.work(10)]);
    expect(blockedTotal).toBeGreaterThan(net.now() - t1 + 5);
  });
});
