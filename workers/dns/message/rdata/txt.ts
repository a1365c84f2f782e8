// TXT: one or more character-strings of at most 255 bytes, each printed double-quoted.
import { DnsSyntaxError, FormError, UnexpectedEnd } from "../errors.ts";
import { quoteBytes, type RdataFamily } from "./family.ts";
import { tokenBytes } from "./tokens.ts";

export const TXT: RdataFamily<"TXT"> = {
  fromText: (tokens) => {
    const strings = tokens.rest().map((t) => tokenBytes(t.value));
    if (strings.some((s) => s.length > 255)) throw new DnsSyntaxError("string too long");
    if (strings.length === 0) throw new UnexpectedEnd();
    return { kind: "TXT", strings };
  },
  toText: (data) => data.strings.map((s) => `"${quoteBytes(s)}"`).join(" "),
  write: (data, w) => data.strings.forEach((s, i) => w.counted(s, `.rdata.strings[${i}]`, () => `"${quoteBytes(s)}"`)),
  read: (r) => {
    const strings: Uint8Array[] = [];
    while (r.remaining() > 0) strings.push(r.counted().slice());
    if (strings.length === 0) throw new FormError("the list of strings must not be empty");
    return { kind: "TXT", strings };
  },
};
