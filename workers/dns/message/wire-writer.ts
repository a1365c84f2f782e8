// The byte sink the encoder and the rdata families write through. It can compress names with
// dnspython's table (name() and nameText() below) and can note which field every byte belongs to, for the
// lesson's annotated hex view; both are off unless asked, so plain encoding pays for neither.
import { TooBig } from "./errors.ts";
import type { WireField } from "./model.ts";
import { labelToText, nameFromText, nameToText, wireName, type DnsName } from "./name.ts";

export type Label = string | (() => string);

// One buffer is lent to each writer in turn (encoding is synchronous); a writer made while it is
// out (rdata written inside a message) gets its own.
let spare: Uint8Array | null = new Uint8Array(4096);

export class WireWriter {
  private buf: Uint8Array;
  at = 0;
  /** Prepended to each field's part: "answer[1]" while answer[1] is written. */
  prefix = "";

  constructor(
    readonly fields: WireField[] | null,
    /** Lowercased name suffix (length-prefixed labels) -> its offset; null: no compression. */
    private readonly table: Map<string, number> | null,
  ) {
    this.buf = spare ?? new Uint8Array(512);
    spare = null;
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.at + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }

  field(start: number, part: string, label: Label, pointerTo?: number): void {
    if (!this.fields || start === this.at) return;
    const field: WireField = { start, end: this.at, path: this.prefix + part, label: typeof label === "string" ? label : label() };
    if (pointerTo !== undefined) field.pointerTo = pointerTo;
    this.fields.push(field);
  }

  u8(value: number, part: string, label: Label = String(value)): void {
    this.room(1);
    this.buf[this.at++] = value;
    this.field(this.at - 1, part, label);
  }

  u16(value: number, part: string, label: Label = String(value)): void {
    this.room(2);
    this.buf[this.at++] = value >>> 8;
    this.buf[this.at++] = value & 0xff;
    this.field(this.at - 2, part, label);
  }

  u32(value: number, part: string, label: Label = String(value)): void {
    this.room(4);
    const start = this.at;
    this.buf[this.at++] = value >>> 24;
    this.buf[this.at++] = (value >>> 16) & 0xff;
    this.buf[this.at++] = (value >>> 8) & 0xff;
    this.buf[this.at++] = value & 0xff;
    this.field(start, part, label);
  }

  bytes(data: Uint8Array, part: string, label: Label): void {
    this.room(data.length);
    this.buf.set(data, this.at);
    this.at += data.length;
    this.field(this.at - data.length, part, label);
  }

  /** A character-string: its length byte then its bytes, one field. */
  counted(data: Uint8Array, part: string, label: Label): void {
    const start = this.at;
    this.room(data.length + 1);
    this.buf[this.at++] = data.length;
    this.buf.set(data, this.at);
    this.at += data.length;
    this.field(start, part, label);
  }

  /** Overwrites two bytes written earlier (a record's rdlength, once its rdata is known). */
  patchU16(at: number, value: number): void {
    this.buf[at] = value >>> 8;
    this.buf[at + 1] = value & 0xff;
  }

  /**
   * A name given as text, written as Name.to_wire writes it (see name()). Plain text (ASCII
   * labels without escapes or specials, a final dot, within the limits) is written straight
   * from the string; anything else is read as a name first, so its errors are the name's.
   * `owner` text without a final dot is absolute (the root is the origin); `rdata` text must be
   * absolute (NeedAbsoluteNameOrOrigin); `canonical` is rdata lowercased, never compressed.
   */
  nameText(text: string, part: string, compress: boolean, mode: "owner" | "rdata" | "canonical"): void {
    const starts = mode === "canonical" ? null : plainLabelStarts(text);
    if (!starts) {
      this.name(mode === "owner" ? nameFromText(text) : wireName(text, mode === "canonical"), part, compress);
      return;
    }
    const start = this.at;
    const table = compress ? this.table : null;
    const lower = table ? text.toLowerCase() : "";
    let pointerTo: number | undefined;
    for (const s of starts) {
      if (table) {
        const key = lower.slice(s);
        pointerTo = table.get(key);
        if (pointerTo !== undefined) break;
        if (this.at <= 0x3fff) table.set(key, this.at);
      }
      const end = text.indexOf(".", s);
      this.room(end - s + 1);
      this.buf[this.at++] = end - s;
      for (let k = s; k < end; k++) this.buf[this.at++] = text.charCodeAt(k);
    }
    this.room(2);
    if (pointerTo === undefined) this.buf[this.at++] = 0;
    else {
      this.buf[this.at++] = 0xc0 | (pointerTo >>> 8);
      this.buf[this.at++] = pointerTo & 0xff;
    }
    if (this.fields) this.field(start, part, () => nameLabel(text, pointerTo), pointerTo);
  }

