// The wire between hosts: UDP datagrams from (address, port) to (address, port), each delivered
// after the two ends' link latencies on the virtual clock, or lost with the internet's loss
// probability. `forged` is the network's own truth about a packet (the attacker's packets say so);
// no receiver reads it, the trace does.
import type { SimClock } from "./sim-clock.ts";

export interface Endpoint {
  address: string;
  port: number;
}

export interface Packet {
  src: Endpoint;
  dst: Endpoint;
  bytes: Uint8Array;
  forged: boolean;
}

export type Receiver = (packet: Packet) => void;

interface Host {
  /** One-way latency between this host and the core of the network, ms. */
  linkMs: number;
  silent: boolean;
  sockets: Map<number, Receiver>;
}

export class Network {
  private readonly hosts = new Map<string, Host>();

  constructor(
    readonly clock: SimClock,
    private readonly random: () => number,
    public loss: number,
  ) {}

  addHost(address: string, linkMs: number): void {
    if (this.hosts.has(address)) throw new Error(`address ${address} is taken`);
    this.hosts.set(address, { linkMs, silent: false, sockets: new Map() });
  }

  hasHost(address: string): boolean {
    return this.hosts.has(address);
  }

  setHost(address: string, settings: { linkMs?: number; silent?: boolean }): void {
    const host = this.host(address);
    if (settings.linkMs !== undefined) host.linkMs = settings.linkMs;
    if (settings.silent !== undefined) host.silent = settings.silent;
  }

  linkMs(address: string): number {
    return this.hosts.get(address)?.linkMs ?? 0;
  }

  bind(address: string, port: number, receive: Receiver): void {
    const host = this.host(address);
    if (host.sockets.has(port)) throw new Error(`port ${port} on ${address} is in use`);
    host.sockets.set(port, receive);
  }

  unbind(address: string, port: number): void {
    this.hosts.get(address)?.sockets.delete(port);
  }

  isBound(address: string, port: number): boolean {
    return this.hosts.get(address)?.sockets.has(port) ?? false;
  }

  /** Sends one datagram; false when the network lost it (the sender cannot tell). */
  send(packet: Packet): boolean {
    if (!packet.forged && this.loss > 0 && this.random() < this.loss) return false;
    const delay = this.linkMs(packet.src.address) + this.linkMs(packet.dst.address);
    this.clock.at(delay, () => this.deliver(packet));
    return true;
  }

  private deliver(packet: Packet): void {
    const host = this.hosts.get(packet.dst.address);
    if (!host || host.silent) return;
    const socket = host.sockets.get(packet.dst.port);
    // A closed port: the datagram is dropped (the ICMP "port unreachable" is not modelled), but a
    // host that listens for strays (a resolver counting forged packets) is told on port 0.
    (socket ?? host.sockets.get(0))?.(packet);
  }

  private host(address: string): Host {
    const host = this.hosts.get(address);
    if (!host) throw new Error(`no host has the address ${address}`);
    return host;
  }
}
