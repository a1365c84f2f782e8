// MX: a preference and the exchange's name (compressed).
import { nameToText } from "../name.ts";
import { writeRdataName, type RdataFamily } from "./family.ts";

export const MX: RdataFamily<"MX"> = {
  fromText: (tokens, _kind, origin) => ({ kind: "MX", preference: tokens.uint(16), exchange: nameToText(tokens.name(origin)) }),
  toText: (data) => `${data.preference} ${data.exchange}`,
  write: (data, w, canonical) => {
    w.u16(data.preference, ".rdata.preference", `preference ${data.preference}`);
    writeRdataName(w, data.exchange, ".rdata.name", canonical);
  },
  read: (r) => ({ kind: "MX", preference: r.u16(), exchange: r.nameText() }),
};
