// The simulated internet: hosts on one network and one virtual clock, the servers and zones of
// default-internet.ts (or root servers only), and what learner code builds on it — resolvers,
// apps, single queries, a poisoning race. Zones change at run time only on their servers; caches
// learn of a change when their copy expires ("propagation").
import type * as Api from "./learner-api.ts";
import { Prng } from "../shared/prng.ts";
import { encodeWithFields, type DnsMessage } from "./message/index.ts";
import { SimClock } from "./sim-clock.ts";
import { Network } from "./network.ts";
import { ZoneData } from "./zone.ts";
import { listen, type ServerRecord } from "./server.ts";
import { absolute, inZone, key, parent } from "./names.ts";
import { DEFAULT_SERVERS, DEFAULT_ZONES, LAME_DELEGATIONS, ROOT_SERVERS, ROOT_ZONE, type ZoneSpec } from "./default-internet.ts";
import { RecursiveResolver, type ResolverEnv } from "./resolver.ts";
import { nodeResolver } from "./node-api.ts";
import { sendQuery } from "./query.ts";
import { createApp } from "./app.ts";
import { poison } from "./poison.ts";
import type { DnsTraceBody } from "./trace.ts";
import { Transport, type Target } from "./transport.ts";

export type TraceSink = ((event: DnsTraceBody, t: number) => void) | null;

export const DEFAULT_DEFENCES: Required<Api.Defences> = { randomIds: true, randomPorts: true, bailiwick: true, caseRandomization: false };

/** Addresses handed to resolvers, apps and the learner's own socket (RFC 1918 space: inside the ISP). */
const LOCAL_PREFIX = "10.0.0.";

export class Internet implements Api.Internet {
  readonly clock = new SimClock();
  readonly network: Network;
  readonly prng: Prng;
  private readonly serversByName = new Map<string, ServerRecord & { rttMs: number }>();
  private readonly zones = new Map<string, ZoneData>();
  private queries = 0;
  private resolutions = 0;
  private resolvers = 0;
  private apps = 0;
  private localHosts = 1;
  private client: Transport | null = null;
  readonly env: ResolverEnv;

  constructor(
    options: Api.InternetOptions = {},
    readonly sink: TraceSink = null,
  ) {
    this.prng = new Prng(options.seed ?? 1);
    this.network = new Network(this.clock, () => this.prng.next(), options.loss ?? 0);
    const trace = sink ? (event: DnsTraceBody) => sink(event, this.clock.now()) : null;
    this.env = {
      network: this.network,
      clock: this.clock,
      random: () => this.prng.next(),
      nextQuery: () => ++this.queries,
      nextResolution: () => ++this.resolutions,
      trace,
      rootHints: () => this.rootHints.map((s) => ({ name: s.name, address: s.address })),
    };
    const rtt = options.rttMs;
    for (const spec of [...ROOT_SERVERS, ...(options.zones === "empty" ? [] : DEFAULT_SERVERS)]) this.addServer(spec.name, spec.address, rtt ?? spec.rttMs, spec.role);
    this.loadZone(ROOT_ZONE);
    if (options.zones !== "empty") {
      for (const spec of DEFAULT_ZONES) this.loadZone(spec);
      for (const lame of LAME_DELEGATIONS) for (const ns of lame.servers) this.zoneData(lame.parent).add(lame.zone, "NS", 172800, ns);
    }
    for (const zone of this.zones.values()) zone.onChange = (change) => this.env.trace?.({ kind: "zone.change", zone: zone.origin, ...change });
    for (const server of this.serversByName.values()) this.traceServer(server);
  }

  get rootHints(): Api.ServerInfo[] {
    return ROOT_SERVERS.map((s) => this.info(this.serversByName.get(key(s.name))!));
  }

  now(): number {
    return this.clock.now();
  }

  async sleep(ms: number): Promise<void> {
    this.env.trace?.({ kind: "sleep", ms });
    await this.clock.sleep(ms);
  }

  servers(): Api.ServerInfo[] {
    return [...this.serversByName.values()].map((s) => this.info(s));
  }

  zone(origin: string): Api.Zone {
    return this.zoneData(origin);
  }

  addZone(origin: string, options: Api.AddZoneOptions = {}): Api.Zone {
    const name = absolute(origin);
    if (this.zones.has(key(name))) throw new Error(`the zone ${name} exists`);
    const servers = (options.servers ?? [{ name: `ns1.${name}` }]).map((s) => {
      const server = this.serversByName.get(key(absolute(s.name))) ?? this.addServer(absolute(s.name), s.address ?? this.freeAddress(), s.rttMs ?? 48, "authoritative");
      return server;
    });
    const zone = this.makeZone(name, servers);
    const ns = servers[0].name;
    zone.set("@", "SOA", 3600, `${ns} hostmaster.${name} 1 7200 900 1209600 ${options.negativeTtl ?? 300}`);
    for (const s of servers) zone.add("@", "NS", 86400, s.name);
    if (options.delegate !== false && name !== ".") {
      const above = this.closestZone(parent(name));
      for (const s of servers) {
        above.add(name, "NS", 86400, s.name);
        if (inZone(s.name, name)) above.add(s.name, "A", 86400, s.address);
      }
    }
    zone.onChange = (change) => this.env.trace?.({ kind: "zone.change", zone: zone.origin, ...change });
    for (const s of servers) this.traceServer(s);
    return zone;
  }

