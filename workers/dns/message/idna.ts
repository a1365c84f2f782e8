// Non-ASCII labels in text become their ASCII-compatible form (RFC 3490's ToASCII, as
// dnspython's IDNA codec does for from_text): lowercased and NFKC-normalized (the parts of
// nameprep a learner's input meets), then "xn--" + Punycode.
import punycode from "punycode/punycode.js";
import { LabelTooLong } from "./errors.ts";

export function labelToAscii(label: string): Uint8Array {
  const prepared = label.normalize("NFKC").toLowerCase();
  const ascii = !/[\u0080-\uffff]/.test(prepared) ? prepared : "xn--" + punycode.encode(prepared);
  if (ascii.length > 63) throw new LabelTooLong();
  const out = new Uint8Array(ascii.length);
  for (let i = 0; i < ascii.length; i++) out[i] = ascii.charCodeAt(i);
  return out;
}
