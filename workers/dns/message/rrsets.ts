// dnspython's default view of a section: records of one name (case-insensitive), type and class
// merged into one RRset in order of first appearance, exact duplicates dropped (compared in
// canonical form, names lowercased), the TTL the smallest seen, the first record's spelling kept.
// A singleton type (CNAME, SOA, DNAME, NSEC, NXT) keeps only its last record, as Rdataset.add does.
import type { ResourceRecord, RRset } from "./model.ts";
import { canonicalName, nameToText } from "./name.ts";
import { rdataToWire } from "./rdata/index.ts";

const SINGLETONS = new Set(["CNAME", "SOA", "DNAME", "NSEC", "NXT"]);

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

export function mergeRRsets(records: readonly ResourceRecord[]): RRset[] {
  const sets = new Map<string, { set: RRset; keys: string[] }>();
  for (const record of records) {
    const id = `${nameToText(canonicalName(record.name))} ${record.type} ${record.class}`;
    let entry = sets.get(id);
    if (!entry) {
      entry = { set: { name: record.name, type: record.type, class: record.class, ttl: record.ttl, records: [], rdatas: [] }, keys: [] };
      sets.set(id, entry);
    }
    const { set, keys } = entry;
    set.ttl = Math.min(set.ttl, record.ttl);
    if (SINGLETONS.has(record.type) && set.records.length > 0) {
      set.records.length = 0;
      set.rdatas.length = 0;
      keys.length = 0;
    }
    const key = hex(rdataToWire(record.data, { canonical: true }));
    if (keys.includes(key)) continue;
    keys.push(key);
    set.records.push(record);
    set.rdatas.push(record.rdata);
  }
  return [...sets.values()].map((e) => e.set);
}
