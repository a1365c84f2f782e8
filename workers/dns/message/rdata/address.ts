// A and AAAA: an address, held as its canonical text (AAAA shortened as dnspython prints it).
import { DnsSyntaxError } from "../errors.ts";
import { ipv4FromText, ipv4ToText, ipv6FromText, ipv6ToText } from "../ip.ts";
import type { RdataFamily } from "./family.ts";
import { tokenBytes } from "./tokens.ts";

const tokenText = (value: string) => String.fromCharCode(...tokenBytes(value));

export const A: RdataFamily<"A"> = {
  fromText: (tokens) => ({ kind: "A", address: ipv4ToText(ipv4FromText(tokenText(tokens.identifier()))) }),
  toText: (data) => data.address,
  write: (data, w) => w.bytes(ipv4FromText(data.address), ".rdata.address", data.address),
  read: (r) => {
    const bytes = r.take(r.remaining());
    if (bytes.length !== 4) throw new DnsSyntaxError();
    return { kind: "A", address: ipv4ToText(bytes) };
  },
};

export const AAAA: RdataFamily<"AAAA"> = {
  fromText: (tokens) => ({ kind: "AAAA", address: ipv6ToText(ipv6FromText(tokenText(tokens.identifier()))) }),
  toText: (data) => data.address,
  write: (data, w) => w.bytes(ipv6FromText(data.address), ".rdata.address", data.address),
  read: (r) => ({ kind: "AAAA", address: ipv6ToText(r.take(r.remaining())) }),
};