  setServer(nameOrAddress: string, settings: { rttMs?: number; silent?: boolean }): void {
    const server = [...this.serversByName.values()].find((s) => s.address === nameOrAddress || key(s.name) === key(absolute(nameOrAddress)));
    if (!server) throw new Error(`no server ${nameOrAddress}`);
    if (settings.rttMs !== undefined) server.rttMs = settings.rttMs;
    this.network.setHost(server.address, { linkMs: settings.rttMs !== undefined ? settings.rttMs / 2 : undefined, silent: settings.silent });
  }

  query(server: string, name: string, type: Api.RecordType, options: Api.QueryOptions = {}): Promise<Api.QueryResponse> {
    this.client ??= this.newTransport(DEFAULT_DEFENCES, null);
    return sendQuery(this.client, this.target(server), name, type, options, this.env.trace);
  }

  resolver(options: Api.ResolverOptions = {}): Api.Resolver {
    return nodeResolver(this.newResolver(options), this.clock);
  }

  newResolver(options: Api.ResolverOptions = {}): RecursiveResolver {
    const id = ++this.resolvers;
    const address = this.newLocalHost(0);
    const config = {
      timeoutMs: options.timeout ?? 1000,
      tries: options.tries ?? 2,
      defences: { ...DEFAULT_DEFENCES, ...options.defences },
      clientRttMs: options.clientRttMs ?? 2,
      maxCnameChain: options.maxCnameChain ?? 8,
    };
    this.env.trace?.({ kind: "server", name: `resolver-${id}`, address, role: "resolver", zones: [], rttMs: config.clientRttMs });
    return new RecursiveResolver(this.env, id, address, config);
  }

  app(resolver: Api.Resolver): Api.App {
    return createApp(this, resolver, ++this.apps);
  }

  async reference(name: string, type: Api.RecordType): Promise<Api.Resolution> {
    const { timedOut: _, ...rest } = await this.newResolver().resolve(absolute(name), type);
    return rest;
  }

  poison(options: Api.PoisoningOptions = {}): Promise<Api.PoisoningResult> {
    return poison(this, options);
  }

  wire(message: DnsMessage): { bytes: Uint8Array; fields: import("./message/index.ts").WireField[] } {
    return encodeWithFields(message);
  }

  // ---- for the engine's own parts ----

  newTransport(defences: Required<Api.Defences>, resolver: number | null): Transport {
    return new Transport(this.env, this.newLocalHost(0), defences, resolver);
  }

  newLocalHost(linkMs: number): string {
    const address = `${LOCAL_PREFIX}${++this.localHosts}`;
    this.network.addHost(address, linkMs);
    return address;
  }

  addServer(name: string, address: string, rttMs: number, role: ServerRecord["role"]): ServerRecord & { rttMs: number } {
    const server = { name: absolute(name), address, zones: [] as ZoneData[], role, rttMs };
    this.network.addHost(address, rttMs / 2);
    this.serversByName.set(key(server.name), server);
    if (role !== "attacker") listen(this.network, server);
    return server;
  }

  zoneData(origin: string): ZoneData {
    const zone = this.zones.get(key(absolute(origin)));
    if (!zone) throw new Error(`no server serves the zone ${absolute(origin)}`);
    return zone;
  }

  target(server: string): Target {
    const found = [...this.serversByName.values()].find((s) => s.address === server || key(s.name) === key(absolute(server)));
    if (found) return { name: found.name, address: found.address };
    if (this.network.hasHost(server)) return { name: server, address: server };
    throw new Error(`no server ${server} on this internet`);
  }

  private loadZone(spec: ZoneSpec): void {
    const servers = spec.servers.map((n) => this.serversByName.get(key(n))!);
    const zone = this.makeZone(spec.origin, servers);
    for (const line of spec.records) {
      const [owner, ttl, type, ...data] = line.split(" ");
      zone.add(owner, type, Number(ttl), data.join(" "));
    }
    if (spec.origin === ".") return;
    // Delegated from the zone above: NS records, and glue for servers named inside the zone.
    const above = this.closestZone(parent(absolute(spec.origin)));
    for (const s of servers) {
      above.add(spec.origin, "NS", 172800, s.name);
      if (inZone(s.name, spec.origin)) above.add(s.name, "A", 172800, s.address);
    }
  }

  private makeZone(origin: string, servers: ServerRecord[]): ZoneData {
    const zone = new ZoneData(origin);
    this.zones.set(key(origin), zone);
    for (const s of servers) s.zones.push(zone);
    return zone;
  }

  private closestZone(name: string): ZoneData {
    for (let n = name; ; n = parent(n)) {
      const zone = this.zones.get(key(n));
      if (zone) return zone;
      if (n === ".") throw new Error("no root zone");
    }
  }

  private freeAddress(): string {
    for (let i = 10; ; i++) if (!this.network.hasHost(`198.18.0.${i}`)) return `198.18.0.${i}`;
  }

  traceServer(s: ServerRecord & { rttMs: number }): void {
    this.env.trace?.({ kind: "server", name: s.name, address: s.address, role: s.role, zones: s.zones.map((z) => z.origin), rttMs: s.rttMs });
  }

  private info(s: ServerRecord & { rttMs: number }): Api.ServerInfo {
    return { name: s.name, address: s.address, rttMs: s.rttMs, zones: s.zones.map((z) => z.origin) };
  }
}
