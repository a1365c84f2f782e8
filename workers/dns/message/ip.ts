// Address text as dns.ipv4 / dns.ipv6 read and write it. IPv6 is printed dnspython's way: leading
// zeros dropped, the longest run (first on a tie) of two or more zero groups as '::', and the
// ::a.b.c.d and ::ffff:a.b.c.d forms for embedded IPv4.
import { DnsSyntaxError, FormError } from "./errors.ts";

export function ipv4FromText(text: string): Uint8Array {
  const parts = text.split(".");
  if (parts.length !== 4) throw new DnsSyntaxError();
  const out = new Uint8Array(4);
  parts.forEach((part, i) => {
    if (!/^[0-9]+$/.test(part) || (part.length > 1 && part[0] === "0")) throw new DnsSyntaxError();
    const v = Number(part);
    if (v > 255) throw new DnsSyntaxError();
    out[i] = v;
  });
  return out;
}

export function ipv4ToText(bytes: Uint8Array): string {
  if (bytes.length !== 4) throw new DnsSyntaxError();
  return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
}

/** dns.ipv6.inet_aton: a dotted-quad tail becomes two groups, '::' fills the missing zeros. */
export function ipv6FromText(text: string): Uint8Array {
  let t = text;
  if (t === "::") t = "0::";
  const v4 = /^(.*):([0-9]+\.[0-9]+\.[0-9]+\.[0-9]+)$/s.exec(t);
  if (v4) {
    const b = ipv4FromText(v4[2]);
    const hex = (x: number) => x.toString(16).padStart(2, "0");
    t = `${v4[1]}:${hex(b[0])}${hex(b[1])}:${hex(b[2])}${hex(b[3])}`;
  }
  if (t.startsWith("::")) t = t.slice(1);
  else if (t.endsWith("::")) t = t.slice(0, -1);
  const chunks = t.split(":");
  if (chunks.length > 8) throw new DnsSyntaxError();
  const groups: string[] = [];
  let seenEmpty = false;
  for (const c of chunks) {
    if (c === "") {
      if (seenEmpty) throw new DnsSyntaxError();
      seenEmpty = true;
      for (let k = 0; k < 8 - chunks.length + 1; k++) groups.push("0000");
    } else {
      if (c.length > 4 || !/^[0-9a-fA-F]+$/.test(c)) throw new DnsSyntaxError();
      groups.push(c.padStart(4, "0"));
    }
  }
  if (chunks.length < 8 && !seenEmpty) throw new DnsSyntaxError();
  if (groups.length !== 8) throw new DnsSyntaxError();
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[2 * i] = v >>> 8;
    out[2 * i + 1] = v & 0xff;
  });
  return out;
}

/** dns.ipv6.inet_ntoa. */
export function ipv6ToText(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new FormError("IPv6 addresses are 16 bytes long");
  const chunks: string[] = [];
  for (let i = 0; i < 16; i += 2) chunks.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  let bestStart = 0;
  let bestLen = 0;
  let start = -1;
  for (let i = 0; i <= 8; i++) {
    const zero = i < 8 && chunks[i] === "0";
    if (zero && start < 0) start = i;
    if (!zero && start >= 0) {
      if (i - start > bestLen) {
        bestStart = start;
        bestLen = i - start;
      }
      start = -1;
    }
  }
  if (bestLen <= 1) return chunks.join(":");
  if (bestStart === 0 && (bestLen === 6 || (bestLen === 5 && chunks[5] === "ffff")))
    return (bestLen === 6 ? "::" : "::ffff:") + ipv4ToText(bytes.subarray(12));
  return chunks.slice(0, bestStart).join(":") + "::" + chunks.slice(bestStart + bestLen).join(":");
}
