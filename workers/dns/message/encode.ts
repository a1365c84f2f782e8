// Messages to bytes as dnspython's renderer writes them (Message.to_wire(want_shuffle=False)):
// header, questions, then each section's records in the order given (an RRset's records one
// after another, the owner name repeated), the OPT record last. With compression, names in
// questions, owners and the rdata of NS/CNAME/PTR/MX/SOA/SRV share one case-insensitive table.
import { flagsToWord, opcodeToText, rcodeToText } from "./header.ts";
import type { DnsMessage, Edns, EncodeOptions, ResourceRecord, WireField } from "./model.ts";
import { nameFromText, ROOT } from "./name.ts";
import { writeRdata } from "./rdata/index.ts";
import { hexOf } from "./rdata/generic.ts";
import { classFromText, typeFromText } from "./types.ts";
import { WireWriter } from "./wire-writer.ts";

export interface EncodedMessage {
  bytes: Uint8Array;
  /** Every byte in exactly one field, in order. */
  fields: WireField[];
}

export function encodeMessage(msg: DnsMessage, options: EncodeOptions = {}): Uint8Array {
  return encode(msg, options, null);
}

/** The bytes and, for the annotated hex view, which field each run of bytes is. */
export function encodeWithFields(msg: DnsMessage, options: EncodeOptions = {}): EncodedMessage {
  const fields: WireField[] = [];
  const bytes = encode(msg, options, fields);
  return { bytes, fields };
}

const OPT = 41;

/** An rcode above 15 needs EDNS for its high bits; dnspython turns EDNS on for it, as here. */
function ednsOf(msg: DnsMessage): Edns | null {
  if (msg.edns || msg.flags.rcode <= 15) return msg.edns;
  return { version: 0, payload: 1232, flags: 0, do: false, options: [] };
}

function encode(msg: DnsMessage, options: EncodeOptions, fields: WireField[] | null): Uint8Array {
  const w = new WireWriter(fields, options.compress === false ? null : new Map());
  const edns = ednsOf(msg);
  // 1. The header: id, flags word, four counts (the OPT record counts as additional).
  const word = flagsToWord(msg.flags);
  w.u16(msg.id, "header.id", `id ${msg.id}`);
  w.u16(word, "header.flags", () => flagsLabel(msg, word));
  w.u16(msg.question.length, "header.qdcount", `${msg.question.length} question(s)`);
  w.u16(msg.answer.length, "header.ancount", `${msg.answer.length} answer record(s)`);
  w.u16(msg.authority.length, "header.nscount", `${msg.authority.length} authority record(s)`);
  const arcount = msg.additional.length + (edns ? 1 : 0);
  w.u16(arcount, "header.arcount", `${arcount} additional record(s)`);
  // 2. Questions: name, type, class.
  msg.question.forEach((q, i) => {
    w.prefix = `question[${i}]`;
    w.name(nameFromText(q.name), ".name", true);
    w.u16(typeFromText(q.type), ".type", `type ${q.type}`);
    w.u16(classFromText(q.class), ".class", `class ${q.class}`);
  });
  // 3. The three sections of records.
  for (const section of ["answer", "authority", "additional"] as const)
    msg[section].forEach((rr, i) => {
      w.prefix = `${section}[${i}]`;
      writeRecord(w, rr);
    });
  // 4. EDNS as the last additional record.
  if (edns) writeOpt(w, edns, msg.flags.rcode);
  return w.result();
}

function writeRecord(w: WireWriter, rr: ResourceRecord): void {
  w.name(nameFromText(rr.name), ".name", true);
  w.u16(typeFromText(rr.type), ".type", `type ${rr.type}`);
  w.u16(classFromText(rr.class), ".class", `class ${rr.class}`);
  w.u32(rr.ttl, ".ttl", `TTL ${rr.ttl} s`);
  const lengthAt = w.at;
  const lengthField = w.fields?.length ?? 0;
  w.u16(0, ".rdlength", "");
  writeRdata(rr.data, w);
  const length = w.at - lengthAt - 2;
  w.patchU16(lengthAt, length);
  if (w.fields) w.fields[lengthField].label = `rdlength ${length}`;
}

function writeOpt(w: WireWriter, edns: Edns, rcode: number): void {
  w.prefix = "edns";
  w.name(ROOT, ".name", false);
  w.u16(OPT, ".type", "type OPT");
  w.u16(edns.payload, ".payload", `UDP payload ${edns.payload}`);
  w.u8((rcode >> 4) & 0xff, ".extended_rcode", `extended rcode ${(rcode >> 4) & 0xff}`);
  w.u8(edns.version, ".version", `EDNS version ${edns.version}`);
  const flags = (edns.flags & 0x7fff) | (edns.do ? 0x8000 : 0);
  w.u16(flags, ".flags", edns.do ? "EDNS flags: DO" : `EDNS flags ${flags}`);
  const length = edns.options.reduce((n, o) => n + 4 + o.data.length, 0);
  w.u16(length, ".rdlength", `rdlength ${length}`);
  edns.options.forEach((o, i) => {
    w.u16(o.code, `.options[${i}].code`, `option ${o.code}`);
    w.u16(o.data.length, `.options[${i}].length`, `length ${o.data.length}`);
    w.bytes(o.data, `.options[${i}].data`, () => hexOf(o.data));
  });
}

function flagsLabel(msg: DnsMessage, word: number): string {
  const f = msg.flags;
  const bits = (["qr", "aa", "tc", "rd", "ra", "z", "ad", "cd"] as const).filter((b) => f[b]).map((b) => b.toUpperCase());
  return `flags 0x${word.toString(16).padStart(4, "0")}: ${[...bits, opcodeToText(f.opcode), rcodeToText(f.rcode & 0xf)].join(" ")}`;
}
