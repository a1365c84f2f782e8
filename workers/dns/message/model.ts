// The shapes of a DNS message (RFC 1035 section 4) as the engine hands them around: plain data,
// so a message can cross a worker boundary or sit in a trace. Names are their presentation text
// (dnspython's to_text: absolute, final dot, case kept, odd bytes escaped) because that is what
// resolvers compare and lessons print; name.ts turns text into labels and back without loss.

/** The header's flag bits, opcode and rcode (rcode includes the EDNS extended bits, as dnspython's). */
export interface Flags {
  qr: boolean;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  /** The reserved bit 0x0040. */
  z: boolean;
  ad: boolean;
  cd: boolean;
  opcode: number;
  rcode: number;
}

export interface Question {
  name: string;
  /** Mnemonic ('A', 'MX') or 'TYPE<n>'. */
  type: string;
  /** Mnemonic ('IN', 'CH') or 'CLASS<n>'. */
  class: string;
}

/** Record data, one shape per family; `generic` is RFC 3597's opaque data for any other type. */
export type RData =
  | { kind: "A"; address: string }
  | { kind: "AAAA"; address: string }
  | { kind: "NS" | "CNAME" | "PTR"; target: string }
  | { kind: "MX"; preference: number; exchange: string }
  | { kind: "TXT"; strings: Uint8Array[] }
  | { kind: "SOA"; mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number }
  | { kind: "SRV"; priority: number; weight: number; port: number; target: string }
  | { kind: "CAA"; flags: number; tag: string; value: Uint8Array }
  | { kind: "generic"; data: Uint8Array };

export interface ResourceRecord {
  name: string;
  type: string;
  class: string;
  ttl: number;
  data: RData;
  /** The data's presentation text (rdata.to_text()), kept beside `data` for display. */
  rdata: string;
}

/** The OPT pseudo-record (RFC 6891), lifted out of the additional section. */
export interface Edns {
  version: number;
  /** The advertised UDP payload size (the OPT record's class). */
  payload: number;
  /** The 16-bit EDNS flags word (DO is 0x8000). */
  flags: number;
  do: boolean;
  /** Options as raw code/data pairs, in wire order. */
  options: { code: number; data: Uint8Array }[];
}

export interface DnsMessage {
  id: number;
  flags: Flags;
  question: Question[];
  answer: ResourceRecord[];
  authority: ResourceRecord[];
  additional: ResourceRecord[];
  edns: Edns | null;
}

/** The twelve header bytes as they were on the wire (arcount counts the OPT record). */
export interface Header {
  id: number;
  flags: number;
  qdcount: number;
  ancount: number;
  nscount: number;
  arcount: number;
}

/** Records of one name (case-insensitive), type and class merged as dnspython's default view. */
export interface RRset {
  name: string;
  type: string;
  class: string;
  ttl: number;
  records: ResourceRecord[];
  rdatas: string[];
}

/** One field of an encoded message: bytes [start, end) and where they came from. */
export interface WireField {
  start: number;
  end: number;
  /** "header.id", "question[0].name", "answer[1].rdata.exchange", "edns.payload" ... */
  path: string;
  /** What the bytes say, for a reader ("www.example.com. (pointer to 12)"). */
  label: string;
  /** When the field is a name ending in a compression pointer: the offset it points to. */
  pointerTo?: number;
}

export interface EncodeOptions {
  /** Name compression as dnspython does it (default true). */
  compress?: boolean;
}

export interface DecodeOptions {
  /** Throw Truncated when the header's TC bit is set (dnspython's raise_on_truncation). */
  raiseOnTruncation?: boolean;
}

export interface DecodedMessage extends DnsMessage {
  header: Header;
}

export interface EdnsOptions {
  payload?: number;
  do?: boolean;
}

export interface QueryOptions {
  id: number;
  rd?: boolean;
  class?: string;
  /** false (the default) for no OPT record; true or options for EDNS version 0. */
  edns?: boolean | EdnsOptions;
}

export interface ResponseOptions {
  answer?: ResourceRecord[];
  authority?: ResourceRecord[];
  additional?: ResourceRecord[];
  rcode?: number;
  aa?: boolean;
  ra?: boolean;
  tc?: boolean;
}
