// What `import … from "playground/dns"` gives lesson code: its types, for the editor and the
// typecheck. The values come from playground.ts, built per run. A simulated internet runs in
// virtual time: every query is a real DNS message encoded to bytes, crossing a network with
// latency and loss on the internet's clock; `await` resolves once the simulation reaches the
// answer, and `net.sleep(ms)` lets TTLs count down.
import type { DnsMessage, ResourceRecord, WireField } from "./message/index.ts";

export type { DnsMessage, Flags, Question, ResourceRecord, RData, WireField } from "./message/index.ts";
export type { DnsTrace } from "./trace.ts";

/** A record type the engine's servers store ("A", "AAAA", "CNAME", "NS", "MX", "TXT", "SOA", "PTR", "SRV"). */
export type RecordType = "A" | "AAAA" | "CNAME" | "NS" | "MX" | "TXT" | "SOA" | "PTR" | "SRV";

export interface InternetOptions {
  /** Seed of the internet's PRNG (query ids, source ports, packet loss): the same seed, the same run. Default 1. */
  seed?: number;
  /** Round-trip time to every server, in ms (default: root 24, TLD 32, authoritative 48). Per server: `servers` below. */
  rttMs?: number;
  /** Probability (0–1) that any one packet is lost on the way (default 0). */
  loss?: number;
  /** "default": the small internet described in the lesson (root, .test and .example, zones below); "empty": root servers only. */
  zones?: "default" | "empty";
}

/** A name server on the simulated internet. */
export interface ServerInfo {
  name: string;
  address: string;
  rttMs: number;
  /** The zones it is authoritative for ("." for a root server). */
  zones: string[];
}

export interface AddZoneOptions {
  /** Host names of the servers that serve it (created when new, with `address`). Default: ns1.<zone>. */
  servers?: { name: string; address?: string; rttMs?: number }[];
  /** SOA minimum (RFC 2308: how long NXDOMAIN / NODATA answers are cached), seconds. Default 300. */
  negativeTtl?: number;
  /** Delegate it from its parent zone (NS records, and glue for in-zone servers). Default true. */
  delegate?: boolean;
}

/** A zone on its authoritative servers. Changes take effect at once there, and reach resolvers only as their cached copies expire. */
export interface Zone {
  readonly origin: string;
  /** Every record, SOA first, in presentation text ("www.example.test. 300 IN A 192.0.2.10"). */
  records(): string[];
  /** Replaces the RRset of `name` (relative to the origin, "@" for the origin, or absolute with a final dot). */
  set(name: string, type: RecordType, ttl: number, data: string | string[]): void;
  /** Adds one record to the RRset. */
  add(name: string, type: RecordType, ttl: number, data: string): void;
  /** Removes the RRset of that type, or every record of the name. */
  remove(name: string, type?: RecordType): void;
}

/** Switchable defences against cache poisoning (all but case randomization on by default, as in today's resolvers). */
export interface Defences {
  /** Random 16-bit query ids (off: ids count up, so one seen id predicts the next). Default true. */
  randomIds?: boolean;
  /** A random source port per query (off: every query leaves from port 53). Default true. */
  randomPorts?: boolean;
  /** Cache only records inside the zone of the server that answered (RFC 2181 5.4.1). Default true. */
  bailiwick?: boolean;
  /** 0x20: random upper/lower case in the query name, which the answer must echo exactly. Default false. */
  caseRandomization?: boolean;
}

export interface ResolverOptions {
  /** How long to wait for one server's answer, ms (default 1000). */
  timeout?: number;
  /** Attempts per server before trying the next (default 2), as Node's Resolver `tries`. */
  tries?: number;
  defences?: Defences;
  /** Round trip between the asking app and this resolver, ms (default 2). */
  clientRttMs?: number;
  /** Longest CNAME chain followed before SERVFAIL (default 8). */
  maxCnameChain?: number;
}

