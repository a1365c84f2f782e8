// NS, CNAME and PTR: one name, which dnspython compresses on the wire.
import { nameToText } from "../name.ts";
import { wireName, type RdataFamily } from "./family.ts";

export const TARGET: RdataFamily<"NS" | "CNAME" | "PTR"> = {
  fromText: (tokens, kind, origin) => ({ kind, target: nameToText(tokens.name(origin)) }),
  toText: (data) => data.target,
  write: (data, w, canonical) => w.name(wireName(data.target, canonical), ".rdata.name", !canonical),
  read: (r, kind) => ({ kind, target: nameToText(r.name()) }),
};
