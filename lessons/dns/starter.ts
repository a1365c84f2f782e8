import { createInternet, type Internet, type QueryResponse, type RecordType, type ResourceRecord } from "playground/dns";

/** What a resolution found: the CNAMEs followed, then the records of the type asked. */
export interface Answer {
  rcode: "NOERROR" | "NXDOMAIN" | "SERVFAIL";
  records: ResourceRecord[];
}

// Small helpers: names are absolute ("www.example.test.") and compared without regard to case.
const absolute = (name: string) => (name.endsWith(".") ? name : `${name}.`);
const keyOf = (name: string, type: string) => `${name.toLowerCase()} ${type}`;
export const targetOf = (r: ResourceRecord) => (r.data.kind === "CNAME" || r.data.kind === "NS" ? r.data.target : "");

/** Resolves names the way a recursive resolver does, one `net.query` at a time. */
export class IterativeResolver {
  private readonly cache = new Map<string, ResourceRecord[]>();

  constructor(private readonly net: Internet) {}

  // 1. (step 1) Should follow referrals from the root down, using the glue addresses a referral carries.
  // 2. (step 1) Should follow CNAMEs (inside a zone and across zones), and answer SERVFAIL for a loop.
  // 3. (step 2) Should keep each RRset for its TTL only, and negative answers (NXDOMAIN, NODATA) for the SOA's minimum.
  // 4. (step 3) Should skip a server that is silent (net.query throws ETIMEOUT) or lame (it answers REFUSED).
  async resolve(name: string, type: RecordType): Promise<Answer> {
    const key = keyOf(absolute(name), type);
    const cached = this.cache.get(key);
    if (cached) return { rcode: "NOERROR", records: cached };
    const root = this.net.rootHints[0];
    const response: QueryResponse = await this.net.query(root.address, name, type);
    const records = response.answer.filter((r) => r.type === type);
    this.cache.set(key, records);
    return { rcode: response.rcode === "NXDOMAIN" ? "NXDOMAIN" : "NOERROR", records };
  }
}

// ---- Examples for the visualization (the checks do not look at these) ----
const net = createInternet();
const resolver = net.resolver();
await resolver.resolve4("www.example.test");
await resolver.resolveMx("example.test");
await resolver.resolve4("api.example.test");
await net.sleep(45_000); // api's records live 30 s: gone from the cache, asked again
await resolver.resolve4("api.example.test");
const race = await net.poison({ defences: { randomPorts: false }, budget: 2_000 });
console.log(`random ids alone: poisoned ${race.poisoned} after ${race.forgedPackets} forged packets`);
