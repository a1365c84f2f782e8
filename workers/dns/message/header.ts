// The header's flags word (RFC 1035 4.1.1, RFC 4035 for AD and CD): which bit is which, and
// the opcode and rcode names dnspython prints.
import type { Flags } from "./model.ts";

const BITS = { qr: 0x8000, aa: 0x0400, tc: 0x0200, rd: 0x0100, ra: 0x0080, z: 0x0040, ad: 0x0020, cd: 0x0010 } as const;

export function flagsFromWord(word: number, extendedRcode = 0): Flags {
  return {
    qr: (word & BITS.qr) !== 0,
    aa: (word & BITS.aa) !== 0,
    tc: (word & BITS.tc) !== 0,
    rd: (word & BITS.rd) !== 0,
    ra: (word & BITS.ra) !== 0,
    z: (word & BITS.z) !== 0,
    ad: (word & BITS.ad) !== 0,
    cd: (word & BITS.cd) !== 0,
    opcode: (word >> 11) & 0xf,
    rcode: (extendedRcode << 4) | (word & 0xf),
  };
}

/** The 16-bit word; only the rcode's low four bits fit here (the rest go in the OPT record). */
export function flagsToWord(flags: Flags): number {
  let word = ((flags.opcode & 0xf) << 11) | (flags.rcode & 0xf);
  for (const bit of Object.keys(BITS) as (keyof typeof BITS)[]) if (flags[bit]) word |= BITS[bit];
  return word;
}

const OPCODES = ["QUERY", "IQUERY", "STATUS", undefined, "NOTIFY", "UPDATE"];
const RCODES: Record<number, string> = {
  0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED", 6: "YXDOMAIN",
  7: "YXRRSET", 8: "NXRRSET", 9: "NOTAUTH", 10: "NOTZONE", 11: "DSOTYPENI", 16: "BADVERS", 17: "BADKEY",
  18: "BADTIME", 19: "BADMODE", 20: "BADNAME", 21: "BADALG", 22: "BADTRUNC", 23: "BADCOOKIE",
};
const RCODE_VALUES = new Map(Object.entries(RCODES).map(([k, v]) => [v, Number(k)]));

export function opcodeToText(opcode: number): string {
  return OPCODES[opcode] ?? String(opcode);
}

export function rcodeToText(rcode: number): string {
  return RCODES[rcode] ?? String(rcode);
}

export function rcodeFromText(text: string): number {
  const value = RCODE_VALUES.get(text.toUpperCase()) ?? (/^[0-9]+$/.test(text) ? Number(text) : undefined);
  if (value === undefined || value > 4095) throw new RangeError(`unknown rcode ${text}`);
  return value;
}
