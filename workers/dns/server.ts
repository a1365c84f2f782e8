// An authoritative name server: it listens on port 53 of its address, decodes every datagram,
// and answers from the zones it serves (zone.ts). A query for a name in none of its zones gets
// REFUSED — what a lame server says when a delegation names it for a zone it does not hold. A
// datagram that does not decode gets FORMERR when at least its id can be read, else nothing.
import { decodeMessage, encodeMessage, makeResponse, type DnsMessage } from "./message/index.ts";
import type { Network, Packet } from "./network.ts";
import { inZone, key } from "./names.ts";
import type { ZoneData } from "./zone.ts";

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

export interface ServerRecord {
  name: string;
  address: string;
  zones: ZoneData[];
  role: "root" | "tld" | "authoritative" | "attacker";
}

/** The zone among `zones` closest to (deepest above) `name`, or null. */
export function closestZone(zones: readonly ZoneData[], name: string): ZoneData | null {
  let best: ZoneData | null = null;
  for (const zone of zones) if (inZone(name, zone.origin) && (!best || key(zone.origin).length > key(best.origin).length)) best = zone;
  return best;
}

/** The response of an authoritative server holding `zones` to `query`. */
export function answerQuery(zones: readonly ZoneData[], query: DnsMessage): DnsMessage {
  const q = query.question[0];
  if (query.flags.opcode !== 0) return makeResponse(query, { rcode: RCODE.NOTIMP });
  if (!q || query.question.length !== 1 || query.flags.qr) return makeResponse(query, { rcode: RCODE.FORMERR });
  const zone = q.class === "IN" ? closestZone(zones, q.name) : null;
  if (!zone) return makeResponse(query, { rcode: RCODE.REFUSED });
  const found = zone.lookup(q.name, q.type);
  switch (found.kind) {
    case "answer":
      return makeResponse(query, { aa: true, answer: found.answer, additional: found.additional });
    case "referral":
      return makeResponse(query, { authority: found.authority, additional: found.additional });
    default:
      return makeResponse(query, { aa: true, rcode: found.kind === "nxdomain" ? RCODE.NXDOMAIN : 0, answer: found.answer, authority: found.authority });
  }
}

/** A FORMERR for bytes that did not decode, if the header's id is there to answer (else null: dropped). */
export function formErrFor(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 12) return null;
  const out = new Uint8Array(12);
  out.set(bytes.subarray(0, 2)); // the id
  out[2] = 0x80 | (bytes[2] & 0x79); // QR, the opcode and RD as asked
  out[3] = RCODE.FORMERR;
  return out;
}

/** Puts `server` on the network: port 53, answering each datagram. */
export function listen(network: Network, server: ServerRecord, answer: (query: DnsMessage, packet: Packet) => DnsMessage | null = (q) => answerQuery(server.zones, q)): void {
  network.bind(server.address, 53, (packet) => {
    let reply: Uint8Array | null;
    try {
      const query = decodeMessage(packet.bytes);
      const response = answer(query, packet);
      reply = response ? encodeMessage(response) : null;
    } catch {
      reply = formErrFor(packet.bytes);
    }
    if (reply) network.send({ src: { address: server.address, port: 53 }, dst: packet.src, bytes: reply, forged: false });
  });
}
