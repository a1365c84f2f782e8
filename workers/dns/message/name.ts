// Domain names as dnspython's dns.name.Name holds them: a list of labels (raw bytes), an absolute
// name ending in the empty root label. Text is parsed and printed with dnspython's escaping
// (\. \; \" ... for its special characters, \DDD for bytes outside 0x21..0x7e), non-ASCII text
// goes through IDNA (idna.ts), and names compare case-insensitively on ASCII letters only.
import { BadEscape, EmptyLabel, LabelTooLong, NameTooLong, NoParent } from "./errors.ts";
import { labelToAscii } from "./idna.ts";

export interface DnsName {
  readonly labels: readonly Uint8Array[];
}

/** A name, or its presentation text (read with the root as origin). */
export type NameLike = DnsName | string;

export const ROOT: DnsName = { labels: [new Uint8Array(0)] };
const EMPTY: DnsName = { labels: [] };

/** Checks the label and length limits as dns.name.Name's constructor does, in its order. */
export function nameFromLabels(labels: readonly Uint8Array[]): DnsName {
  let total = 0;
  let emptyAt = -1;
  labels.forEach((label, j) => {
    total += label.length + 1;
    if (label.length > 63) throw new LabelTooLong();
    if (emptyAt < 0 && label.length === 0) emptyAt = j;
  });
  if (total > 255) throw new NameTooLong();
  if (emptyAt >= 0 && emptyAt !== labels.length - 1) throw new EmptyLabel();
  return { labels };
}

export function isAbsolute(name: DnsName): boolean {
  const n = name.labels.length;
  return n > 0 && name.labels[n - 1].length === 0;
}

const DOTS = new Set([".", "\u3002", "\uff0e", "\uff61"]);
const isDigit = (ch: string) => ch >= "0" && ch <= "9";

/**
 * dns.name.from_text: labels split on unescaped dots, `\c` taken literally, `\DDD` as a byte;
 * '@' is the empty name; a name without a final dot gets the origin (the root by default).
 */
export function nameFromText(text: string, origin: DnsName | null = ROOT): DnsName {
  const ascii = !/[\u0080-\uffff]/.test(text);
  const labels: Uint8Array[] = [];
  if (text === "@") text = "";
  if (text !== "") {
    if (DOTS.has(text)) return ROOT;
    // 1. Split into labels, each a list of bytes (ASCII text) or of characters (IDNA text).
    let label: string[] = [];
    let escaping = false;
    let digits = 0;
    let total = 0;
    const finish = () => labels.push(ascii ? bytesOf(label) : labelToAscii(label.join("")));
    for (const ch of text) {
      if (escaping) {
        if (digits === 0 && !isDigit(ch)) {
          label.push(ch);
          escaping = false;
        } else {
          if (!isDigit(ch)) throw new BadEscape();
          total = total * 10 + Number(ch);
          digits++;
          if (digits === 3) {
            if (total > 255) throw new BadEscape();
            label.push(String.fromCharCode(total));
            escaping = false;
          }
        }
      } else if (ascii ? ch === "." : DOTS.has(ch)) {
        if (label.length === 0) throw new EmptyLabel();
        finish();
        label = [];
      } else if (ch === "\\") {
        escaping = true;
        digits = 0;
        total = 0;
      } else label.push(ch);
    }
    if (escaping) throw new BadEscape();
    if (label.length > 0) finish();
    else labels.push(new Uint8Array(0));
  }
  // 2. A relative name is completed with the origin.
  if ((labels.length === 0 || labels[labels.length - 1].length !== 0) && origin !== null) labels.push(...origin.labels);
  return nameFromLabels(labels);
}

function bytesOf(chars: string[]): Uint8Array {
  const out = new Uint8Array(chars.length);
  for (let i = 0; i < chars.length; i++) out[i] = chars[i].charCodeAt(0);
  return out;
}

export function asName(name: NameLike): DnsName {
  return typeof name === "string" ? nameFromText(name) : name;
}

