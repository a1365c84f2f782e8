// golden/dns.json for the replays: its case shapes, the engine's results written in the
// recording's form (flags objects, record objects, error objects), and one replayer per kind.
// Each replayer runs the engine on a case's input and throws on the first disagreement.
import { expect } from "vitest";
import {
  addressFromReverse,
  DnsError,
  decodeMessage,
  encodeMessage,
  encodeWithFields,
  flagsFromWord,
  flagsToWord,
  fullCompare,
  isSubdomain,
  makeQuery,
  makeRecord,
  mergeRRsets,
  nameFromText,
  nameToText,
  nameToWire,
  opcodeToText,
  parentName,
  rcodeToText,
  rdataFromText,
  rdataFromWire,
  rdataToText,
  rdataToWire,
  relativize,
  reverseName,
  canonicalName,
  canonicalCompare,
  type DnsMessage,
  type Flags,
  type RData,
  type ResourceRecord,
} from "../index.ts";
import { hexOf } from "../rdata/generic.ts";

export const FILE = "dns.json";
export const KINDS = ["encode_query", "encode_response", "decode", "name", "rdata_text"] as const;
export type Kind = (typeof KINDS)[number];

export interface DnsCase {
  name: string;
  kind: string;
  description: string;
  input: Record<string, unknown>;
  expect: Record<string, unknown>;
}

export interface DnsGolden {
  cases: DnsCase[];
}

/** Lower-case hex, as the recording writes wires: the engine's own (RFC 3597 text uses it too). */
export const hex = hexOf;
export const unhex = (text: string): Uint8Array => Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));
const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

export interface ErrorView {
  class: string;
  module: string;
  message: string;
  is_a: string[];
}

/** Runs `body`; an engine error comes back in the recording's form, anything else propagates. */
export function attempt<T>(body: () => T): { ok: true; value: T } | { ok: false; error: ErrorView } {
  try {
    return { ok: true, value: body() };
  } catch (e) {
    if (e instanceof DnsError) return { ok: false, error: { class: e.pyClass, module: e.pyModule, message: e.message, is_a: e.isA } };
    throw e;
  }
}

export function flagsView(f: Flags, raw: number) {
  return { qr: f.qr, aa: f.aa, tc: f.tc, rd: f.rd, ra: f.ra, z: f.z, ad: f.ad, cd: f.cd, opcode: f.opcode, opcode_text: opcodeToText(f.opcode), rcode: f.rcode, rcode_text: rcodeToText(f.rcode), raw };
}

const recordView = (r: ResourceRecord) => ({ name: r.name, type: r.type, class: r.class, ttl: r.ttl, rdata: r.rdata });

const headerOf = (bytes: Uint8Array) => {
  const u16 = (i: number) => (bytes[i] << 8) | bytes[i + 1];
  return { id: u16(0), flags: u16(2), qdcount: u16(4), ancount: u16(6), nscount: u16(8), arcount: u16(10) };
};

/** The parsed fields of record data as the recording lists them. */
export function fieldsView(d: RData): Record<string, unknown> {
  switch (d.kind) {
    case "TXT":
      return { strings: d.strings.map((s) => ({ hex: hex(s), text: latin1(s) })) };
    case "CAA":
      return { flags: d.flags, tag: d.tag, value: latin1(d.value) };
    case "generic":
      return { data_hex: hex(d.data) };
    default: {
      const { kind: _kind, ...rest } = d;
      return rest;
    }
  }
}

function sameAs(got: unknown, want: unknown, what: string): void {
  expect(got, what).toEqual(want);
}

// encode_query: make_query(...).to_wire().
function replayEncodeQuery(c: DnsCase): void {
  const i = c.input as { qname: string; qtype: string; qclass: string; id: number; rd: boolean; use_edns: false | number; payload?: number; want_dnssec?: boolean };
  const result = attempt(() => {
    const msg = makeQuery(i.qname, i.qtype, { id: i.id, rd: i.rd, class: i.qclass, edns: i.use_edns === false ? false : { payload: i.payload, do: i.want_dnssec } });
    const wire = encodeMessage(msg);
    const q = msg.question[0].name;
    return { wire_hex: hex(wire), length: wire.length, header: headerOf(wire), qname_wire_hex: hex(nameToWire(q)), qname_text: q };
  });
  sameAs(result.ok ? result.value : { error: result.error }, c.expect, c.name);
}

