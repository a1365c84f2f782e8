// Record data by type: text and wire in and out through each family's file. Types without a
// family here (and A, AAAA, SRV outside class IN, as dnspython's class-specific types) are held
// as RFC 3597 generic data. Errors are wrapped as dnspython wraps them: anything but a
// SyntaxError raised while reading text becomes a SyntaxError, anything but a FormError raised
// while reading wire becomes a FormError, both keeping the message.
import { DnsError, DnsSyntaxError, FormError } from "../errors.ts";
import type { RData } from "../model.ts";
import { asName, type NameLike } from "../name.ts";
import { canonicalClass, canonicalType } from "../types.ts";
import { WireReader } from "../wire-reader.ts";
import { WireWriter } from "../wire-writer.ts";
import { A, AAAA } from "./address.ts";
import { CAA } from "./caa.ts";
import type { Kind, RdataFamily } from "./family.ts";
import { GENERIC, readGenericText } from "./generic.ts";
import { MX } from "./mx.ts";
import { TARGET } from "./names.ts";
import { SOA } from "./soa.ts";
import { SRV } from "./srv.ts";
import { TXT } from "./txt.ts";
import { TokenStream } from "./tokens.ts";

const FAMILIES: Partial<Record<Kind, RdataFamily<Kind>>> = {
  A, AAAA, NS: TARGET, CNAME: TARGET, PTR: TARGET, MX, TXT, SOA, SRV, CAA, generic: GENERIC,
} as Partial<Record<Kind, RdataFamily<Kind>>>;
const CLASS_IN_ONLY = new Set(["A", "AAAA", "SRV"]);

/** The data kind a record of this type and class is held as. */
export function kindOf(type: string, cls: string): Kind {
  if (CLASS_IN_ONLY.has(type) && cls !== "IN") return "generic";
  return type in FAMILIES && type !== "generic" ? (type as Kind) : "generic";
}

const familyOf = (kind: Kind) => FAMILIES[kind] as RdataFamily<Kind>;

function rewrap<T>(as: typeof DnsSyntaxError | typeof FormError, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof DnsError && !(e instanceof as)) throw new as(e.message);
    throw e;
  }
}

/**
 * dns.rdata.from_text: the type's own syntax, or '\# len hex' for any type (for a type this
 * engine knows, the bytes are then read as that type). Names without a final dot stay
 * relative unless an origin is given, and cannot go on the wire (NeedAbsoluteNameOrOrigin).
 */
export function rdataFromText(type: string, text: string, cls = "IN", origin: NameLike | null = null): RData {
  const t = canonicalType(type);
  const c = canonicalClass(cls);
  const kind = kindOf(t, c);
  return rewrap(DnsSyntaxError, () => {
    const tokens = TokenStream.of(text);
    const first = tokens.peek();
    let data: RData;
    if (kind !== "generic" && first && !first.quoted && first.value === "\\#") {
      const bytes = readGenericText(tokens);
      data = rdataFromWire(t, bytes, c);
      const again = rdataToWire(data);
      if (again.length !== bytes.length || again.some((b, i) => b !== bytes[i]))
        throw new DnsSyntaxError("compressed data in generic syntax form of known rdatatype");
    } else {
      if (kind === "generic" && !/^TYPE[0-9]+$/.test(t) && !(first && first.value === "\\#"))
        throw new DnsSyntaxError(`this engine reads ${t} data only in the generic form '\\# <length> <hex>'`);
      data = familyOf(kind).fromText(tokens, kind, origin === null ? null : asName(origin));
    }
    tokens.end();
    return data;
  });
}

/** rdata.to_text(). */
export function rdataToText(data: RData): string {
  return familyOf(data.kind).toText(data);
}

/** Writes the data through a message's writer (compressing names where dnspython does). */
export function writeRdata(data: RData, w: WireWriter, canonical = false): void {
  familyOf(data.kind).write(data, w, canonical);
}

/** rdata.to_wire(), uncompressed; `canonical` lowercases the names (RFC 4034 6.2). */
export function rdataToWire(data: RData, options: { canonical?: boolean } = {}): Uint8Array {
  const w = new WireWriter(null, null);
  writeRdata(data, w, options.canonical ?? false);
  return w.result();
}

/** Reads a record's data: the reader's end is the end of its rdata. */
export function readRdata(r: WireReader, type: string, cls: string): RData {
  const kind = kindOf(type, cls);
  return rewrap(FormError, () => familyOf(kind).read(r, kind));
}

/** dns.rdata.from_wire for rdata alone (a name in it cannot use a pointer). */
export function rdataFromWire(type: string, bytes: Uint8Array, cls = "IN"): RData {
  const r = new WireReader(bytes);
  return readRdata(r, canonicalType(type), canonicalClass(cls));
}
