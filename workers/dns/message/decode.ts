// Bytes to a message as dns.message.from_wire reads them: the header (ShortHeader under 12
// bytes), the counted questions and records, each record's rdata read to exactly its rdlength,
// TTLs above 2^31-1 read as 0, the OPT record lifted out as `edns`, then no bytes may be left
// (TrailingJunk). With raiseOnTruncation a message with TC set fails with Truncated whether or
// not it parsed, as dnspython's does.
import { BadEDNS, FormError, ShortHeader, TrailingJunk, Truncated } from "./errors.ts";
import { flagsFromWord } from "./header.ts";
import type { DecodedMessage, DecodeOptions, Edns, Header, ResourceRecord } from "./model.ts";
import { nameToText } from "./name.ts";
import { readRdata, rdataToText } from "./rdata/index.ts";
import { classToText, typeToText } from "./types.ts";
import { WireReader } from "./wire-reader.ts";

const OPT = 41;
const TC = 0x0200;

export function decodeMessage(bytes: Uint8Array, options: DecodeOptions = {}): DecodedMessage {
  if (bytes.length < 12) throw new ShortHeader();
  const r = new WireReader(bytes);
  const header: Header = { id: r.u16(), flags: r.u16(), qdcount: r.u16(), ancount: r.u16(), nscount: r.u16(), arcount: r.u16() };
  const truncated = (header.flags & TC) !== 0 && options.raiseOnTruncation === true;
  let message: DecodedMessage;
  try {
    message = readBody(r, header);
  } catch (e) {
    if (truncated && e instanceof FormError) throw new Truncated();
    throw e;
  }
  if (truncated) throw new Truncated();
  return message;
}

function readBody(r: WireReader, header: Header): DecodedMessage {
  // 1. Questions.
  const question = [];
  for (let i = 0; i < header.qdcount; i++) {
    const name = nameToText(r.name());
    const type = typeToText(r.u16());
    question.push({ name, type, class: classToText(r.u16()) });
  }
  // 2. Records, the OPT record taken aside.
  const opt: { edns: Edns | null; extendedRcode: number } = { edns: null, extendedRcode: 0 };
  const answer = readSection(r, header.ancount, false, opt);
  const authority = readSection(r, header.nscount, false, opt);
  const additional = readSection(r, header.arcount, true, opt);
  // 3. Nothing may follow the last counted record.
  if (r.remaining() !== 0) throw new TrailingJunk();
  return { id: header.id, header, flags: flagsFromWord(header.flags, opt.extendedRcode), question, answer, authority, additional, edns: opt.edns };
}

function readSection(r: WireReader, count: number, additional: boolean, opt: { edns: Edns | null; extendedRcode: number }): ResourceRecord[] {
  const records: ResourceRecord[] = [];
  for (let i = 0; i < count; i++) {
    const owner = r.name();
    const typeCode = r.u16();
    const classCode = r.u16();
    const ttl = r.u32();
    const rdlength = r.u16();
    if (typeCode === OPT) {
      if (!additional || opt.edns || owner.labels.length !== 1) throw new BadEDNS();
      opt.edns = r.within(rdlength, () => readOpt(r, classCode, ttl));
      opt.extendedRcode = ttl >>> 24;
      continue;
    }
    const type = typeToText(typeCode);
    const cls = classToText(classCode);
    const data = r.within(rdlength, () => readRdata(r, type, cls));
    records.push({ name: nameToText(owner), type, class: cls, ttl: ttl > 0x7fffffff ? 0 : ttl, data, rdata: rdataToText(data) });
  }
  return records;
}

/** The OPT record: payload in the class, version and flags in the TTL, options as code/data. */
function readOpt(r: WireReader, payload: number, ttl: number): Edns {
  const options = [];
  while (r.remaining() > 0) {
    const code = r.u16();
    options.push({ code, data: r.take(r.u16()).slice() });
  }
  const flags = ttl & 0xffff;
  return { version: (ttl >>> 16) & 0xff, payload, flags, do: (flags & 0x8000) !== 0, options };
}
