// What a resolver takes into its cache from a response (RFC 2181 5.4.1): with the bailiwick
// check on, only records whose owner lies inside the zone the asked server speaks for (the zone
// of the referral that led to it) — an answer from example.test's servers cannot plant
// www.bank.test. With it off, every RRset of every section is cached, as resolvers did before
// 1997, which is what the out-of-zone poisoning exploits. NS RRsets and their in-zone glue in
// the authority and additional sections replace what was cached (the trust that Kaminsky's
// attack abuses); SOA records only ever set negative TTLs (cache.ts).
import type { DecodedMessage, ResourceRecord } from "./message/index.ts";
import type { Cache } from "./cache.ts";
import { inZone, key } from "./names.ts";
import type { DnsTraceBody } from "./trace.ts";

export interface AbsorbEnv {
  cache: Cache;
  bailiwick: boolean;
  trace: ((event: DnsTraceBody) => void) | null;
  resolver: number;
}

/** Records grouped into RRsets by owner (case-insensitive) and type, keyed "name TYPE", in order. */
export function groupRRsets(records: readonly ResourceRecord[]): Map<string, ResourceRecord[]> {
  const sets = new Map<string, ResourceRecord[]>();
  for (const r of records) {
    const k = `${key(r.name)} ${r.type}`;
    const set = sets.get(k);
    if (set) set.push(r);
    else sets.set(k, [r]);
  }
  return sets;
}

export function absorb(env: AbsorbEnv, r: DecodedMessage, zone: string, query: number, forged: boolean): void {
  const keep = (rr: ResourceRecord) => {
    if (!env.bailiwick || inZone(rr.name, zone)) return true;
    env.trace?.({ kind: "bailiwick.drop", resolver: env.resolver, query, record: `${rr.name} ${rr.ttl} IN ${rr.type} ${rr.rdata}`, zone });
    return false;
  };
  const cacheable = [
    ...r.answer,
    ...r.authority.filter((rr) => rr.type === "NS"),
    ...r.additional.filter((rr) => !env.bailiwick || rr.type === "A" || rr.type === "AAAA"),
  ].filter(keep);
  for (const set of groupRRsets(cacheable).values()) env.cache.store(set, forged);
}