  /**
   * An absolute name as Name.to_wire writes it: for each suffix from the whole name down, a
   * pointer if the (case-insensitive) table has it, else the label, the suffix entered at its
   * offset when that fits in 14 bits; the root alone is never entered. `compress` false writes
   * the name whole and leaves the table alone (names in rdata that dnspython does not compress).
   * The table's keys are the suffixes' presentation text, lowercased: one spelling per name.
   */
  name(name: DnsName, part: string, compress: boolean): void {
    const start = this.at;
    const labels = name.labels;
    const table = compress ? this.table : null;
    const keys = table ? suffixKeys(labels) : null;
    let pointerTo: number | undefined;
    for (let i = 0; i < labels.length; i++) {
      if (table && keys) {
        pointerTo = table.get(keys[i]);
        if (pointerTo !== undefined) {
          this.room(2);
          this.buf[this.at++] = 0xc0 | (pointerTo >>> 8);
          this.buf[this.at++] = pointerTo & 0xff;
          break;
        }
        if (i < labels.length - 1 && this.at <= 0x3fff) table.set(keys[i], this.at);
      }
      const label = labels[i];
      this.room(label.length + 1);
      this.buf[this.at++] = label.length;
      for (let k = 0; k < label.length; k++) this.buf[this.at++] = label[k];
    }
    if (this.fields) this.field(start, part, () => nameLabel(nameToText(name), pointerTo), pointerTo);
  }

  /** The bytes written; the writer is done with after this. */
  result(): Uint8Array {
    const out = this.buf.slice(0, this.at);
    spare = this.buf;
    if (this.at > 65535) throw new TooBig();
    return out;
  }
}

function nameLabel(text: string, pointerTo: number | undefined): string {
  return pointerTo === undefined ? text : `${text} (ends in a pointer to offset ${pointerTo})`;
}

/** keys[i] stands for labels[i..]: its presentation text, lowercased (escapes keep it unique). */
function suffixKeys(labels: readonly Uint8Array[]): string[] {
  const keys = new Array<string>(labels.length);
  let key = "";
  for (let i = labels.length - 2; i >= 0; i--) {
    key = labelToText(labels[i]).toLowerCase() + "." + key;
    keys[i] = key;
  }
  keys[labels.length - 1] = ".";
  return keys;
}

/**
 * Where each label starts in plain name text ("www.example.com."): printable ASCII without
 * dnspython's special characters, a final dot, no empty label, labels of at most 63 and the
 * name at most 255 octets; null for any other text.
 */
function plainLabelStarts(text: string): number[] | null {
  const n = text.length;
  if (n < 2 || n > 254 || text.charCodeAt(n - 1) !== 0x2e) return null;
  const starts = [0];
  let labelStart = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      if (i === labelStart || i - labelStart > 63) return null;
      if (i < n - 1) starts.push(i + 1);
      labelStart = i + 1;
    } else if (c <= 0x20 || c >= 0x7f || c === 0x22 || c === 0x24 || c === 0x28 || c === 0x29 || c === 0x3b || c === 0x40 || c === 0x5c) return null;
  }
  return starts;
}