// encode_response: a Message built record by record, to_wire(want_shuffle=False).
function replayEncodeResponse(c: DnsCase): void {
  type In = { name: string; type: string; class: string; ttl: number; rdata: string; rdata_wire_hex: string };
  const i = c.input as { id: number; flags: Flags; flags_raw: number; question: { name: string; type: string; class: string }[]; answer: In[]; authority: In[]; additional: In[]; use_edns: false | number; payload?: number };
  const records = (list: In[]) =>
    list.map((r) => {
      const rr = makeRecord(r.name, r.type, r.ttl, r.rdata, r.class);
      sameAs(hex(rdataToWire(rr.data)), r.rdata_wire_hex, `${c.name}: rdata of ${r.type} ${r.rdata}`);
      return rr;
    });
  const flags = flagsFromWord(i.flags_raw);
  sameAs(flagsToWord({ ...i.flags }), i.flags_raw, `${c.name}: flags word`);
  const msg: DnsMessage = {
    id: i.id,
    flags,
    question: i.question.map((q) => ({ ...q })),
    answer: records(i.answer),
    authority: records(i.authority),
    additional: records(i.additional),
    edns: i.use_edns === false ? null : { version: 0, payload: i.payload ?? 1232, flags: 0, do: false, options: [] },
  };
  const { bytes, fields } = encodeWithFields(msg);
  const plain = encodeMessage(msg, { compress: false });
  // Every byte in exactly one field, in order.
  let at = 0;
  for (const f of fields) {
    sameAs(f.start, at, `${c.name}: field ${f.path} starts where the previous ended`);
    at = f.end;
  }
  sameAs(at, bytes.length, `${c.name}: fields cover the message`);
  sameAs(hex(encodeMessage(msg)), hex(bytes), `${c.name}: encodeMessage and encodeWithFields agree`);
  const pointers = fields.filter((f) => f.pointerTo !== undefined).map((f) => ({ at: f.end - 2, to: f.pointerTo, where: f.path }));
  sameAs(
    { wire_hex: hex(bytes), length: bytes.length, wire_uncompressed_hex: hex(plain), length_uncompressed: plain.length, header: headerOf(bytes), pointers },
    c.expect,
    c.name,
  );
}

// decode: from_wire one record per RRset, the merged view, and raise_on_truncation.
function replayDecode(c: DnsCase): void {
  const wire = unhex(c.input.wire_hex as string);
  const result = attempt(() => {
    const m = decodeMessage(wire);
    const merged = (list: ResourceRecord[]) => mergeRRsets(list).map((s) => ({ name: s.name, type: s.type, class: s.class, ttl: s.ttl, rdatas: s.rdatas }));
    return {
      id: m.id,
      flags: flagsView(m.flags, m.header.flags),
      header: m.header,
      question: m.question,
      answer: m.answer.map(recordView),
      authority: m.authority.map(recordView),
      additional: m.additional.map(recordView),
      edns: m.edns && { version: m.edns.version, payload: m.edns.payload, flags: m.edns.flags, do: m.edns.do },
      rrsets_merged: { answer: merged(m.answer), authority: merged(m.authority), additional: merged(m.additional) },
    };
  });
  const got: Record<string, unknown> = result.ok ? result.value : { error: result.error };
  if ("raise_on_truncation" in c.expect) {
    const strict = attempt(() => decodeMessage(wire, { raiseOnTruncation: true }));
    got.raise_on_truncation = strict.ok ? "no error" : strict.error;
  }
  sameAs(got, c.expect, c.name);
}

const cmpSign = (n: number) => Math.sign(n);

// name: one operation of dns.name / dns.reversename.
function replayName(c: DnsCase): void {
  const i = c.input as Record<string, string & string[]>;
  const run = (): unknown => {
    switch (i.op) {
      case "is_subdomain":
        return isSubdomain(i.a, i.b);
      case "relativize":
        return nameToText(relativize(i.name, i.origin));
      case "parent_chain": {
        const chain = [nameFromText(i.name)];
        while (chain[chain.length - 1].labels.length > 1) chain.push(parentName(chain[chain.length - 1]));
        return chain.map((n) => nameToText(n));
      }
      case "parent":
        return nameToText(parentName(i.name));
      case "compare": {
        const r = fullCompare(i.a, i.b);
        return { cmp: cmpSign(r.cmp), relation: r.relation, common_labels: r.commonLabels, equal: r.cmp === 0 };
      }
      case "canonical_sort":
        return [...i.names].sort(canonicalCompare);
      case "to_text": {
        const n = nameFromText(i.text);
        return { to_text: nameToText(n), labels_hex: n.labels.map(hex), wire_hex: hex(nameToWire(n)), canonical: nameToText(canonicalName(n)), omit_final_dot: nameToText(n, true) };
      }
      case "reverse_from_address":
        return nameToText(reverseName(i.address));
      case "reverse_to_address":
        return addressFromReverse(i.name);
      default:
        throw new Error(`${c.name}: no replay for the name op ${i.op}`);
    }
  };
  const result = attempt(run);
  sameAs(result.ok ? { result: result.value } : { error: result.error }, c.expect, c.name);
}

// rdata_text: dns.rdata.from_text or from_wire, then to_wire, to_text and the round trip.
function replayRdataText(c: DnsCase): void {
  const i = c.input as { type: string; class: string; text?: string; wire_hex?: string };
  const result = attempt(() => {
    const data = i.text !== undefined ? rdataFromText(i.type, i.text, i.class) : rdataFromWire(i.type, unhex(i.wire_hex ?? ""), i.class);
    const wire = rdataToWire(data);
    return { wire_hex: hex(wire), to_text: rdataToText(data), roundtrip_text: rdataToText(rdataFromWire(i.type, wire, i.class)), fields: fieldsView(data) };
  });
  sameAs(result.ok ? result.value : { error: result.error }, c.expect, c.name);
}

export const REPLAYERS: Record<Kind, (c: DnsCase) => void> = {
  encode_query: replayEncodeQuery,
  encode_response: replayEncodeResponse,
  decode: replayDecode,
  name: replayName,
  rdata_text: replayRdataText,
};
