// The same messages in npm dns-packet's shapes, for the differential test and the bench:
// names without the final dot, data per type as dns-packet reads and writes it, EDNS as an OPT
// answer at the end of the additionals. Going back, dns-packet's records are rebuilt as this
// engine's data and printed with rdataToText, so the two can be compared as text.
import type { Answer, Packet, Question } from "dns-packet";
import { nameToText, rdataToText, type DnsMessage, type RData, type ResourceRecord } from "../index.ts";

const bare = (name: string) => (name === "." ? "." : nameToText(name, true));
export const dotted = (name: string) => (name === "." || name === "" ? "." : `${name}.`);

function dataOf(d: RData): unknown {
  switch (d.kind) {
    case "A":
    case "AAAA":
      return d.address;
    case "NS":
    case "CNAME":
    case "PTR":
      return bare(d.target);
    case "MX":
      return { preference: d.preference, exchange: bare(d.exchange) };
    case "TXT":
      return d.strings.map((s) => Buffer.from(s));
    case "SOA":
      return { ...d, mname: bare(d.mname), rname: bare(d.rname) };
    case "SRV":
      return { priority: d.priority, weight: d.weight, port: d.port, target: bare(d.target) };
    case "CAA":
      return { flags: d.flags, tag: d.tag, value: Buffer.from(d.value).toString("utf8") };
    case "generic":
      return Buffer.from(d.data);
  }
}

const answerOf = (r: ResourceRecord) => ({ name: bare(r.name), type: r.type, class: r.class, ttl: r.ttl, data: dataOf(r.data) }) as Answer;

export function toPacket(msg: DnsMessage): Packet {
  const additionals = msg.additional.map(answerOf);
  if (msg.edns)
    additionals.push({
      type: "OPT",
      name: ".",
      udpPayloadSize: msg.edns.payload,
      extendedRcode: msg.flags.rcode >> 4,
      ednsVersion: msg.edns.version,
      flags: msg.edns.flags | (msg.edns.do ? 0x8000 : 0),
      options: [],
    } as unknown as Answer);
  const word = (msg.flags.opcode << 11) | (msg.flags.rcode & 0xf);
  let flags = word;
  for (const [bit, mask] of [["aa", 0x400], ["tc", 0x200], ["rd", 0x100], ["ra", 0x80], ["z", 0x40], ["ad", 0x20], ["cd", 0x10]] as const) if (msg.flags[bit]) flags |= mask;
  return {
    type: msg.flags.qr ? "response" : "query",
    id: msg.id,
    flags,
    questions: msg.question.map((q) => ({ name: bare(q.name), type: q.type, class: q.class }) as Question),
    answers: msg.answer.map(answerOf),
    authorities: msg.authority.map(answerOf),
    additionals,
  };
}

type Loose = { name: string; type: string; class?: string; ttl?: number; data?: unknown };

function rdataFrom(a: Loose): RData {
  const d = a.data as Record<string, unknown> & Buffer[] & string;
  switch (a.type) {
    case "A":
    case "AAAA":
      return { kind: a.type, address: d };
    case "NS":
    case "CNAME":
    case "PTR":
      return { kind: a.type, target: dotted(d) };
    case "MX":
      return { kind: "MX", preference: d.preference as number, exchange: dotted(d.exchange as string) };
    case "TXT":
      return { kind: "TXT", strings: d.map((b) => new Uint8Array(b)) };
    case "SOA":
      return { kind: "SOA", mname: dotted(d.mname as string), rname: dotted(d.rname as string), serial: d.serial as number, refresh: d.refresh as number, retry: d.retry as number, expire: d.expire as number, minimum: d.minimum as number };
    case "SRV":
      return { kind: "SRV", priority: d.priority as number, weight: d.weight as number, port: d.port as number, target: dotted(d.target as string) };
    case "CAA":
      return { kind: "CAA", flags: d.flags as number, tag: d.tag as string, value: new Uint8Array(Buffer.from(d.value as string, "utf8")) };
    default:
      return { kind: "generic", data: new Uint8Array(a.data as Buffer) };
  }
}

/** A decoded dns-packet record as [name, type, class, ttl, rdata text]. */
export const packetRecord = (a: Loose) => [dotted(a.name), a.type, a.class, a.ttl, rdataToText(rdataFrom(a))];

/** One of this engine's records in the same form. */
export const ourRecord = (r: ResourceRecord) => [r.name, r.type, r.class, r.ttl, r.rdata];
