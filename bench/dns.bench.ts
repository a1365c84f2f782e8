// dns.codec: DNS messages encoded and then decoded per second by playground/dns's message layer
// (workers/dns/message, compressing names as dnspython does) against npm dns-packet (which does
// not compress) on the same mix of queries and responses, in this process, warmed up, in
// alternating rounds; the figure is the median round. Each side's bytes are checked once to
// decode to the same records before anything is timed.
import dnsPacket from "dns-packet";
import { decodeMessage, encodeMessage, makeQuery, makeRecord, makeResponse, type DnsMessage } from "../workers/dns/message/index.ts";
import { ourRecord, packetRecord, toPacket } from "../workers/dns/message/testing/dns-packet.ts";
import { median, report } from "./harness.ts";

const ROUNDS = 11;
const PASSES = 2_000;

function codecMix(): DnsMessage[] {
  const q = (name: string, type: string, id: number, edns = false) => makeQuery(name, type, { id, rd: true, edns });
  const r = makeRecord;
  const queries = [q("www.example.com", "A", 1), q("www.example.com", "AAAA", 2, true), q("example.com", "MX", 3), q("_sip._tcp.example.com", "SRV", 4, true)];
  const responses = [
    makeResponse(queries[0], {
      ra: true,
      answer: [r("www.example.com", "A", 300, "192.0.2.10"), r("www.example.com", "A", 300, "192.0.2.11")],
      authority: [r("example.com", "NS", 3600, "ns1.example.com."), r("example.com", "NS", 3600, "ns2.example.com.")],
      additional: [r("ns1.example.com", "A", 3600, "192.0.2.53"), r("ns2.example.com", "AAAA", 3600, "2001:db8::53")],
    }),
    makeResponse(queries[2], {
      aa: true,
      answer: [r("example.com", "MX", 300, "10 mail.example.com."), r("example.com", "MX", 300, "20 mx2.example.com."), r("example.com", "TXT", 300, '"v=spf1 mx -all"')],
      additional: [r("mail.example.com", "A", 300, "192.0.2.25"), r("mx2.example.com", "A", 300, "192.0.2.26")],
    }),
    makeResponse(q("www.shop.example", "A", 5), {
      answer: [r("www.shop.example", "CNAME", 60, "shop.cdn.example.net."), r("shop.cdn.example.net", "CNAME", 20, "edge7.cdn.example.net."), r("edge7.cdn.example.net", "A", 20, "198.51.100.7")],
    }),
    makeResponse(q("missing.example.com", "A", 6), {
      aa: true,
      rcode: 3,
      authority: [r("example.com", "SOA", 900, "ns1.example.com. hostmaster.example.com. 2026120601 7200 3600 1209600 300")],
    }),
  ];
  return [...queries, ...responses];
}

/** Messages encoded and decoded per second in one round. */
function round(mix: readonly unknown[], encodeDecode: (m: unknown) => unknown): number {
  const start = process.hrtime.bigint();
  let sink = 0;
  for (let p = 0; p < PASSES; p++) for (const m of mix) if (encodeDecode(m)) sink++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (sink !== PASSES * mix.length) throw new Error("a message did not come back");
  return (PASSES * mix.length) / seconds;
}

function codec(): void {
  const ours = codecMix();
  const theirs = ours.map(toPacket);
  // Both sides read each other's bytes as the same records before the clock starts.
  ours.forEach((m, i) => {
    const a = decodeMessage(new Uint8Array(dnsPacket.encode(theirs[i]))).answer.map(ourRecord);
    const b = (dnsPacket.decode(Buffer.from(encodeMessage(m))).answers ?? []).map(packetRecord);
    if (JSON.stringify(a) !== JSON.stringify(m.answer.map(ourRecord)) || JSON.stringify(b) !== JSON.stringify(a)) throw new Error(`message ${m.id} differs`);
  });
  const oursRun = (m: unknown) => decodeMessage(encodeMessage(m as DnsMessage)).id >= 0;
  const peerRun = (m: unknown) => (dnsPacket.decode(dnsPacket.encode(m as dnsPacket.Packet)).id ?? -1) >= 0;
  for (let i = 0; i < 3; i++) {
    round(ours, oursRun);
    round(theirs, peerRun);
  }
  const oursRounds: number[] = [];
  const peerRounds: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    oursRounds.push(round(ours, oursRun));
    peerRounds.push(round(theirs, peerRun));
  }
  report({ bench: "dns.codec", ours: median(oursRounds), unit: "messages/s", peer: "dns-packet 5", peerValue: median(peerRounds) });
}

export default function bench(): Promise<void> {
  codec();
  return Promise.resolve();
}