export interface RecordWithTtl {
  address: string;
  /** Seconds left in the resolver's cache (the authoritative TTL on a fresh answer). */
  ttl: number;
}

export interface MxRecord {
  exchange: string;
  priority: number;
}

export interface SoaRecord {
  nsname: string;
  hostmaster: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minttl: number;
}

export interface LookupAddress {
  address: string;
  family: 4 | 6;
}

/** What a whole resolution found: the rcode, and the answer as CNAMEs followed by the final RRset. */
export interface Resolution {
  name: string;
  type: RecordType;
  rcode: "NOERROR" | "NXDOMAIN" | "SERVFAIL";
  /** The CNAME chain, then the records of the type asked (empty for NXDOMAIN / NODATA). */
  answer: ResourceRecord[];
  /** For a negative answer, the zone's SOA record (its minimum, or the SOA's TTL if lower, is the negative TTL). */
  soa: ResourceRecord | null;
  /** Queries sent on the wire for this resolution (0: all from the cache). */
  queries: number;
  /** Virtual ms the resolution took. */
  ms: number;
}

/** One entry of a resolver's cache, as the visualization shows it. */
export interface CacheEntry {
  name: string;
  type: string;
  /** Seconds left, counting down on the internet's clock. */
  ttl: number;
  /** The records in presentation text ([] for a negative entry). */
  records: string[];
  negative: "NXDOMAIN" | "NODATA" | null;
}

/**
 * A caching recursive resolver (the "8.8.8.8" of this internet), with the method names and
 * result shapes of Node's `dns.promises.Resolver`. Errors carry Node's `code` ("ENOTFOUND",
 * "ENODATA", "ESERVFAIL", "ETIMEOUT"), `syscall` ("queryA") and `hostname`, and its message
 * ("queryA ENOTFOUND nope.example.test").
 */
export interface Resolver {
  readonly address: string;
  resolve4(hostname: string): Promise<string[]>;
  resolve4(hostname: string, options: { ttl: true }): Promise<RecordWithTtl[]>;
  resolve6(hostname: string): Promise<string[]>;
  resolve6(hostname: string, options: { ttl: true }): Promise<RecordWithTtl[]>;
  resolveCname(hostname: string): Promise<string[]>;
  resolveMx(hostname: string): Promise<MxRecord[]>;
  resolveNs(hostname: string): Promise<string[]>;
  /** Each record's character-strings: [["v=spf1 -all"]]. */
  resolveTxt(hostname: string): Promise<string[][]>;
  resolveSoa(hostname: string): Promise<SoaRecord>;
  /** getaddrinfo's view (errors "getaddrinfo ENOTFOUND host"): the first address, IPv4 first. */
  lookup(hostname: string): Promise<LookupAddress>;
  lookup(hostname: string, options: { all: true; family?: 0 | 4 | 6 }): Promise<LookupAddress[]>;
  lookup(hostname: string, options: { family?: 0 | 4 | 6 }): Promise<LookupAddress>;
  /** The whole resolution, never throwing for a DNS outcome (ETIMEOUT becomes SERVFAIL). */
  resolveRaw(hostname: string, type: RecordType): Promise<Resolution>;
  /** The cache as it stands now (expired entries left out). */
  cache(): CacheEntry[];
  /** Empties the cache. */
  flush(): void;
}

export interface QueryOptions {
  /** The query id (default: random). */
  id?: number;
  /** Recursion desired (default false: an iterative query, as a resolver sends). */
  rd?: boolean;
  /** Wait this long for the answer before ETIMEOUT, ms (default 1000). */
  timeout?: number;
}

/** One server's response to one query: the decoded message, plus where and how it travelled. */
export interface QueryResponse extends DnsMessage {
  /** The rcode's name: "NOERROR", "NXDOMAIN", "REFUSED", "SERVFAIL". */
  rcode: string;
  server: string;
  address: string;
  rttMs: number;
  /** The response's size on the wire, bytes. */
  size: number;
}

