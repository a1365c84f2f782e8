// RFC 3597's generic form for any type: '\# <length> <hex>', the hex in chunks of 32 digits
// as dnspython prints it (and '\# 0 ' for no data).
import { DnsSyntaxError } from "../errors.ts";
import type { RdataFamily } from "./family.ts";
import type { TokenStream } from "./tokens.ts";

export function hexOf(bytes: Uint8Array): string {
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return hex;
}

export function readGenericText(tokens: TokenStream): Uint8Array {
  const first = tokens.next();
  if (!first || first.quoted || first.value !== "\\#") throw new DnsSyntaxError("generic rdata does not start with \\#");
  const length = tokens.int();
  const rest = tokens.rest();
  if (rest.some((t) => t.quoted)) throw new DnsSyntaxError("expecting an identifier");
  const hex = rest.map((t) => t.value).join("");
  if (hex.length % 2 !== 0) throw new DnsSyntaxError("Odd-length string");
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw new DnsSyntaxError("Non-hexadecimal digit found");
  const data = new Uint8Array(hex.length / 2);
  for (let i = 0; i < data.length; i++) data[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  if (data.length !== length) throw new DnsSyntaxError("generic rdata hex data has wrong length");
  return data;
}

export const GENERIC: RdataFamily<"generic"> = {
  fromText: (tokens) => ({ kind: "generic", data: readGenericText(tokens) }),
  toText: (d) => `\\# ${d.data.length} ` + (hexOf(d.data).match(/.{1,32}/g) ?? []).join(" "),
  write: (d, w) => w.bytes(d.data, ".rdata", () => `${d.data.length} bytes of data`),
  read: (r) => ({ kind: "generic", data: r.take(r.remaining()).slice() }),
};
