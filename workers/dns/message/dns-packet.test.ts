// This engine against npm dns-packet on the messages of golden/dns.json: the golden responses
// and queries encoded by each and decoded by the other come back as the same records; and
// since dns-packet never compresses, its bytes equal this engine's uncompressed encoding.
// Names are compared as text; dns-packet cannot write escaped labels, so those cases are left out.
// (readGolden reads golden/dns.json from $GOLDEN_DIR instead when that is set.)
import dnsPacket from "dns-packet";
import { describe, expect, it } from "vitest";
import { readGolden } from "../../testing/golden.ts";
import { decodeMessage, encodeMessage, makeQuery, makeRecord, type DnsMessage } from "./index.ts";
import { FILE, hex, type DnsGolden } from "./testing/golden.ts";
import { dotted, ourRecord, packetRecord, toPacket } from "./testing/dns-packet.ts";

const golden = readGolden<DnsGolden>(FILE);

type In = { name: string; type: string; class: string; ttl: number; rdata: string };

/** The golden messages, built with this engine's builders from each case's input. */
function messages(): { name: string; msg: DnsMessage }[] {
  const out: { name: string; msg: DnsMessage }[] = [];
  for (const c of golden.cases) {
    const i = c.input as Record<string, unknown>;
    if (c.kind === "encode_response") {
      const records = (list: unknown) => (list as In[]).map((r) => makeRecord(r.name, r.type, r.ttl, r.rdata, r.class));
      const flags = decodeMessage(new Uint8Array([0, 0, ...[(i.flags_raw as number) >> 8, (i.flags_raw as number) & 0xff], 0, 0, 0, 0, 0, 0, 0, 0])).flags;
      const edns = i.use_edns === false ? null : { version: 0, payload: i.payload as number, flags: 0, do: false, options: [] };
      out.push({ name: c.name, msg: { id: i.id as number, flags, question: i.question as DnsMessage["question"], answer: records(i.answer), authority: records(i.authority), additional: records(i.additional), edns } });
    } else if (c.kind === "encode_query" && !("error" in c.expect)) {
      const edns = i.use_edns === false ? false : { payload: i.payload as number, do: i.want_dnssec as boolean };
      out.push({ name: c.name, msg: makeQuery(i.qname as string, i.qtype as string, { id: i.id as number, rd: i.rd as boolean, edns }) });
    }
  }
  // dns-packet has no escapes in names: 'a\\.b' would be two labels there, so such names are left out.
  return out.filter(({ msg }) => allNames(msg).every((n) => PLAIN.test(n)));
}

const PLAIN = /^([A-Za-z0-9_*-]+\.)+$|^\.$/;
const allNames = (m: DnsMessage) => [...m.question, ...m.answer, ...m.authority, ...m.additional].map((r) => r.name);

const sections = (m: DnsMessage) => [m.answer, m.authority, m.additional].map((s) => s.map(ourRecord));

describe("the DNS message layer against dns-packet", () => {
  const cases = messages();

  it("dns-packet reads this engine's compressed bytes as this engine does", () => {
    expect(cases.length).toBeGreaterThan(20);
    for (const { name, msg } of cases) {
      const bytes = encodeMessage(msg);
      const decoded = dnsPacket.decode(Buffer.from(bytes));
      expect(decoded.id, name).toBe(msg.id);
      expect(decoded.questions?.map((q) => [dotted(q.name), q.type, q.class]), name).toEqual(msg.question.map((q) => [q.name, q.type, q.class]));
      const additional = (decoded.additionals ?? []).filter((a) => a.type !== "OPT");
      const got = [decoded.answers ?? [], decoded.authorities ?? [], additional].map((s) => s.map(packetRecord));
      // Exactly what this engine reads from those bytes; the message's own spelling but for case,
      // which compression does not keep (dnspython's table is case-insensitive).
      expect(got, name).toEqual(sections(decodeMessage(bytes)));
      expect(JSON.stringify(got).toLowerCase(), name).toBe(JSON.stringify(sections(msg)).toLowerCase());
      const opt = (decoded.additionals ?? []).find((a) => a.type === "OPT") as { udpPayloadSize: number; flag_do: boolean } | undefined;
      expect(opt && { payload: opt.udpPayloadSize, do: opt.flag_do }, name).toEqual(msg.edns ? { payload: msg.edns.payload, do: msg.edns.do } : undefined);
    }
  });

  it("this engine reads dns-packet's bytes as the same records, and they equal its uncompressed encoding", () => {
    for (const { name, msg } of cases) {
      const theirs = new Uint8Array(dnsPacket.encode(toPacket(msg)));
      const decoded = decodeMessage(theirs);
      expect([decoded.id, decoded.flags, decoded.question], name).toEqual([msg.id, msg.flags, msg.question]);
      expect(sections(decoded), name).toEqual(sections(msg));
      expect(decoded.edns && { payload: decoded.edns.payload, do: decoded.edns.do }, name).toEqual(msg.edns && { payload: msg.edns.payload, do: msg.edns.do });
      expect(hex(theirs), name).toBe(hex(encodeMessage(msg, { compress: false })));
    }
  });
});
