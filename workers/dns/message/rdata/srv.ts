// SRV (RFC 2782): priority, weight, port and target. RFC 2782 forbids compressing the target;
// dnspython compresses it anyway, and so does this engine, to write the same bytes.
import { nameToText } from "../name.ts";
import { wireName, type RdataFamily } from "./family.ts";

export const SRV: RdataFamily<"SRV"> = {
  fromText: (tokens, _kind, origin) => ({
    kind: "SRV",
    priority: tokens.uint(16),
    weight: tokens.uint(16),
    port: tokens.uint(16),
    target: nameToText(tokens.name(origin)),
  }),
  toText: (d) => `${d.priority} ${d.weight} ${d.port} ${d.target}`,
  write: (d, w, canonical) => {
    w.u16(d.priority, ".rdata.priority", `priority ${d.priority}`);
    w.u16(d.weight, ".rdata.weight", `weight ${d.weight}`);
    w.u16(d.port, ".rdata.port", `port ${d.port}`);
    w.name(wireName(d.target, canonical), ".rdata.name", !canonical);
  },
  read: (r) => ({ kind: "SRV", priority: r.u16(), weight: r.u16(), port: r.u16(), target: nameToText(r.name()) }),
};
