// What the UDP bridge (bridge.ts) answers to one datagram, as a recursive resolver answers a stub:
//   1. fewer than 12 bytes (no header to answer) or a response (QR set: answering one could
//      start a loop between two servers): dropped, no reply;
//   2. bytes that do not decode: FORMERR, echoing the id, opcode and RD (server.ts formErrFor);
//   3. an opcode other than QUERY: NOTIMP; not exactly one question: FORMERR; a class other than
//      IN: REFUSED; a meta type (ANY, AXFR, …) the resolver does not iterate for: NOTIMP;
//   4. the resolution (resolver.ts): its rcode, the CNAME chain and the final RRset in the answer
//      section, and for a negative answer the SOA in the authority section (RFC 2308), TTLs as
//      the cache holds them; RA set, AA clear (a resolver speaks for no zone);
//   5. every server silent (the in-engine API's ETIMEOUT): no reply, so the client times out too;
//   6. past 512 bytes (or the client's EDNS payload size): the header and question with TC set.
// RD clear is served as RD set: the simulated resolver has no cache-only mode.
import { decodeMessage, encodeMessage, makeResponse, rcodeFromText, type DecodedMessage, type DnsMessage } from "./message/index.ts";
import { formErrFor, RCODE } from "./server.ts";
import type { ResolveResult } from "./resolver.ts";
import type { RecordType } from "./learner-api.ts";

export type Resolve = (name: string, type: RecordType) => Promise<ResolveResult>;

const HEADER_BYTES = 12;
const UDP_PAYLOAD = 512;
const META_TYPES = new Set(["ANY", "AXFR", "IXFR", "MAILA", "MAILB", "OPT", "TSIG", "TKEY"]);

/** The reply's bytes for one datagram, or null when none is sent. */
export async function answerDatagram(bytes: Uint8Array, resolve: Resolve): Promise<Uint8Array | null> {
  // 1. Nothing to answer, or a response.
  if (bytes.length < HEADER_BYTES || (bytes[2] & 0x80) !== 0) return null;
  // 2. Malformed.
  let query: DecodedMessage;
  try {
    query = decodeMessage(bytes);
  } catch {
    return formErrFor(bytes);
  }
  // 3. Queries this resolver does not take.
  const refusal = refuse(query);
  if (refusal !== null) return encode(makeResponse(query, { ra: true, rcode: refusal }), query);
  // 4. The resolution.
  const q = query.question[0];
  let result: ResolveResult;
  try {
    result = await resolve(q.name, q.type as RecordType);
  } catch {
    return encode(makeResponse(query, { ra: true, rcode: RCODE.SERVFAIL }), query);
  }
  // 5. The client of a resolver whose servers all stayed silent hears nothing either.
  if (result.timedOut) return null;
  const rcode = rcodeFromText(result.rcode);
  const failed = rcode === RCODE.SERVFAIL;
  const response = makeResponse(query, {
    ra: true,
    rcode,
    answer: failed ? [] : result.answer,
    authority: !failed && result.soa ? [result.soa] : [],
  });
  return encode(response, query);
}

/** The rcode for a query the resolver will not resolve, or null when it will. */
function refuse(query: DecodedMessage): number | null {
  if (query.flags.opcode !== 0) return RCODE.NOTIMP;
  if (query.question.length !== 1) return RCODE.FORMERR;
  const q = query.question[0];
  if (q.class !== "IN") return RCODE.REFUSED;
  if (META_TYPES.has(q.type)) return RCODE.NOTIMP;
  return null;
}

/** 6. The response's bytes, truncated to the header and question when they do not fit. */
function encode(response: DnsMessage, query: DecodedMessage): Uint8Array {
  const limit = Math.max(UDP_PAYLOAD, query.edns?.payload ?? 0);
  const bytes = encodeMessage(response);
  if (bytes.length <= limit) return bytes;
  return encodeMessage({ ...response, flags: { ...response.flags, tc: true }, answer: [], authority: [], additional: [] });
}
