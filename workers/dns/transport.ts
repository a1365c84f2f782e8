// A host's DNS socket: sends one query to one server and waits for the response it will accept,
// checking what a real resolver checks, in its order: the datagram reached the port the query
// left from, its id matches a query outstanding on that port, it came from the server's address
// and port 53, it decodes, and it repeats the question (type, class and name — byte for byte when
// 0x20 randomized the name's case). Anything else is thrown away with its reason, so a forged
// packet must guess the id (and the port, and the case) to be believed.
import { decodeMessage, encodeMessage, encodeWithFields, makeQuery, type DecodedMessage, type DnsMessage } from "./message/index.ts";
import type { Network, Packet } from "./network.ts";
import type { SimClock } from "./sim-clock.ts";
import { key } from "./names.ts";
import type { AcceptVerdict, DnsTraceBody, WireImage } from "./trace.ts";

export interface SocketDefences {
  randomIds: boolean;
  randomPorts: boolean;
  caseRandomization: boolean;
}

export interface Target {
  name: string;
  address: string;
}

export interface Outgoing {
  server: Target;
  qname: string;
  qtype: string;
  rd: boolean;
  timeoutMs: number;
  resolution: number | null;
  attempt: number;
  id?: number;
}

export interface Exchange {
  /** The accepted response, or null after the timeout. */
  response: DecodedMessage | null;
  query: number;
  rttMs: number;
  size: number;
  /** The network's truth about the accepted packet (for the trace only; the resolver cannot know). */
  forged: boolean;
}

interface Pending {
  out: Outgoing;
  query: number;
  msgId: number;
  port: number;
  qnameSent: string;
  sentAt: number;
  lost: boolean;
  timer: number;
  done: (exchange: Exchange) => void;
}

export interface TransportEnv {
  network: Network;
  clock: SimClock;
  random: () => number;
  /** Numbers queries across the whole internet. */
  nextQuery: () => number;
  /** Emits a trace event, or null when nobody is listening (then no wire image is built). */
  trace: ((event: DnsTraceBody) => void) | null;
}

/** Forged packets traced one by one per transport; past this only counts (race events) remain. */
export const FORGED_PACKETS_TRACED = 100;

const FIXED_PORT = 53;

export function wireImage(message: DnsMessage): WireImage {
  const { bytes, fields } = encodeWithFields(message);
  return { hex: Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(""), size: bytes.length, fields };
}

export class Transport {
  private readonly byPort = new Map<number, Map<number, Pending>>();
  private sequentialId: number;
  private forgedTraced = 0;
  /** Forged packets this socket accepted (the network's truth: a poisoning measurement reads it). */
  acceptedForged = 0;

  constructor(
    private readonly env: TransportEnv,
    readonly address: string,
    public defences: SocketDefences,
    private readonly resolver: number | null,
  ) {
    this.sequentialId = Math.floor(env.random() * 65536);
    // Port 0 hears datagrams for ports nobody listens on: a guessed port that was wrong.
    env.network.bind(address, 0, (packet) => this.reject(packet, null, "port"));
  }

  /** Sends one query and resolves with the accepted response, or a null one after the timeout. */
  send(out: Outgoing): Promise<Exchange> {
    const { network, clock } = this.env;
    const msgId = out.id ?? (this.defences.randomIds ? Math.floor(this.env.random() * 65536) : (this.sequentialId = (this.sequentialId + 1) & 0xffff));
    const port = this.defences.randomPorts ? this.freePort() : FIXED_PORT;
    const qnameSent = this.defences.caseRandomization ? this.mixCase(out.qname) : out.qname;
    const message = makeQuery(qnameSent, out.qtype, { id: msgId, rd: out.rd });
    const bytes = encodeMessage(message);
    const query = this.env.nextQuery();
    return new Promise((done) => {
      const pending: Pending = { out, query, msgId, port, qnameSent, sentAt: clock.now(), lost: false, timer: 0, done };
      this.listen(port).set(msgId, pending);
      this.env.trace?.({ kind: "query", query, resolution: out.resolution, resolver: this.resolver, server: out.server.name, address: out.server.address, qname: qnameSent, qtype: out.qtype, msgId, port, attempt: out.attempt, wire: wireImage(message) });
      pending.lost = !network.send({ src: { address: this.address, port }, dst: { address: out.server.address, port: 53 }, bytes, forged: false });
      pending.timer = clock.at(out.timeoutMs, () => this.timeout(pending));
    });
  }

