// A caching recursive resolver, iterating from the root as RFC 1034 5.3.3 describes:
//   1. the cache first: an RRset, a negative entry (RFC 2308), or a CNAME to follow;
//   2. else ask the closest zone whose name servers are cached (the root hints at worst), and
//      follow referrals down, trying each server `tries` times before the next, a server that
//      answers REFUSED / SERVFAIL or refers sideways being lame;
//   3. cache what the answering zone may speak for (bailiwick.ts), follow CNAMEs (a loop or a
//      chain past `maxCnameChain` is SERVFAIL), cache NXDOMAIN / NODATA from the SOA.
// Every query is a real message on the network (transport.ts), so ids, ports, latency and loss
// all apply, and a forged response is judged like any other.
import type { DecodedMessage, ResourceRecord } from "./message/index.ts";
import type { Defences, RecordType, Resolution } from "./learner-api.ts";
import { Cache } from "./cache.ts";
import { absorb, groupRRsets } from "./absorb.ts";
import { inZone, key, parent } from "./names.ts";
import { Transport, wireImage as wireOf, type Target, type TransportEnv } from "./transport.ts";
import type { ResponseKind } from "./trace.ts";

export interface ResolverConfig {
  timeoutMs: number;
  tries: number;
  defences: Required<Defences>;
  clientRttMs: number;
  maxCnameChain: number;
}

export interface ResolverEnv extends TransportEnv {
  rootHints: () => Target[];
  nextResolution: () => number;
}

export interface ResolveResult extends Resolution {
  /** Every server stayed silent: a client of this resolver would time out. */
  timedOut: boolean;
}

interface Context {
  resolution: number;
  queries: number;
}

type Iterated = { response: DecodedMessage; zone: string } | { response: null; timedOut: boolean };

const MAX_REFERRALS = 16;
const MAX_DEPTH = 4;

export function classify(r: DecodedMessage, name: string): ResponseKind {
  const rcode = r.flags.rcode;
  if (rcode === 3) return "nxdomain";
  if (rcode === 2) return "servfail";
  if (rcode === 5) return "refused";
  if (rcode === 1) return "formerr";
  if (rcode !== 0) return "other";
  if (r.answer.length > 0) return r.answer.every((rr) => rr.type === "CNAME") ? "cname" : "answer";
  if (r.authority.some((rr) => rr.type === "NS" && inZone(name, rr.name))) return "referral";
  if (r.authority.some((rr) => rr.type === "SOA")) return "nodata";
  return "other";
}

export class RecursiveResolver {
  readonly cache: Cache;
  readonly transport: Transport;

  constructor(
    private readonly env: ResolverEnv,
    readonly id: number,
    readonly address: string,
    readonly config: ResolverConfig,
  ) {
    this.cache = new Cache(() => env.clock.now(), env.trace, id);
    this.transport = new Transport(env, address, config.defences, id);
  }

  /** One whole resolution, traced from start to answer. */
  async resolve(name: string, type: RecordType, app?: number): Promise<ResolveResult> {
    const { env } = this;
    const resolution = env.nextResolution();
    const started = env.clock.now();
    env.trace?.({ kind: "resolve.start", resolution, resolver: this.id, name, type, ...(app !== undefined && { app }) });
    const ctx: Context = { resolution, queries: 0 };
    const result = await this.run(name, type, ctx);
    const done: ResolveResult = { ...result, name, type, queries: ctx.queries, ms: env.clock.now() - started };
    env.trace?.({ kind: "answer", resolution, name, type, rcode: done.rcode, records: done.answer.map((r) => `${r.name} ${r.ttl} IN ${r.type} ${r.rdata}`), queries: ctx.queries, ms: done.ms, fromCache: ctx.queries === 0, ...(done.timedOut && { error: "timeout" }) });
    return done;
  }

