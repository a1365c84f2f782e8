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
