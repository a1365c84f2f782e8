import { createInternet, type Internet, type QueryResponse, type RecordType, type ResourceRecord } from "playground/dns";

/** What a resolution found: the CNAMEs followed, then the records of the type asked. */
export interface Answer {
  rcode: "NOERROR" | "NXDOMAIN" | "SERVFAIL";
  records: ResourceRecord[];
}

interface Entry {
  records: ResourceRecord[];
  /** On the internet's clock, in ms. */
  expires: number;
  negative: "NXDOMAIN" | "NODATA" | null;
}

/** A server to ask: its address when a referral's glue (or the cache) gave one. */
interface Server {
  name: string;
  address: string | null;
}

const MAX_CNAMES = 8;
const MAX_REFERRALS = 16;

const absolute = (name: string) => (name.endsWith(".") ? name : `${name}.`);
const keyOf = (name: string, type: string) => `${name.toLowerCase()} ${type}`;
const inZone = (name: string, zone: string) => zone === "." || name.toLowerCase() === zone.toLowerCase() || name.toLowerCase().endsWith(`.${zone.toLowerCase()}`);
const parent = (name: string) => (name === "." ? "." : name.slice(name.indexOf(".") + 1) || ".");
const targetOf = (r: ResourceRecord) => (r.data.kind === "CNAME" || r.data.kind === "NS" ? r.data.target : "");

export class IterativeResolver {
  private readonly cache = new Map<string, Entry>();

  constructor(private readonly net: Internet) {}

  async resolve(name: string, type: RecordType): Promise<Answer> {
    const chain: ResourceRecord[] = [];
    let current = absolute(name);
    const seen = new Set([current.toLowerCase()]);
    for (;;) {
      // 1. The cache first: the records, a negative answer, or a CNAME to follow.
      const hit = this.get(current, type);
      if (hit) return { rcode: hit.negative === "NXDOMAIN" ? "NXDOMAIN" : "NOERROR", records: [...chain, ...hit.records] };
      let alias = this.get(current, "CNAME")?.records[0];
      if (!alias) {
        // 2. Else ask the servers, and cache what the answer says.
        const response = await this.ask(current, type);
        if (!response) return { rcode: "SERVFAIL", records: chain };
        if (response.rcode === "NXDOMAIN") {
          this.storeNegative(current, type, "NXDOMAIN", response);
          return { rcode: "NXDOMAIN", records: chain };
        }
        const sets = groups(response.answer);
        for (const set of sets) this.store(set);
        const own = sets.filter((set) => set[0].name.toLowerCase() === current.toLowerCase());
        const wanted = own.find((set) => set[0].type === type);
        if (wanted) return { rcode: "NOERROR", records: [...chain, ...wanted] };
        alias = own.find((set) => set[0].type === "CNAME")?.[0];
        if (!alias) {
          this.storeNegative(current, type, "NODATA", response);
          return { rcode: "NOERROR", records: chain };
        }
      }
      // 3. Follow the CNAME. A loop (or an overlong chain) is the zone's fault: SERVFAIL, never a hang.
      chain.push(alias);
      current = targetOf(alias);
      if (seen.has(current.toLowerCase()) || chain.length > MAX_CNAMES) return { rcode: "SERVFAIL", records: chain };
      seen.add(current.toLowerCase());
    }
  }

  /** Follows referrals from the closest zone whose servers are cached until a server answers. */
  private async ask(name: string, type: RecordType): Promise<QueryResponse | null> {
    let servers = this.closestServers(name);
    for (let hop = 0; hop < MAX_REFERRALS; hop++) {
      let next: Server[] | null = null;
      for (const server of servers) {
        const address = server.address ?? (await this.addressOf(server.name));
        if (!address) continue;
        let response: QueryResponse;
        try {
          response = await this.net.query(address, name, type);
        } catch {
          continue; // ETIMEOUT: a silent server; try the next
        }
        // A lame server (REFUSED, SERVFAIL) knows nothing about the zone: try the next.
        if (response.rcode !== "NOERROR" && response.rcode !== "NXDOMAIN") continue;
        const ns = response.authority.filter((r) => r.type === "NS" && inZone(name, r.name));
        if (response.rcode === "NXDOMAIN" || response.answer.length > 0 || ns.length === 0) return response;
        next = this.referral(ns, response.additional);
        break;
      }
      if (!next) return null;
      servers = next;
    }
    return null;
  }

