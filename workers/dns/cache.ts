// A resolver's cache on the internet's clock: RRsets and negative entries (RFC 2308: NXDOMAIN
// for a name, NODATA for a name and type), each expiring `ttl` seconds after it was stored. TTLs
// count down as the clock moves; an expired entry is removed the first time it is looked at (and
// the trace says so). Each read of a positive entry rotates its records by one, as BIND's
// cyclic rrset-order does (the first cached answer already one on from the fresh one): round
// robin, the poor man's load balancer.
import type { ResourceRecord } from "./message/index.ts";
import { key } from "./names.ts";
import type { DnsTraceBody, NegativeKind } from "./trace.ts";

export interface CacheItem {
  name: string;
  type: string;
  records: ResourceRecord[];
  negative: NegativeKind | null;
  /** For a negative entry: the SOA that set its TTL. */
  soa: ResourceRecord | null;
  expiresAt: number;
  forged: boolean;
  rotation: number;
}

export interface CacheHit {
  records: ResourceRecord[];
  negative: NegativeKind | null;
  soa: ResourceRecord | null;
  ttl: number;
}

const slot = (name: string, type: string) => `${key(name)} ${type}`;

export class Cache {
  private readonly items = new Map<string, CacheItem>();

  constructor(
    private readonly now: () => number,
    private readonly trace: ((event: DnsTraceBody) => void) | null,
    private readonly resolver: number,
  ) {}

  /** Seconds left (whole seconds, counting down). */
  ttlLeft(item: CacheItem): number {
    return Math.max(0, Math.floor((item.expiresAt - this.now()) / 1000));
  }

  /** The entry for (name, type), with its records' TTLs set to what is left; null if none or expired. */
  get(name: string, type: string, resolution: number | null, quiet = false): CacheHit | null {
    const item = this.live(slot(name, type));
    if (!item) {
      if (!quiet) this.trace?.({ kind: "cache.miss", resolver: this.resolver, resolution, name, type });
      return null;
    }
    const ttl = this.ttlLeft(item);
    if (!quiet) this.trace?.({ kind: "cache.hit", resolver: this.resolver, resolution, name: item.name, type, ttl, negative: item.negative });
    const n = item.records.length;
    const start = n > 1 && !quiet ? item.rotation++ % n : 0;
    const records = [...item.records.slice(start), ...item.records.slice(0, start)].map((r) => ({ ...r, ttl }));
    return { records, negative: item.negative, soa: item.soa && { ...item.soa, ttl }, ttl };
  }

  /** Whether an NXDOMAIN is cached for the name (it answers every type, RFC 2308 5). */
  nxdomain(name: string): CacheItem | null {
    return this.live(slot(name, "ANY"));
  }

  store(records: ResourceRecord[], forged: boolean): void {
    if (records.length === 0) return;
    const { name, type } = records[0];
    const ttl = Math.min(...records.map((r) => r.ttl));
    const old = this.items.get(slot(name, type));
    this.put({ name, type, records, negative: null, soa: null, expiresAt: this.now() + ttl * 1000, forged, rotation: old?.rotation ?? 1 }, ttl);
  }

  /** A negative entry: NXDOMAIN (for every type of the name) or NODATA, for min(SOA TTL, minimum) seconds. */
  storeNegative(name: string, type: string, negative: NegativeKind, soa: ResourceRecord | null, forged: boolean): void {
    const minimum = soa?.data.kind === "SOA" ? Math.min(soa.ttl, soa.data.minimum) : 0;
    if (minimum <= 0) return; // without an SOA a negative answer is not cached (RFC 2308 5)
    const entryType = negative === "NXDOMAIN" ? "ANY" : type;
    this.put({ name, type: entryType, records: [], negative, soa, expiresAt: this.now() + minimum * 1000, forged, rotation: 0 }, minimum);
  }

  entries(): CacheItem[] {
    return [...this.items.keys()].map((k) => this.live(k)).filter((i): i is CacheItem => i !== null);
  }

  flush(): void {
    this.items.clear();
  }

  private put(item: CacheItem, ttl: number): void {
    this.items.set(slot(item.name, item.type), item);
    this.trace?.({ kind: "cache.store", resolver: this.resolver, name: item.name, type: item.type, ttl, records: item.records.map((r) => r.rdata), negative: item.negative, forged: item.forged });
  }

  private live(k: string): CacheItem | null {
    const item = this.items.get(k);
    if (!item) return null;
    if (this.now() < item.expiresAt) return item;
    this.items.delete(k);
    this.trace?.({ kind: "cache.expire", resolver: this.resolver, name: item.name, type: item.type, negative: item.negative });
    return null;
  }
}