/** dnspython's _escapify: its specials backslashed, bytes outside 0x21..0x7e as \DDD. */
export function labelToText(label: Uint8Array): string {
  let text = "";
  for (const c of label) {
    if (c === 0x22 || c === 0x28 || c === 0x29 || c === 0x2e || c === 0x3b || c === 0x5c || c === 0x40 || c === 0x24)
      text += "\\" + String.fromCharCode(c);
    else if (c > 0x20 && c < 0x7f) text += String.fromCharCode(c);
    else text += "\\" + String(c).padStart(3, "0");
  }
  return text;
}

/** Name.to_text: '@' for the empty name, '.' for the root, labels joined by dots. */
export function nameToText(name: NameLike, omitFinalDot = false): string {
  const n = asName(name);
  if (n.labels.length === 0) return "@";
  if (n.labels.length === 1 && n.labels[0].length === 0) return ".";
  const labels = omitFinalDot && isAbsolute(n) ? n.labels.slice(0, -1) : n.labels;
  return labels.map(labelToText).join(".");
}

/** The uncompressed wire form: each label as length + bytes, the root as 0. */
export function nameToWire(name: NameLike): Uint8Array {
  const n = asName(name);
  const out = new Uint8Array(n.labels.reduce((sum, l) => sum + l.length + 1, 0));
  let at = 0;
  for (const label of n.labels) {
    out[at++] = label.length;
    out.set(label, at);
    at += label.length;
  }
  return out;
}

function lowerLabel(label: Uint8Array): Uint8Array {
  return label.map((c) => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c));
}

/** The name with ASCII letters lowercased (Name.canonicalize). */
export function canonicalName(name: NameLike): DnsName {
  return { labels: asName(name).labels.map(lowerLabel) };
}

export type NameRelation = "NONE" | "SUPERDOMAIN" | "SUBDOMAIN" | "EQUAL" | "COMMONANCESTOR";

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/**
 * Name.fullcompare: labels compared right to left as lowercase bytes (RFC 4034 6.1 order).
 * `relation` is what a is to b; `commonLabels` counts the root.
 */
export function fullCompare(a: NameLike, b: NameLike): { cmp: number; relation: NameRelation; commonLabels: number } {
  const x = asName(a).labels;
  const y = asName(b).labels;
  const ax = isAbsolute({ labels: x });
  if (ax !== isAbsolute({ labels: y })) return { cmp: ax ? 1 : -1, relation: "NONE", commonLabels: 0 };
  let i = x.length;
  let j = y.length;
  let common = 0;
  while (i > 0 && j > 0) {
    const order = compareBytes(lowerLabel(x[--i]), lowerLabel(y[--j]));
    if (order !== 0) return { cmp: order, relation: common > 0 ? "COMMONANCESTOR" : "NONE", commonLabels: common };
    common++;
  }
  const diff = x.length - y.length;
  return { cmp: Math.sign(diff), relation: diff < 0 ? "SUPERDOMAIN" : diff > 0 ? "SUBDOMAIN" : "EQUAL", commonLabels: common };
}

export function canonicalCompare(a: NameLike, b: NameLike): number {
  return fullCompare(a, b).cmp;
}

export function namesEqual(a: NameLike, b: NameLike): boolean {
  return fullCompare(a, b).cmp === 0;
}

/** True when a is b or lies under it. */
export function isSubdomain(a: NameLike, b: NameLike): boolean {
  const { relation } = fullCompare(a, b);
  return relation === "SUBDOMAIN" || relation === "EQUAL";
}

/** The name without the origin's labels when it lies under the origin; otherwise unchanged. */
export function relativize(name: NameLike, origin: NameLike): DnsName {
  const n = asName(name);
  const o = asName(origin);
  return isSubdomain(n, o) ? { labels: n.labels.slice(0, n.labels.length - o.labels.length) } : n;
}

/** The name less its first label; the root and the empty name have none (NoParent). */
export function parentName(name: NameLike): DnsName {
  const n = asName(name);
  if (n.labels.length === 0 || (n.labels.length === 1 && n.labels[0].length === 0)) throw new NoParent();
  return { labels: n.labels.slice(1) };
}

export { EMPTY as EMPTY_NAME };
