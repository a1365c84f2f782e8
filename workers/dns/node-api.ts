// The learner's view of a recursive resolver: Node's dns.promises.Resolver methods and result
// shapes over resolver.ts, with the round trip between the app and the resolver on the clock.
import type * as Api from "./learner-api.ts";
import { errorOf, NodeDnsError, syscallOf } from "./errors.ts";
import { absolute, bare } from "./names.ts";
import type { RecursiveResolver, ResolveResult } from "./resolver.ts";
import type { SimClock } from "./sim-clock.ts";
import type { ResourceRecord } from "./message/index.ts";

const latin1 = new TextDecoder("latin1");

export function nodeResolver(resolver: RecursiveResolver, clock: SimClock, app?: number): Api.Resolver & { resolveTimed(name: string, type: Api.RecordType): Promise<ResolveResult> } {
  const half = () => resolver.config.clientRttMs / 2;

  async function resolveTimed(hostname: string, type: Api.RecordType): Promise<ResolveResult> {
    clock.touch();
    await clock.sleep(half());
    const result = await resolver.resolve(absolute(hostname), type, app);
    await clock.sleep(half());
    return result;
  }

  /** The records of `type` in the answer, or Node's error for the outcome. */
  async function records(hostname: string, type: Api.RecordType, syscall = syscallOf(type)): Promise<ResourceRecord[]> {
    let name: string;
    try {
      name = absolute(hostname);
      if (hostname === "" || hostname.includes("..")) throw new Error("bad name");
    } catch {
      throw new NodeDnsError("EBADNAME", syscall, hostname);
    }
    const result = await resolveTimed(name, type);
    const found = result.answer.filter((r) => r.type === type);
    const code = errorOf(result, found.length);
    if (code) throw new NodeDnsError(code, syscall, hostname);
    return found;
  }

  const field = <T>(r: ResourceRecord, read: (d: ResourceRecord["data"]) => T | undefined): T[] => {
    const v = read(r.data);
    return v === undefined ? [] : [v];
  };
  const addresses = async (hostname: string, type: "A" | "AAAA", options?: { ttl?: boolean }) => {
    const rs = await records(hostname, type);
    const list = rs.flatMap((r) => field(r, (d) => (d.kind === "A" || d.kind === "AAAA" ? d.address : undefined)));
    return options?.ttl ? list.map((address, i) => ({ address, ttl: rs[i].ttl })) : list;
  };
  const soaOf = (r: ResourceRecord): Api.SoaRecord => {
    if (r.data.kind !== "SOA") throw new Error("not an SOA");
    const d = r.data;
    return { nsname: bare(d.mname), hostmaster: bare(d.rname), serial: d.serial, refresh: d.refresh, retry: d.retry, expire: d.expire, minttl: d.minimum };
  };

  async function lookupAll(hostname: string, family: 0 | 4 | 6): Promise<Api.LookupAddress[]> {
    const out: Api.LookupAddress[] = [];
    let failure: NodeDnsError | null = null;
    for (const [type, fam] of [["A", 4], ["AAAA", 6]] as const) {
      if (family !== 0 && family !== fam) continue;
      try {
        for (const address of (await addresses(hostname, type)) as string[]) out.push({ address, family: fam });
      } catch (e) {
        failure ??= e as NodeDnsError;
      }
      if (out.length > 0) break;
    }
    if (out.length > 0) return out;
    // getaddrinfo's words: no such name or no address is ENOTFOUND; a server failure is EAI_AGAIN.
    const code = failure && (failure.code === "ESERVFAIL" || failure.code === "ETIMEOUT") ? "EAI_AGAIN" : "ENOTFOUND";
    throw new NodeDnsError(code, "getaddrinfo", hostname);
  }

  const api = {
    address: resolver.address,
    resolve4: (hostname: string, options?: { ttl?: boolean }) => addresses(hostname, "A", options),
    resolve6: (hostname: string, options?: { ttl?: boolean }) => addresses(hostname, "AAAA", options),
    resolveCname: async (hostname: string) => (await records(hostname, "CNAME")).flatMap((r) => field(r, (d) => (d.kind === "CNAME" ? bare(d.target) : undefined))),
    resolveNs: async (hostname: string) => (await records(hostname, "NS")).flatMap((r) => field(r, (d) => (d.kind === "NS" ? bare(d.target) : undefined))),
    resolveMx: async (hostname: string) => (await records(hostname, "MX")).flatMap((r) => field(r, (d) => (d.kind === "MX" ? { exchange: bare(d.exchange), priority: d.preference } : undefined))),
    resolveTxt: async (hostname: string) => (await records(hostname, "TXT")).flatMap((r) => field(r, (d) => (d.kind === "TXT" ? d.strings.map((s) => latin1.decode(s)) : undefined))),
    resolveSoa: async (hostname: string) => soaOf((await records(hostname, "SOA"))[0]),
    lookup: async (hostname: string, options: { all?: boolean; family?: 0 | 4 | 6 } = {}) => {
      const all = await lookupAll(hostname, options.family ?? 0);
      return options.all ? all : all[0];
    },
    resolveRaw: (hostname: string, type: Api.RecordType) => resolveTimed(hostname, type),
    resolveTimed,
    cache: (): Api.CacheEntry[] =>
      resolver.cache.entries().map((item) => ({ name: item.name, type: item.type, ttl: resolver.cache.ttlLeft(item), records: item.records.map((r) => r.rdata), negative: item.negative })),
    flush: () => resolver.cache.flush(),
  };
  return api as unknown as Api.Resolver & { resolveTimed: typeof resolveTimed };
}
