// SOA: the zone's primary server and contact mailbox (both compressed), its serial and four
// timers; the timers may be written with units in text (1h30m), as dns.ttl reads them.
import { BadTTL } from "../errors.ts";
import { nameToText } from "../name.ts";
import { wireName, type RdataFamily } from "./family.ts";
import type { TokenStream } from "./tokens.ts";

const UNITS: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };

/** dns.ttl.from_text. */
export function ttlFromText(text: string): number {
  let total = 0;
  if (/^[0-9]+$/.test(text)) total = Number(text);
  else {
    if (!/^[0-9]/.test(text)) throw new BadTTL();
    let current = 0;
    let needDigit = true;
    for (const c of text) {
      if (c >= "0" && c <= "9") {
        current = current * 10 + Number(c);
        needDigit = false;
      } else {
        if (needDigit) throw new BadTTL();
        const unit = UNITS[c.toLowerCase()];
        if (unit === undefined) throw new BadTTL(`unknown unit '${c.toLowerCase()}'`);
        total += current * unit;
        current = 0;
        needDigit = true;
      }
    }
    if (current !== 0) throw new BadTTL("trailing integer");
  }
  if (total > 0xffffffff) throw new BadTTL("TTL should be between 0 and 2**32 - 1 (inclusive)");
  return total;
}

const ttl = (tokens: TokenStream): number => ttlFromText(tokens.identifier());
const TIMERS = ["refresh", "retry", "expire", "minimum"] as const;

export const SOA: RdataFamily<"SOA"> = {
  fromText: (tokens, _kind, origin) => ({
    kind: "SOA",
    mname: nameToText(tokens.name(origin)),
    rname: nameToText(tokens.name(origin)),
    serial: tokens.uint(32),
    refresh: ttl(tokens),
    retry: ttl(tokens),
    expire: ttl(tokens),
    minimum: ttl(tokens),
  }),
  toText: (d) => `${d.mname} ${d.rname} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`,
  write: (d, w, canonical) => {
    w.name(wireName(d.mname, canonical), ".rdata.mname", !canonical);
    w.name(wireName(d.rname, canonical), ".rdata.rname", !canonical);
    w.u32(d.serial, ".rdata.serial", `serial ${d.serial}`);
    for (const t of TIMERS) w.u32(d[t], `.rdata.${t}`, `${t} ${d[t]} s`);
  },
  read: (r) => ({
    kind: "SOA",
    mname: nameToText(r.name()),
    rname: nameToText(r.name()),
    serial: r.u32(),
    refresh: r.u32(),
    retry: r.u32(),
    expire: r.u32(),
    minimum: r.u32(),
  }),
};
