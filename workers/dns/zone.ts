// One zone's data and the authoritative lookup of RFC 1034 4.3.2: a name below a delegation
// point gets a referral (the cut's NS records, glue for in-zone name servers); a CNAME answers
// for every type but CNAME and is chased while its target stays in the zone (a loop is chased
// once round); an existing name without the type is NODATA and a missing one NXDOMAIN, both
// with the SOA in the authority section (its TTL capped at the SOA minimum, RFC 2308 3).
import { makeRecord, type ResourceRecord } from "./message/index.ts";
import { inZone, key, parent, qualify } from "./names.ts";

export type LookupResult =
  | { kind: "answer"; answer: ResourceRecord[]; additional: ResourceRecord[] }
  | { kind: "referral"; authority: ResourceRecord[]; additional: ResourceRecord[] }
  | { kind: "nxdomain" | "nodata"; answer: ResourceRecord[]; authority: ResourceRecord[] };

export type ZoneChange = (change: { name: string; type: string; op: "set" | "add" | "remove"; records: string[] }) => void;

const recordText = (r: ResourceRecord) => `${r.name} ${r.ttl} ${r.class} ${r.type} ${r.rdata}`;

export class ZoneData {
  /** name key → type → records. */
  private readonly names = new Map<string, Map<string, ResourceRecord[]>>();
  onChange: ZoneChange | null = null;

  constructor(readonly origin: string) {}

  records(): string[] {
    const all = [...this.names.values()].flatMap((types) => [...types.values()].flat());
    const soa = all.filter((r) => r.type === "SOA");
    return [...soa, ...all.filter((r) => r.type !== "SOA")].map(recordText);
  }

  set(name: string, type: string, ttl: number, data: string | string[]): void {
    const owner = qualify(name, this.origin);
    const records = (Array.isArray(data) ? data : [data]).map((d) => makeRecord(owner, type, ttl, d));
    this.typesOf(owner, true).set(records[0]?.type ?? type, records);
    this.onChange?.({ name: owner, type, op: "set", records: records.map(recordText) });
  }

  add(name: string, type: string, ttl: number, data: string): void {
    const owner = qualify(name, this.origin);
    const record = makeRecord(owner, type, ttl, data);
    const types = this.typesOf(owner, true);
    const set = (types.get(record.type) ?? []).filter((r) => r.rdata !== record.rdata);
    // An RRset has one TTL (RFC 2181 5.2): the new record's TTL becomes the set's.
    types.set(record.type, [...set.map((r) => ({ ...r, ttl })), record]);
    this.onChange?.({ name: owner, type: record.type, op: "add", records: [recordText(record)] });
  }

  remove(name: string, type?: string): void {
    const owner = qualify(name, this.origin);
    const types = this.typesOf(owner, false);
    if (!types) return;
    if (type) types.delete(type.toUpperCase());
    if (!type || types.size === 0) this.names.delete(key(owner));
    this.onChange?.({ name: owner, type: type ?? "ANY", op: "remove", records: [] });
  }

  soa(): ResourceRecord {
    const soa = this.names.get(key(this.origin))?.get("SOA")?.[0];
    if (!soa) throw new Error(`zone ${this.origin} has no SOA`);
    return soa;
  }

  rrset(name: string, type: string): ResourceRecord[] {
    return this.names.get(key(name))?.get(type) ?? [];
  }

  /** The authoritative answer for (qname, qtype); qname must lie in the zone. */
  lookup(qname: string, qtype: string): LookupResult {
    const answer: ResourceRecord[] = [];
    const seen = new Set<string>();
    let name = qname;
    for (;;) {
      // 1. A delegation at or above the name (below the origin) answers with a referral.
      const cut = this.cutAbove(name);
      if (cut) {
        if (answer.length > 0) return { kind: "answer", answer, additional: [] };
        return { kind: "referral", authority: cut, additional: this.glue(cut) };
      }
      const types = this.names.get(key(name));
      const wanted = types?.get(qtype);
      if (wanted?.length) return { kind: "answer", answer: [...answer, ...wanted], additional: this.extra(wanted) };
      // 2. A CNAME: answer it, and chase its target while it stays in this zone, once round a loop.
      const cname = qtype === "CNAME" ? undefined : types?.get("CNAME")?.[0];
      if (cname && cname.data.kind === "CNAME") {
        answer.push(cname);
        seen.add(key(name));
        name = cname.data.target;
        if (!inZone(name, this.origin) || seen.has(key(name))) return { kind: "answer", answer, additional: [] };
        continue;
      }
      // 3. No such type (NODATA), or no such name, not even an empty non-terminal (NXDOMAIN).
      const exists = types !== undefined || this.hasBelow(name);
      return { kind: exists ? "nodata" : "nxdomain", answer, authority: [this.negativeSoa()] };
    }
  }

  /** The SOA as a negative answer carries it: TTL min(SOA TTL, minimum) (RFC 2308 3). */
  private negativeSoa(): ResourceRecord {
    const soa = this.soa();
    const minimum = soa.data.kind === "SOA" ? soa.data.minimum : soa.ttl;
    return { ...soa, ttl: Math.min(soa.ttl, minimum) };
  }

  private cutAbove(name: string): ResourceRecord[] | null {
    let cut: ResourceRecord[] | null = null;
    for (let n = name; key(n) !== key(this.origin) && n !== "."; n = parent(n)) {
      const ns = this.names.get(key(n))?.get("NS");
      if (ns?.length) cut = ns; // keep going up: the highest cut wins
    }
    return cut;
  }

  private glue(ns: ResourceRecord[]): ResourceRecord[] {
    return ns.flatMap((r) => {
      if (r.data.kind !== "NS" || !inZone(r.data.target, this.origin)) return [];
      return [...this.rrset(r.data.target, "A"), ...this.rrset(r.data.target, "AAAA")];
    });
  }

  /** Addresses of in-zone NS / MX targets, as servers add them to the additional section. */
  private extra(records: ResourceRecord[]): ResourceRecord[] {
    return records.flatMap((r) => {
      const target = r.data.kind === "NS" ? r.data.target : r.data.kind === "MX" ? r.data.exchange : null;
      if (!target || !inZone(target, this.origin)) return [];
      return [...this.rrset(target, "A"), ...this.rrset(target, "AAAA")];
    });
  }

  private hasBelow(name: string): boolean {
    const suffix = `.${key(name)}`;
    for (const k of this.names.keys()) if (k.endsWith(suffix)) return true;
    return false;
  }

  private typesOf(owner: string, create: true): Map<string, ResourceRecord[]>;
  private typesOf(owner: string, create: false): Map<string, ResourceRecord[]> | undefined;
  private typesOf(owner: string, create: boolean): Map<string, ResourceRecord[]> | undefined {
    if (!inZone(owner, this.origin)) throw new Error(`${owner} is not in the zone ${this.origin}`);
    let types = this.names.get(key(owner));
    if (!types && create) this.names.set(key(owner), (types = new Map()));
    return types;
  }
}
