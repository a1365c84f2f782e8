// CAA (RFC 8659): flags, an alphanumeric tag and a value, the value always printed quoted.
import { DnsSyntaxError } from "../errors.ts";
import { fromLatin1, latin1, quoteBytes, type RdataFamily } from "./family.ts";
import { tokenTextBytes } from "./tokens.ts";

function checkTag(tag: Uint8Array): string {
  if (tag.length > 255) throw new DnsSyntaxError("string too long");
  if (tag.length === 0 || !tag.every((c) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)))
    throw new DnsSyntaxError("tag is not alphanumeric");
  return latin1(tag);
}

export const CAA: RdataFamily<"CAA"> = {
  fromText: (tokens) => {
    const flags = tokens.uint(8);
    const tag = checkTag(tokenTextBytes(tokens.string().value));
    return { kind: "CAA", flags, tag, value: tokenTextBytes(tokens.string().value) };
  },
  toText: (d) => `${d.flags} ${quoteBytes(fromLatin1(d.tag))} "${quoteBytes(d.value)}"`,
  write: (d, w) => {
    w.u8(d.flags, ".rdata.flags", `flags ${d.flags}`);
    w.counted(fromLatin1(d.tag), ".rdata.tag", `tag ${d.tag}`);
    w.bytes(d.value, ".rdata.value", () => `"${quoteBytes(d.value)}"`);
  },
  read: (r) => {
    const flags = r.u8();
    const tag = checkTag(r.counted());
    return { kind: "CAA", flags, tag, value: r.take(r.remaining()).slice() };
  },
};
