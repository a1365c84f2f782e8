// The DNS side of a run, read from its trace (workers/dns/trace.ts) in one pass: each internet's
// servers, its walks (one per resolution of an engine resolver, or a stretch of the learner's own
// net.query calls), the caches of its resolvers, and the poisoning races with every forged
// packet's verdict. Given the trace up to the playhead, it holds what had happened by then.
import type { TraceEvent } from "../../../workers/trace";
import type { AcceptVerdict, DnsTrace, NegativeKind } from "../../../workers/dns/trace";

export type DnsEvent<K extends DnsTrace["kind"]> = Extract<DnsTrace, { kind: K }>;

/** One query on the wire and what came of it (null: still out at the playhead). */
export interface Hop {
  query: DnsEvent<"query">;
  outcome: DnsEvent<"response"> | DnsEvent<"timeout"> | null;
}

/** One resolution, or a run of the learner's own queries, as the sequence diagram draws it. */
export interface Walk {
  /** Stable across the trace's prefixes: `net:r<resolution>` or `net:q<first query>`. */
  key: string;
  net: number;
  resolution: number | null;
  name: string;
  type: string;
  hops: Hop[];
  /** Referrals, CNAMEs and cache hits of the resolution, in order. */
  steps: (DnsEvent<"referral"> | DnsEvent<"cname"> | DnsEvent<"cache.hit">)[];
  answer: DnsEvent<"answer"> | null;
  first: DnsTrace;
  last: DnsTrace;
}

export interface CacheRow {
  name: string;
  type: string;
  ttl: number;
  records: string[];
  negative: NegativeKind | null;
  forged: boolean;
  /** When it was stored, on the run's clock. */
  storedAt: number;
}

export interface Race {
  net: number;
  windows: number;
  forged: number;
  won: boolean;
  /** Forged packets the resolver judged (the traced ones), by verdict. */
  verdicts: Partial<Record<AcceptVerdict, number>>;
  judged: number;
  last: DnsTrace;
}

export interface DnsRun {
  servers: Map<number, Map<string, DnsEvent<"server">>>;
  walks: Walk[];
  /** Per internet, per resolver: its cache entries by "name type". */
  caches: Map<number, Map<number, Map<string, CacheRow>>>;
  races: Map<number, Race>;
  last: DnsTrace | null;
}

const netOf = (e: DnsTrace) => e.net ?? 1;

export function readDns(trace: readonly TraceEvent[]): DnsRun {
  const run: DnsRun = { servers: new Map(), walks: [], caches: new Map(), races: new Map(), last: null };
  const byResolution = new Map<string, Walk>();
  const byQuery = new Map<string, { hop: Hop; walk: Walk }>();
  const loose = new Map<number, Walk>(); // the learner's walk still open, per internet

  const open = (e: DnsTrace, key: string, resolution: number | null, name: string, type: string): Walk => {
    const walk: Walk = { key, net: netOf(e), resolution, name, type, hops: [], steps: [], answer: null, first: e, last: e };
    run.walks.push(walk);
    return walk;
  };
  const touch = (walk: Walk | undefined, e: DnsTrace) => {
    if (walk) walk.last = e;
  };

  for (const event of trace) {
    if (event.source !== "dns") continue;
    const e = event as DnsTrace;
    const net = netOf(e);
    run.last = e;
    switch (e.kind) {
      case "server": {
        if (!run.servers.has(net)) run.servers.set(net, new Map());
        run.servers.get(net)!.set(e.address, e);
        break;
      }
      case "resolve.start": {
        byResolution.set(`${net}:${e.resolution}`, open(e, `${net}:r${e.resolution}`, e.resolution, e.name, e.type));
        break;
      }
      case "query": {
        let walk: Walk | undefined;
        if (e.resolution !== null) walk = byResolution.get(`${net}:${e.resolution}`);
        else {
          walk = loose.get(net);
          if (!walk) {
            walk = open(e, `${net}:q${e.query}`, null, e.qname, e.qtype);
            loose.set(net, walk);
          }
        }
        if (!walk) break;
        const hop: Hop = { query: e, outcome: null };
        walk.hops.push(hop);
        byQuery.set(`${net}:${e.query}`, { hop, walk });
        touch(walk, e);
        break;
      }
      case "response":
      case "timeout": {
        const sent = byQuery.get(`${net}:${e.query}`);
        if (sent) sent.hop.outcome = e;
        touch(sent?.walk, e);
        break;
      }
      case "referral":
      case "cname":
      case "cache.hit": {
        // A cache hit outside a resolution (resolution null) belongs to no walk.
        const walk = byResolution.get(`${net}:${e.resolution}`);
        walk?.steps.push(e);
        touch(walk, e);
        break;
      }
      case "answer": {
        const walk = byResolution.get(`${net}:${e.resolution}`);
        if (walk) walk.answer = e;
        touch(walk, e);
        break;
      }
      case "cache.store": {
        cacheOf(run, net, e.resolver).set(`${e.name.toLowerCase()} ${e.type}`, { name: e.name, type: e.type, ttl: e.ttl, records: e.records, negative: e.negative, forged: e.forged, storedAt: e.t });
        break;
      }
      case "cache.expire": {
        cacheOf(run, net, e.resolver).delete(`${e.name.toLowerCase()} ${e.type}`);
        break;
      }
      case "packet": {
        if (!e.forged) break;
        const race = raceOf(run, net, e);
        race.verdicts[e.verdict] = (race.verdicts[e.verdict] ?? 0) + 1;
        race.judged++;
        break;
      }
      case "race": {
        const race = raceOf(run, net, e);
        race.windows = Math.max(race.windows, e.window);
        race.forged += e.forged;
        race.won ||= e.won;
        break;
      }
    }
    // Anything else on that internet (a resolution, a sleep, a zone change) ends the learner's run of queries.
    if (e.kind !== "query" && e.kind !== "response" && e.kind !== "timeout" && e.kind !== "server") loose.delete(net);
  }
  return run;
}

function cacheOf(run: DnsRun, net: number, resolver: number): Map<string, CacheRow> {
  if (!run.caches.has(net)) run.caches.set(net, new Map());
  const caches = run.caches.get(net)!;
  if (!caches.has(resolver)) caches.set(resolver, new Map());
  return caches.get(resolver)!;
}

function raceOf(run: DnsRun, net: number, e: DnsTrace): Race {
  let race = run.races.get(net);
  if (!race) {
    race = { net, windows: 0, forged: 0, won: false, verdicts: {}, judged: 0, last: e };
    run.races.set(net, race);
  }
  race.last = e;
  return race;
}

/** The walk the playhead stands in: the one its last DNS event belongs to, else the last begun. */
export function currentWalk(run: DnsRun): Walk | undefined {
  const last = run.last;
  if (last) for (let i = run.walks.length - 1; i >= 0; i--) if (run.walks[i].last === last) return run.walks[i];
  return run.walks.at(-1);
}