  private listen(port: number): Map<number, Pending> {
    let table = this.byPort.get(port);
    if (!table) {
      table = new Map();
      this.byPort.set(port, table);
      this.env.network.bind(this.address, port, (packet) => this.receive(port, packet));
    }
    return table;
  }

  private finish(pending: Pending, exchange: Exchange): void {
    const table = this.byPort.get(pending.port);
    table?.delete(pending.msgId);
    if (table && table.size === 0 && pending.port !== FIXED_PORT) {
      this.byPort.delete(pending.port);
      this.env.network.unbind(this.address, pending.port);
    }
    pending.done(exchange);
  }

  private timeout(pending: Pending): void {
    const { out } = pending;
    const host = this.env.network;
    const lost = pending.lost ? "query" : host.hasHost(out.server.address) ? "response" : "none";
    this.env.trace?.({ kind: "timeout", query: pending.query, resolution: out.resolution, server: out.server.name, address: out.server.address, afterMs: out.timeoutMs, lost });
    this.finish(pending, { response: null, query: pending.query, rttMs: out.timeoutMs, size: 0, forged: false });
  }

  private receive(port: number, packet: Packet): void {
    // 1. The id: a table lookup on the two first bytes, before any parsing (as resolvers do).
    const table = this.byPort.get(port);
    if (!table || table.size === 0) return this.reject(packet, null, "unsolicited");
    const msgId = packet.bytes.length >= 2 ? (packet.bytes[0] << 8) | packet.bytes[1] : -1;
    const pending = table.get(msgId);
    if (!pending) return this.reject(packet, null, "id");
    // 2. The source: the server asked, from port 53.
    if (packet.src.address !== pending.out.server.address || packet.src.port !== 53) return this.reject(packet, pending, "source");
    // 3. It decodes, is a response, and repeats the question.
    let response: DecodedMessage;
    try {
      response = decodeMessage(packet.bytes);
    } catch {
      return this.reject(packet, pending, "malformed");
    }
    const verdict = this.questionVerdict(response, pending);
    if (verdict !== "accepted") return this.reject(packet, pending, verdict);
    this.env.clock.cancel(pending.timer);
    if (packet.forged) this.acceptedForged++;
    this.tracePacket(packet, pending, "accepted");
    const rttMs = this.env.clock.now() - pending.sentAt;
    this.finish(pending, { response, query: pending.query, rttMs, size: packet.bytes.length, forged: packet.forged });
  }

  private questionVerdict(response: DecodedMessage, pending: Pending): AcceptVerdict {
    const q = response.question[0];
    if (!response.flags.qr || response.question.length !== 1 || !q) return "question";
    if (q.type !== pending.out.qtype.toUpperCase() || q.class !== "IN") return "question";
    if (key(q.name) !== key(pending.qnameSent)) return "question";
    if (this.defences.caseRandomization && q.name !== pending.qnameSent) return "case";
    return "accepted";
  }

  private reject(packet: Packet, pending: Pending | null, verdict: AcceptVerdict): void {
    this.tracePacket(packet, pending, verdict);
  }

  private tracePacket(packet: Packet, pending: Pending | null, verdict: AcceptVerdict): void {
    const trace = this.env.trace;
    if (!trace) return;
    if (packet.forged && verdict !== "accepted" && this.forgedTraced++ >= FORGED_PACKETS_TRACED) return;
    if (!packet.forged && verdict === "accepted") return; // the response event tells it
    const msgId = packet.bytes.length >= 2 ? (packet.bytes[0] << 8) | packet.bytes[1] : -1;
    trace({ kind: "packet", resolver: this.resolver ?? 0, query: pending?.query ?? null, forged: packet.forged, verdict, msgId, port: packet.dst.port });
  }

  private freePort(): number {
    for (;;) {
      const port = 1024 + Math.floor(this.env.random() * (65536 - 1024));
      if (!this.byPort.has(port) && !this.env.network.isBound(this.address, port)) return port;
    }
  }

  private mixCase(name: string): string {
    return name.replace(/[a-zA-Z]/g, (c) => (this.env.random() < 0.5 ? c.toUpperCase() : c.toLowerCase()));
  }
}