  private async run(qname: string, type: string, ctx: Context, depth = 0): Promise<Omit<ResolveResult, "name" | "type" | "queries" | "ms">> {
    const chain: ResourceRecord[] = [];
    const seen = new Set<string>();
    const fail = (timedOut = false) => ({ rcode: "SERVFAIL" as const, answer: chain, soa: null, timedOut });
    let name = qname;
    for (;;) {
      // 1. A loop or an overlong chain of CNAMEs is the zone's fault: SERVFAIL.
      if (seen.has(key(name)) || chain.length > this.config.maxCnameChain) return fail();
      seen.add(key(name));
      const cached = this.fromCache(name, type, ctx);
      if (cached === "cname") {
        // Read aloud this time: following a cached CNAME is a cache hit (the trace shows it).
        const cname = this.cache.get(name, "CNAME", ctx.resolution)!.records[0];
        chain.push(cname);
        name = this.follow(cname, ctx);
        continue;
      }
      if (cached) return { ...cached, answer: [...chain, ...cached.answer], timedOut: false };
      // 2. Ask the servers.
      const got = await this.iterate(name, type, ctx, depth);
      if (!got.response) return fail(got.timedOut);
      // 3. Walk the answer's CNAMEs from the name asked; what is left to find is asked again.
      const sets = groupRRsets(got.response.answer);
      for (let step = 0; ; step++) {
        const wanted = sets.get(`${key(name)} ${type}`);
        if (wanted) return { rcode: "NOERROR", answer: [...chain, ...wanted], soa: null, timedOut: false };
        const cname = type === "CNAME" ? undefined : sets.get(`${key(name)} CNAME`)?.[0];
        if (!cname) break;
        chain.push(cname);
        name = this.follow(cname, ctx);
        if (seen.has(key(name)) || chain.length > this.config.maxCnameChain) return fail();
        seen.add(key(name));
      }
      seen.delete(key(name));
      const stillInZone = inZone(name, got.zone);
      const soa = got.response.authority.find((r) => r.type === "SOA" && inZone(name, r.name)) ?? null;
      if (got.response.flags.rcode === 3 && stillInZone) {
        this.cache.storeNegative(name, type, "NXDOMAIN", soa, false);
        return { rcode: "NXDOMAIN", answer: chain, soa, timedOut: false };
      }
      if (stillInZone && chain.length === 0) {
        this.cache.storeNegative(name, type, "NODATA", soa, false);
        return { rcode: "NOERROR", answer: chain, soa, timedOut: false };
      }
      if (stillInZone && soa) {
        this.cache.storeNegative(name, type, "NODATA", soa, false);
        return { rcode: "NOERROR", answer: chain, soa, timedOut: false };
      }
      // The chain left the zone that answered: go on from the cache / the root for the target.
    }
  }

  private follow(cname: ResourceRecord, ctx: Context): string {
    const to = cname.data.kind === "CNAME" ? cname.data.target : cname.name;
    this.env.trace?.({ kind: "cname", resolution: ctx.resolution, from: cname.name, to });
    return to;
  }

  /** What the cache says about (name, type): an answer, "cname" to follow, or null (ask). */
  private fromCache(name: string, type: string, ctx: Context): Pick<ResolveResult, "rcode" | "answer" | "soa"> | "cname" | null {
    const nx = this.cache.nxdomain(name);
    if (nx) {
      this.env.trace?.({ kind: "cache.hit", resolver: this.id, resolution: ctx.resolution, name, type, ttl: this.cache.ttlLeft(nx), negative: "NXDOMAIN" });
      return { rcode: "NXDOMAIN", answer: [], soa: nx.soa };
    }
    const hit = this.cache.get(name, type, ctx.resolution);
    if (hit) return { rcode: "NOERROR", answer: hit.records, soa: hit.soa };
    // A CNAME to follow: a cached NODATA for (name, CNAME) is no alias.
    if (type !== "CNAME" && this.cache.get(name, "CNAME", ctx.resolution, true)?.records.length) return "cname";
    return null;
  }

