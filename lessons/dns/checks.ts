import { defineChecks, expect } from "playground/checks";
import { createInternet, type Internet, type RecordType, type ResourceRecord } from "playground/dns";
import type * as Solution from "./solution";

type Resolver = InstanceType<typeof Solution.IterativeResolver>;

/** More than this many queries, or clock reads, in one check: the resolution does not end. */
const MAX_QUERIES = 400;
const MAX_CLOCK_READS = 100_000;
/** What resolves for the caller: the resolver under test must walk with net.query itself. */
const NOT_FOR_THE_RESOLVER = new Set<PropertyKey>(["reference", "resolver", "app"]);

/**
 * A fresh internet, and the same internet as the learner's resolver sees it: every query it sends
 * is counted (with the server it went to), and a runaway loop is stopped with an error that says so.
 */
function world(IterativeResolver: typeof Solution.IterativeResolver) {
  const net = createInternet();
  const sent: string[] = [];
  let reads = 0;
  const watched = new Proxy(net, {
    get(target, prop) {
      if (NOT_FOR_THE_RESOLVER.has(prop)) throw new Error(`net.${String(prop)} resolves for you: the iterative resolver walks the hierarchy with net.query itself`);
      if (prop === "query")
        return (server: string, ...rest: Parameters<Internet["query"]> extends [string, ...infer R] ? R : never) => {
          if (sent.length >= MAX_QUERIES) throw new Error(`over ${MAX_QUERIES} queries sent: does the resolution ever end?`);
          sent.push(nameOf(net, server));
          return target.query(server, ...rest);
        };
      if (prop === "now")
        return () => {
          if (++reads > MAX_CLOCK_READS) throw new Error(`over ${MAX_CLOCK_READS} cache lookups: does the resolution ever end?`);
          return target.now();
        };
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const resolver: Resolver = new IterativeResolver(watched);
  /** Resolves, and says how many queries it sent and to which servers. */
  const resolve = async (name: string, type: RecordType) => {
    const before = sent.length;
    const answer = await resolver.resolve(name, type);
    return { ...answer, sent: sent.slice(before) };
  };
  return { net, resolve };
}

/** A server's host name, whether the learner's code addressed it by name or by address. */
function nameOf(net: Internet, server: string): string {
  const found = net.servers().find((s) => s.address === server || s.name.toLowerCase() === `${server.replace(/\.$/, "")}.`.toLowerCase());
  return found ? found.name : server;
}

/** Records as text to compare: the CNAME chain in its order, then the final RRset sorted (round robin rotates it). */
function shown(records: readonly ResourceRecord[]): string[] {
  const text = (r: ResourceRecord) => `${r.name.toLowerCase()} ${r.type} ${r.rdata}`;
  const cnames = records.filter((r) => r.type === "CNAME").map(text);
  const rest = records.filter((r) => r.type !== "CNAME").map(text).sort();
  return [...cnames, ...rest];
}

/** The learner's answer for each (name, type) equals the reference resolver's on the same internet. */
async function agrees(IterativeResolver: typeof Solution.IterativeResolver, cases: [string, RecordType][], setup: (net: Internet) => void = () => {}) {
  const { net, resolve } = world(IterativeResolver);
  setup(net);
  for (const [name, type] of cases) {
    const want = await net.reference(name, type);
    const got = await resolve(name, type);
    expect(got.rcode, `rcode for ${name} ${type}`).to.equal(want.rcode);
    if (want.rcode !== "SERVFAIL") expect(shown(got.records), `records for ${name} ${type}`).to.deep.equal(shown(want.answer));
  }
}

const ROOTS = ["a.root-servers.test.", "b.root-servers.test."];
const EXAMPLE_TEST = ["ns1.example.test.", "ns2.example.test."];

export default defineChecks<typeof Solution>([
  {
    name: "Finds records by following referrals from the root down",
    hint: [
      "A root server does not know www's address: it answers with a referral (NS records in the authority section, their addresses as glue in the additional section). Ask one of those servers next, and repeat.",
      "Start from net.rootHints; a response with records in its answer section (or NXDOMAIN) ends the walk; one with only NS records in its authority section is a referral.",
    ],
    run: async ({ IterativeResolver }) => {
      const { resolve } = world(IterativeResolver);
      const first = await resolve("web.example.test", "A");
      expect(first.sent[0], "the first query goes to").to.be.oneOf(ROOTS);
      await agrees(IterativeResolver, [
        ["web.example.test", "A"],
        ["example.test", "A"],
        ["web.example.test", "AAAA"],
        ["example.test", "MX"],
        ["example.test", "TXT"],
        ["example.test", "NS"],
      ]);
    },
  },
  {
    name: "Uses the glue in a referral instead of looking up the servers' addresses",
    hint: [
      "ns1.example.test is inside example.test: to look its address up you would have to ask ns1.example.test. The referral from the test. servers carries its address in the additional section (glue).",
      "Cold, web.example.test A takes three queries: a root server, a test. server, an example.test server.",
    ],
    run: async ({ IterativeResolver }) => {
      const { resolve } = world(IterativeResolver);
      const got = await resolve("web.example.test", "A");
      expect(got.sent.length, `queries for web.example.test A with an empty cache (sent to ${got.sent.join(", ")})`).to.equal(3);
      expect(got.sent[0], "the first server asked").to.be.oneOf(ROOTS);
      expect(got.sent[2], "the last server asked").to.be.oneOf(EXAMPLE_TEST);
    },
  },
  {
    name: "Follows CNAMEs, inside a zone, across zones and to a server without glue",
    hint: [
      "www.example.test is a CNAME for web.example.test. The answer to \"www A\" holds the CNAME (and the server adds web's A records, which it also serves). Return the chain, then the A records.",
      "api.example.test points into cloud.example.: the example.test server cannot answer for it, so resolve the target again from the top. shop.test's server has no glue: resolve its name first.",
    ],
    run: async ({ IterativeResolver }) => {
      await agrees(IterativeResolver, [
        ["www.example.test", "A"],
        ["api.example.test", "A"],
        ["www.shop.test", "A"],
        ["shop.test", "MX"],
      ]);
    },
  },
  {
    name: "A CNAME loop is SERVFAIL, and the resolution ends",
    hint: ["loop-a.example.test → loop-b.example.test → loop-a.example.test: remember the names already followed (or cap the chain at 8) and give SERVFAIL."],
    run: async ({ IterativeResolver }) => {
      await agrees(IterativeResolver, [["loop-a.example.test", "A"], ["web.example.test", "A"]]);
    },
  },
  {
    name: "A name that does not exist is NXDOMAIN; a type it lacks is NOERROR with no records",
    hint: ["rcode NXDOMAIN in the response means no such name. NOERROR with an empty answer and the zone's SOA in the authority section means the name exists without that type (NODATA)."],
    run: async ({ IterativeResolver }) => {
      await agrees(IterativeResolver, [
        ["nope.example.test", "A"],
        ["web.example.test", "MX"],
        ["nothing-here.test", "A"],
        ["web.example.test", "A"],
      ]);
    },
  },
  {
    name: "Asked again within the TTL, the answer comes from the cache, and cached referrals skip the root",
    hint: [
      "Keep every RRset you receive (answers, NS records of referrals, glue) with the time it expires: now() + ttl × 1000 (TTLs are seconds, the clock is milliseconds).",
      "A new name in a zone whose servers are cached starts at those servers: look for the deepest cached NS RRset above the name before falling back to the root hints.",
    ],
    run: async ({ IterativeResolver }) => {
      const { resolve } = world(IterativeResolver);
      await resolve("web.example.test", "A");
      const again = await resolve("web.example.test", "A");
      expect(again.sent, "queries sent for web.example.test A the second time").to.deep.equal([]);
      expect(again.rcode).to.equal("NOERROR");
      const sibling = await resolve("mail.example.test", "A");
      expect(sibling.sent.length, "queries for mail.example.test A once example.test's servers are cached").to.equal(1);
      expect(sibling.sent[0], "the server asked for mail.example.test A").to.be.oneOf(EXAMPLE_TEST);
    },
  },
  {
    name: "When a TTL runs out the resolver asks again, and sees the changed record",
    hint: [
      "\"Propagation\" is caches expiring: web's A records have a TTL of 300 s, so a change shows up in your resolver 300 s after it cached the old ones, not before and not never.",
      "Compare the entry's expiry with net.now() on every lookup; net.now() is in milliseconds.",
    ],
    run: async ({ IterativeResolver }) => {
      const { net, resolve } = world(IterativeResolver);
      const before = await resolve("web.example.test", "A");
      expect(before.records.length, "A records of web.example.test").to.equal(3);
      net.zone("example.test").set("web", "A", 300, "192.0.2.99");
      await net.sleep(299_000);
      const cached = await resolve("web.example.test", "A");
      expect(cached.sent, "queries 299 s later (the TTL is 300 s)").to.deep.equal([]);
      expect(shown(cached.records), "the answer 299 s later").to.deep.equal(shown(before.records));
      await net.sleep(2_000);
      const fresh = await resolve("web.example.test", "A");
      expect(fresh.sent.length, "queries 301 s later (example.test's NS records last a day)").to.equal(1);
      expect(fresh.records.map((r) => r.rdata), "the answer 301 s later").to.deep.equal(["192.0.2.99"]);
    },
  },
  {
    name: "Negative answers are cached for the SOA's minimum (RFC 2308)",
    hint: [
      "An NXDOMAIN or NODATA response carries the zone's SOA in its authority section. Cache the \"no\" for min(the SOA's TTL, its minimum field) seconds: 300 for example.test.",
      "NXDOMAIN means the name has no records of any type; NODATA only that it lacks the type asked.",
    ],
    run: async ({ IterativeResolver }) => {
      const { net, resolve } = world(IterativeResolver);
      expect((await resolve("new.example.test", "A")).rcode, "new.example.test A at first").to.equal("NXDOMAIN");
      net.zone("example.test").set("new", "A", 300, "192.0.2.77");
      const again = await resolve("new.example.test", "A");
      expect(again.sent, "queries for new.example.test A again, at once").to.deep.equal([]);
      expect(again.rcode, "rcode while the NXDOMAIN is cached").to.equal("NXDOMAIN");
      const nodata = await resolve("web.example.test", "MX");
      expect((await resolve("web.example.test", "MX")).sent, "queries for web.example.test MX (NODATA) again").to.deep.equal([]);
      expect(nodata.records, "records of a NODATA answer").to.deep.equal([]);
      await net.sleep(301_000);
      const later = await resolve("new.example.test", "A");
      expect(later.rcode, "new.example.test A 301 s later").to.equal("NOERROR");
      expect(later.records.map((r) => r.rdata)).to.deep.equal(["192.0.2.77"]);
    },
  },
  {
    name: "A lame or silent server is skipped for the next one; a lame delegation is SERVFAIL",
    hint: [
      "A server that answers REFUSED (or SERVFAIL) for a zone it was delegated is lame: try the zone's next server. net.query throws ETIMEOUT when a server never answers: catch it and try the next.",
      "When no server of the zone gives an answer, the resolution is SERVFAIL.",
    ],
    run: async ({ IterativeResolver }) => {
      await agrees(IterativeResolver, [["lame.test", "A"], ["www.lame.test", "A"]]);
      await agrees(IterativeResolver, [["web.example.test", "A"]], (net) => net.zone("test").set("example", "NS", 172800, ["ns.lame-host.test.", "ns2.example.test."]));
      await agrees(IterativeResolver, [["web.example.test", "A"], ["mail.example.test", "A"]], (net) => net.setServer("ns1.example.test", { silent: true }));
    },
  },
]);
