// Reverse-map names (dns.reversename): an address's bytes (IPv4, or IPv4-mapped IPv6) or nibbles
// (IPv6) in reverse order under in-addr.arpa. or ip6.arpa., and back.
import { DnsSyntaxError } from "./errors.ts";
import { ipv4FromText, ipv4ToText, ipv6FromText, ipv6ToText } from "./ip.ts";
import { asName, isSubdomain, nameFromText, relativize, type DnsName, type NameLike } from "./name.ts";

const V4_ORIGIN = nameFromText("in-addr.arpa.");
const V6_ORIGIN = nameFromText("ip6.arpa.");

const isMapped = (b: Uint8Array) => b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;

export function reverseName(address: string): DnsName {
  let v6: Uint8Array | null;
  try {
    v6 = ipv6FromText(address);
  } catch {
    v6 = null;
  }
  if (v6 && !isMapped(v6)) {
    const nibbles = Array.from(v6, (b) => b.toString(16).padStart(2, "0")).join("");
    return nameFromText([...nibbles].reverse().join("."), V6_ORIGIN);
  }
  const v4 = v6 ? v6.subarray(12) : ipv4FromText(address);
  return nameFromText(Array.from(v4, String).reverse().join("."), V4_ORIGIN);
}

const text = (label: Uint8Array) => String.fromCharCode(...label);

export function addressFromReverse(name: NameLike): string {
  const n = asName(name);
  if (isSubdomain(n, V4_ORIGIN)) {
    const labels = relativize(n, V4_ORIGIN).labels.map(text).reverse();
    return ipv4ToText(ipv4FromText(labels.join(".")));
  }
  if (isSubdomain(n, V6_ORIGIN)) {
    const labels = relativize(n, V6_ORIGIN).labels.map(text).reverse();
    const parts: string[] = [];
    for (let i = 0; i < labels.length; i += 4) parts.push(labels.slice(i, i + 4).join(""));
    return ipv6ToText(ipv6FromText(parts.join(":")));
  }
  throw new DnsSyntaxError("unknown reverse-map address family");
}