  /** The deepest zone above `name` whose name servers the cache holds; the root hints at worst. */
  private closestServers(name: string): { zone: string; servers: (Target | { name: string; address: null })[] } {
    for (let n = name; ; n = parent(n)) {
      const ns = n === "." ? null : this.cache.get(n, "NS", null, true);
      if (ns) {
        const servers = ns.records.flatMap((r) => (r.data.kind === "NS" ? [r.data.target] : [])).map((target) => {
          const a = this.cache.get(target, "A", null, true)?.records[0];
          return { name: target, address: a?.data.kind === "A" ? a.data.address : null };
        });
        if (servers.some((s) => s.address !== null) || n !== name) return { zone: n, servers };
      }
      if (n === ".") return { zone: ".", servers: this.env.rootHints() };
    }
  }

  /** Follows referrals from the closest known zone until a server answers for `name`. */
  private async iterate(name: string, type: string, ctx: Context, depth: number): Promise<Iterated> {
    let { zone, servers } = this.closestServers(name);
    let anyResponse = false;
    for (let hop = 0; hop < MAX_REFERRALS; hop++) {
      let next: { zone: string; servers: (Target | { name: string; address: null })[] } | null = null;
      servers: for (const server of servers) {
        const address = server.address ?? (await this.addressOf(server.name, zone, ctx, depth));
        if (!address) continue;
        for (let attempt = 1; attempt <= this.config.tries; attempt++) {
          const target = { name: server.name, address };
          const ex = await this.transport.send({ server: target, qname: name, qtype: type, rd: false, timeoutMs: this.config.timeoutMs, resolution: ctx.resolution, attempt });
          ctx.queries++;
          const r = ex.response;
          if (!r) continue;
          anyResponse = true;
          const kind = classify(r, name);
          this.env.trace?.({ kind: "response", query: ex.query, resolution: ctx.resolution, server: server.name, address, rcode: rcodeName(r.flags.rcode), answer: kind, rttMs: ex.rttMs, aa: r.flags.aa, wire: wireOf(r) });
          if (kind === "refused" || kind === "servfail" || kind === "formerr" || kind === "other") continue servers; // lame
          absorb({ cache: this.cache, bailiwick: this.config.defences.bailiwick, trace: this.env.trace, resolver: this.id }, r, zone, ex.query, ex.forged);
          if (kind !== "referral") return { response: r, zone };
          const cut = r.authority.find((rr) => rr.type === "NS" && inZone(name, rr.name))!.name;
          // A referral must go down, below the zone asked: sideways or up is a lame server.
          if (!inZone(cut, zone) || key(cut) === key(zone)) continue servers;
          next = this.referral(r, cut, server.name, ctx);
          break servers;
        }
      }
      if (!next) return { response: null, timedOut: !anyResponse };
      ({ zone, servers } = next);
    }
    return { response: null, timedOut: false };
  }

  private referral(r: DecodedMessage, cut: string, from: string, ctx: Context): { zone: string; servers: (Target | { name: string; address: null })[] } {
    const servers = r.authority
      .filter((rr) => rr.type === "NS" && key(rr.name) === key(cut) && rr.data.kind === "NS")
      .map((rr) => {
        const target = rr.data.kind === "NS" ? rr.data.target : "";
        const glue = r.additional.find((a) => a.type === "A" && key(a.name) === key(target));
        return { name: target, address: glue?.data.kind === "A" ? glue.data.address : null };
      });
    this.env.trace?.({ kind: "referral", resolution: ctx.resolution, zone: cut, nameservers: servers, from });
    return { zone: cut, servers };
  }

  /** A name server's address without glue: resolved on the side (a glueless delegation). */
  private async addressOf(server: string, zone: string, ctx: Context, depth: number): Promise<string | null> {
    const cached = this.cache.get(server, "A", null, true)?.records[0];
    if (cached?.data.kind === "A") return cached.data.address;
    // A server named inside the zone it serves needs glue: without it, resolving its name would ask itself.
    if (depth >= MAX_DEPTH || (inZone(server, zone) && zone !== ".")) return null;
    const sub = await this.run(server, "A", ctx, depth + 1);
    const a = sub.answer.find((r) => r.type === "A");
    return a?.data.kind === "A" ? a.data.address : null;
  }
}

const RCODES = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"];
export const rcodeName = (rcode: number) => RCODES[rcode] ?? `RCODE${rcode}`;