/** An application process with one thread, asking `resolver` through its stub. */
export interface App {
  /** socket.gethostbyname: the thread waits for the answer; nothing else of the app runs meanwhile. */
  gethostbyname(hostname: string): Promise<string>;
  /** An async resolver (Node's dns.promises, aiodns): the thread stays free while the query is out. */
  resolve(hostname: string): Promise<string>;
  /** `ms` of work on the app's thread (a request handler); it waits while the thread is blocked. */
  work(ms: number, label?: string): Promise<void>;
}

/** What poisoning took under one set of defences. */
export interface PoisoningResult {
  defences: Required<Defences>;
  /** Whether the resolver ended up answering `victim` with the attacker's address. */
  poisoned: boolean;
  /** Forged packets sent in all (until success, or the budget). */
  forgedPackets: number;
  /** Races run: each triggers one query and floods forged answers at it. */
  windows: number;
  /** The expected number of forged packets for these defences (ids × ports × 0x20 cases: each window is a fresh query, so guesses do not narrow down), Infinity if the attack cannot work. */
  expectedPackets: number;
  /** The address the resolver gives for the victim afterwards. */
  victimAnswer: string[];
  /** Virtual ms the attack took. */
  ms: number;
}

export interface PoisoningOptions {
  defences?: Defences;
  /** Name whose address the attacker wants to replace (default "www.example.test"). */
  victim?: string;
  /** "kaminsky": forge a referral for the victim's own zone (in bailiwick); "out-of-zone": slip the victim's record into an answer for the attacker's zone. Default "kaminsky". */
  attack?: "kaminsky" | "out-of-zone";
  /** Forged packets per race (default 200). */
  packetsPerWindow?: number;
  /** Stop after this many forged packets (default 200,000). */
  budget?: number;
}

/** The simulated internet: servers, zones, resolvers, apps and an attacker on one virtual clock. */
export interface Internet {
  /** Virtual ms since the internet was created. */
  now(): number;
  /** Lets `ms` of virtual time pass (TTLs count down, entries expire). */
  sleep(ms: number): Promise<void>;
  /** The root servers a resolver starts from (its root hints). */
  readonly rootHints: ServerInfo[];
  servers(): ServerInfo[];
  /** A zone by its origin ("example.test"); throws if no server serves it. */
  zone(origin: string): Zone;
  addZone(origin: string, options?: AddZoneOptions): Zone;
  /** Sets one server's round-trip time, or makes it silent (`silent: true`: it drops every query until `silent: false`). */
  setServer(nameOrAddress: string, settings: { rttMs?: number; silent?: boolean }): void;
  /** Sends ONE query to one server (host name or address) and returns its decoded response; ETIMEOUT if none comes. */
  query(server: string, name: string, type: RecordType, options?: QueryOptions): Promise<QueryResponse>;
  /** A new caching recursive resolver on this internet. */
  resolver(options?: ResolverOptions): Resolver;
  /** A one-thread application process using `resolver`. */
  app(resolver: Resolver): App;
  /** The reference answer: a fresh resolver with an empty cache, on this same network (its latency and packet loss apply too): what a checked iterative loop must find. */
  reference(name: string, type: RecordType): Promise<Resolution>;
  /** Runs the cache poisoning attack against a fresh resolver with these defences. */
  poison(options?: PoisoningOptions): Promise<PoisoningResult>;
  /** The wire bytes of a message and which field each byte belongs to (the hex view). */
  wire(message: DnsMessage): { bytes: Uint8Array; fields: WireField[] };
}

export declare function createInternet(options?: InternetOptions): Internet;

/** An error as Node's dns module throws it. */
export interface DnsError extends Error {
  code: "ENOTFOUND" | "ENODATA" | "ESERVFAIL" | "ETIMEOUT" | "EREFUSED" | "EFORMERR" | "EBADNAME" | "EAI_AGAIN";
  syscall: string;
  hostname: string;
  errno: number | undefined;
}
