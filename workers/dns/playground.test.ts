// playground/dns as a run gets it: lesson code imports it in the sandbox and resolves names, each
// internet's events land on the run's axis one after another, and learner code cannot rewrite the
// classes the checks' reference resolver runs on.
import { describe, expect, it } from "vitest";
import { runLesson } from "../sandbox/runner";
import { PLAYGROUND_MODULES } from "../sandbox/registry";
import type { ConsoleBatch } from "../sandbox/console-capture";
import type { TraceEvent } from "../trace";
import type { DnsTrace } from "./trace.ts";
import { dnsModule } from "./playground.ts";

const CHECKS = `
import { defineChecks, expect } from "playground/checks";
export default defineChecks([{ name: "resolves", run: ({ first }: any) => expect(["192.0.2.10", "192.0.2.11", "192.0.2.12"]).to.include(first) }]);
`;

const CODE = [
  'import { createInternet } from "playground/dns";',
  "const net = createInternet();",
  "const resolver = net.resolver();",
  'const web = await resolver.resolve4("www.example.test", { ttl: true });',
  'export const first = (await resolver.resolve4("www.example.test"))[0];',
  "console.log(JSON.stringify(web), net.now());",
  'const root = await net.query("a.root-servers.test", "www.example.test", "A");',
  'console.log(root.rcode, root.answer.length, root.authority.map((r) => r.rdata).join(","));',
  'try { await resolver.resolve4("nope.example.test"); } catch (e: any) { console.log(e.code, e.message); }',
  "await net.sleep(301_000);",
  "console.log(resolver.cache().map((e) => e.name + ' ' + e.type).includes('web.example.test. A'));",
].join("\n");

describe("playground/dns", () => {
  it("runs lesson code in the sandbox: a resolution, a single query, Node's error, TTLs that run out", async () => {
    const batches: ConsoleBatch[] = [];
    const trace: TraceEvent[] = [];
    const result = await runLesson(
      { code: CODE, checks: CHECKS },
      { now: () => 0, modules: PLAYGROUND_MODULES, onConsole: (b) => batches.push(b), onTrace: (b) => trace.push(...b.events) },
    );
    expect(result.error).toBeNull();
    expect(result.checks.map((c) => c.passed)).toEqual([true]);
    const lines = batches.flatMap((b) => b.lines.map((l) => l.text));
    // www is a CNAME to web, which has three A records with a 300 s TTL; rotation shows the same set.
    const web = JSON.parse(lines[0].split(" ")[0]) as { address: string; ttl: number }[];
    expect(web.map((r) => r.address).sort()).toEqual(["192.0.2.10", "192.0.2.11", "192.0.2.12"]);
    expect(web.every((r) => r.ttl === 300)).toBe(true);
    expect(Number(lines[0].split(" ")[1])).toBeGreaterThan(0); // the walk took virtual time
    expect(lines[1]).toBe("NOERROR 0 ns1.nic.test.,ns2.nic.test."); // the root refers, it does not answer
    expect(lines[2]).toBe("ENOTFOUND queryA ENOTFOUND nope.example.test");
    expect(lines[3]).toBe("false"); // expired after 301 s
    const dns = trace.filter((e): e is DnsTrace => e.source === "dns");
    expect(dns.filter((e) => e.kind === "referral").map((e) => e.kind === "referral" && e.zone)).toEqual(["test.", "example.test."]);
    expect(dns.some((e) => e.kind === "cache.hit" && e.name === "web.example.test.")).toBe(true);
    expect(dns.every((e) => e.net === 1)).toBe(true);
  });

  it("places each internet after the last one's events on the run's axis, numbered", async () => {
    const events: DnsTrace[] = [];
    const runClock = 5;
    const dns = dnsModule({ now: () => runClock, trace: (e) => events.push(e as DnsTrace) });
    const a = dns.createInternet();
    await a.resolver().resolve4("example.test");
    const aEnd = Math.max(...events.map((e) => e.t));
    expect(Math.min(...events.map((e) => e.t))).toBe(runClock);
    expect(aEnd).toBeGreaterThan(runClock + 50); // three hops of 24–48 ms round trips
    const b = dns.createInternet();
    await b.resolver().resolve4("example.test");
    const ofB = events.filter((e) => e.net === 2);
    expect(ofB.length).toBeGreaterThan(0);
    expect(Math.min(...ofB.map((e) => e.t))).toBe(aEnd);
  });

  it("freezes the classes behind the internet, so learner code cannot change the reference answer", async () => {
    const dns = dnsModule({ now: () => 0, trace: () => {} });
    const net = dns.createInternet();
    const proto = Object.getPrototypeOf(net) as { reference: unknown };
    expect(() => {
      "use strict";
      proto.reference = async () => ({ rcode: "NOERROR", answer: [] });
    }).toThrow(TypeError);
    const reference = await dns.createInternet().reference("web.example.test", "A");
    expect(reference.answer).toHaveLength(3);
  });
});
