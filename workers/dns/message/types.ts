// Record types and classes by number and mnemonic, as dns.rdatatype / dns.rdataclass name them:
// a number without a mnemonic prints as TYPE<n> / CLASS<n>, and those forms are read back.
import { UnknownRdataclass, UnknownRdatatype } from "./errors.ts";

const TYPES: Record<string, number> = {
  NONE: 0, A: 1, NS: 2, MD: 3, MF: 4, CNAME: 5, SOA: 6, MB: 7, MG: 8, MR: 9, NULL: 10, WKS: 11, PTR: 12,
  HINFO: 13, MINFO: 14, MX: 15, TXT: 16, RP: 17, AFSDB: 18, X25: 19, ISDN: 20, RT: 21, NSAP: 22,
  "NSAP-PTR": 23, SIG: 24, KEY: 25, PX: 26, GPOS: 27, AAAA: 28, LOC: 29, NXT: 30, SRV: 33, NAPTR: 35,
  KX: 36, CERT: 37, A6: 38, DNAME: 39, OPT: 41, APL: 42, DS: 43, SSHFP: 44, IPSECKEY: 45, RRSIG: 46,
  NSEC: 47, DNSKEY: 48, DHCID: 49, NSEC3: 50, NSEC3PARAM: 51, TLSA: 52, SMIMEA: 53, HIP: 55, NINFO: 56,
  CDS: 59, CDNSKEY: 60, OPENPGPKEY: 61, CSYNC: 62, ZONEMD: 63, SVCB: 64, HTTPS: 65, SPF: 99,
  UNSPEC: 103, NID: 104, L32: 105, L64: 106, LP: 107, EUI48: 108, EUI64: 109, TKEY: 249, TSIG: 250,
  IXFR: 251, AXFR: 252, MAILB: 253, MAILA: 254, ANY: 255, URI: 256, CAA: 257, AVC: 258, AMTRELAY: 260,
  RESINFO: 261, WALLET: 262, TA: 32768, DLV: 32769,
};
const CLASSES: Record<string, number> = { RESERVED0: 0, IN: 1, CH: 3, HS: 4, NONE: 254, ANY: 255 };
const CLASS_ALIASES: Record<string, number> = { INTERNET: 1, CHAOS: 3, HESIOD: 4 };

const invert = (table: Record<string, number>) => new Map(Object.entries(table).map(([k, v]) => [v, k]));
const TYPE_NAMES = invert(TYPES);
const CLASS_NAMES = invert(CLASSES);
const TYPE_VALUES = new Map(Object.entries(TYPES));
const CLASS_VALUES = new Map(Object.entries({ ...CLASSES, ...CLASS_ALIASES }));

function fromText(text: string, table: Map<string, number>, prefix: string, unknown: () => Error): number {
  const known = table.get(text) ?? table.get(text.toUpperCase());
  if (known !== undefined) return known;
  const m = new RegExp(`^${prefix}([0-9]+)$`).exec(text.toUpperCase());
  if (m) {
    const value = Number(m[1]);
    if (value > 65535) throw unknown();
    return value;
  }
  throw unknown();
}

export function typeFromText(text: string): number {
  return fromText(text, TYPE_VALUES, "TYPE", () => new UnknownRdatatype());
}

export function typeToText(value: number): string {
  return TYPE_NAMES.get(value) ?? `TYPE${value}`;
}

export function classFromText(text: string): number {
  return fromText(text, CLASS_VALUES, "CLASS", () => new UnknownRdataclass());
}

export function classToText(value: number): string {
  return CLASS_NAMES.get(value) ?? `CLASS${value}`;
}

/** The mnemonic a number prints as, for a type or class given either way. */
export const canonicalType = (type: string): string => typeToText(typeFromText(type));
export const canonicalClass = (cls: string): string => classToText(classFromText(cls));
