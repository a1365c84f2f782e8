// Building messages the way dnspython's make_query / make_response do, for the resolver, the
// simulated servers and the lesson: names normalized to their presentation text, so a message
// built here prints and encodes as dnspython's would.
import type { DnsMessage, Edns, QueryOptions, RData, ResourceRecord, ResponseOptions } from "./model.ts";
import { nameFromText, nameToText } from "./name.ts";
import { rdataFromText, rdataToText } from "./rdata/index.ts";
import { canonicalClass, canonicalType } from "./types.ts";

/** dnspython's DEFAULT_EDNS_PAYLOAD. */
export const DEFAULT_EDNS_PAYLOAD = 1232;

const normalName = (name: string) => nameToText(nameFromText(name));

/** A query for one name and type; invalid names fail here, before any bytes exist. */
export function makeQuery(name: string, type: string, options: QueryOptions): DnsMessage {
  const qname = normalName(name);
  const edns = options.edns ?? false;
  const opt = edns === false ? {} : edns === true ? {} : edns;
  return {
    id: options.id,
    flags: { qr: false, aa: false, tc: false, rd: options.rd ?? true, ra: false, z: false, ad: false, cd: false, opcode: 0, rcode: 0 },
    question: [{ name: qname, type: canonicalType(type), class: canonicalClass(options.class ?? "IN") }],
    answer: [],
    authority: [],
    additional: [],
    edns: edns === false ? null : ednsOf(opt.payload ?? DEFAULT_EDNS_PAYLOAD, opt.do ?? false),
  };
}

function ednsOf(payload: number, dnssecOk: boolean): Edns {
  return { version: 0, payload, flags: dnssecOk ? 0x8000 : 0, do: dnssecOk, options: [] };
}

/** The response to a query: its id, question, opcode and RD bit, QR set; EDNS answered in kind. */
export function makeResponse(query: DnsMessage, options: ResponseOptions = {}): DnsMessage {
  return {
    id: query.id,
    flags: {
      qr: true,
      aa: options.aa ?? false,
      tc: options.tc ?? false,
      rd: query.flags.rd,
      ra: options.ra ?? false,
      z: false,
      ad: false,
      cd: query.flags.cd,
      opcode: query.flags.opcode,
      rcode: options.rcode ?? 0,
    },
    question: query.question.map((q) => ({ ...q })),
    answer: options.answer ?? [],
    authority: options.authority ?? [],
    additional: options.additional ?? [],
    edns: query.edns ? ednsOf(DEFAULT_EDNS_PAYLOAD, query.edns.do) : null,
  };
}

/** A record from its parts, its data given as presentation text or as the typed object. */
export function makeRecord(name: string, type: string, ttl: number, data: string | RData, cls = "IN"): ResourceRecord {
  const t = canonicalType(type);
  const c = canonicalClass(cls);
  const parsed = typeof data === "string" ? rdataFromText(t, data, c) : data;
  return { name: normalName(name), type: t, class: c, ttl, data: parsed, rdata: rdataToText(parsed) };
}
