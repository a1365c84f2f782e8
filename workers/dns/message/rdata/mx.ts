// MX: a preference and the exchange's name (compressed).
import { nameToText } from "../name.ts";
import { wireName, type RdataFamily } from "./family.ts";

export const MX: RdataFamily<"MX"> = {
  fromText: (tokens, _kind, origin) => ({ kind: "MX", preference: tokens.uint(16), exchange: nameToText(tokens.name(origin)) }),
  toText: (data) => `${data.preference} ${data.exchange}`,
  write: (data, w, canonical) => {
    w.u16(data.preference, ".rdata.preference", `preference ${data.preference}`);
    w.name(wireName(data.exchange, canonical), ".rdata.name", !canonical);
  },
  read: (r) => ({ kind: "MX", preference: r.u16(), exchange: nameToText(r.name()) }),
};
