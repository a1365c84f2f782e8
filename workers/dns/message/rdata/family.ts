// What each record-data family (one file each) provides: text in and out, wire in and out.
// `read` consumes the reader up to its end (the record's rdlength); `write` writes through the
// writer so names can be compressed and every byte can be labelled.
import type { RData } from "../model.ts";
import { nameFromText, isAbsolute, canonicalName, type DnsName } from "../name.ts";
import { NeedAbsoluteNameOrOrigin } from "../errors.ts";
import type { WireReader } from "../wire-reader.ts";
import type { WireWriter } from "../wire-writer.ts";
import type { TokenStream } from "./tokens.ts";

export type Kind = RData["kind"];
export type DataOf<K extends Kind> = Extract<RData, { kind: K }>;

export interface RdataFamily<K extends Kind> {
  fromText(tokens: TokenStream, kind: K, origin: DnsName | null): DataOf<K>;
  toText(data: DataOf<K>): string;
  write(data: DataOf<K>, w: WireWriter, canonical: boolean): void;
  read(r: WireReader, kind: K): DataOf<K>;
}

/** A name held in record data, made ready for the wire: absolute, lowercased when canonical. */
export function wireName(text: string, canonical: boolean): DnsName {
  const name = nameFromText(text, null);
  if (!isAbsolute(name)) throw new NeedAbsoluteNameOrOrigin();
  return canonical ? canonicalName(name) : name;
}

/** dns.rdata._escapify: '"' and '\' backslashed, bytes outside 0x20..0x7e as \DDD. */
export function quoteBytes(bytes: Uint8Array): string {
  let text = "";
  for (const c of bytes) {
    if (c === 0x22 || c === 0x5c) text += "\\" + String.fromCharCode(c);
    else if (c >= 0x20 && c < 0x7f) text += String.fromCharCode(c);
    else text += "\\" + String(c).padStart(3, "0");
  }
  return text;
}

export const latin1 = (bytes: Uint8Array): string => String.fromCharCode(...bytes);
export const fromLatin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