  /** A referral: cache the zone's NS records and their glue, and ask those servers next. */
  private referral(ns: ResourceRecord[], additional: ResourceRecord[]): Server[] {
    this.store(ns);
    const glue = additional.filter((r) => r.type === "A" && ns.some((n) => targetOf(n).toLowerCase() === r.name.toLowerCase()));
    for (const set of groups(glue)) this.store(set);
    return ns.map((n) => ({ name: targetOf(n), address: this.addressIn(targetOf(n)) }));
  }

  /** The deepest zone above `name` whose name servers are cached; the root hints at worst. */
  private closestServers(name: string): Server[] {
    for (let zone = name; zone !== "."; zone = parent(zone)) {
      const ns = this.get(zone, "NS");
      if (ns && ns.records.length > 0) return ns.records.map((r) => ({ name: targetOf(r), address: this.addressIn(targetOf(r)) }));
    }
    return this.net.rootHints.map((s) => ({ name: s.name, address: s.address }));
  }

  private addressIn(server: string): string | null {
    const a = this.get(server, "A")?.records.find((r) => r.data.kind === "A");
    return a?.data.kind === "A" ? a.data.address : null;
  }

  /** A name server without glue (in another zone): resolve its address like any name. */
  private async addressOf(server: string): Promise<string | null> {
    const found = await this.resolve(server, "A");
    const a = found.records.find((r) => r.type === "A");
    return a?.data.kind === "A" ? a.data.address : null;
  }

  // ---- the cache: every entry dies when its TTL runs out on the internet's clock ----

  /** What the cache holds for (name, type): an NXDOMAIN for the name stands for every type. */
  private get(name: string, type: string): Entry | undefined {
    for (const key of [keyOf(name, "NXDOMAIN"), keyOf(name, type)]) {
      const entry = this.cache.get(key);
      if (!entry) continue;
      if (entry.expires > this.net.now()) return entry;
      this.cache.delete(key);
    }
    return undefined;
  }

  private store(set: ResourceRecord[]): void {
    const ttl = Math.min(...set.map((r) => r.ttl));
    this.cache.set(keyOf(set[0].name, set[0].type), { records: set, expires: this.net.now() + ttl * 1000, negative: null });
  }

  /** RFC 2308: a negative answer lives for the SOA's minimum, or the SOA record's own TTL if lower. */
  private storeNegative(name: string, type: string, negative: "NXDOMAIN" | "NODATA", response: QueryResponse): void {
    const soa = response.authority.find((r) => r.type === "SOA");
    if (!soa || soa.data.kind !== "SOA") return;
    const ttl = Math.min(soa.ttl, soa.data.minimum);
    const entry: Entry = { records: [], expires: this.net.now() + ttl * 1000, negative };
    this.cache.set(keyOf(name, negative === "NXDOMAIN" ? "NXDOMAIN" : type), entry);
  }
}

/** Records grouped into RRsets (same name and type). */
function groups(records: ResourceRecord[]): ResourceRecord[][] {
  const sets = new Map<string, ResourceRecord[]>();
  for (const r of records) sets.set(keyOf(r.name, r.type), [...(sets.get(keyOf(r.name, r.type)) ?? []), r]);
  return [...sets.values()];
}

// ---- An example for the visualization (the checks do not look at these) ----
const net = createInternet();
const race = await net.poison({ defences: { randomPorts: false }, budget: 2_000 });
console.log(`random ids alone: poisoned ${race.poisoned} after ${race.forgedPackets} forged packets`);
