// The byte sink the encoder and the rdata families write through. It can compress names with
// dnspython's table (compression.ts) and can note which field every byte belongs to, for the
// lesson's annotated hex view; both are off unless asked, so plain encoding pays for neither.
import { TooBig } from "./errors.ts";
import type { WireField } from "./model.ts";
import { nameToText, type DnsName } from "./name.ts";

export type Label = string | (() => string);

export class WireWriter {
  private buf = new Uint8Array(512);
  at = 0;
  /** Prepended to each field's part: "answer[1]" while answer[1] is written. */
  prefix = "";

  constructor(
    readonly fields: WireField[] | null,
    /** Lowercased name suffix (length-prefixed labels) -> its offset; null: no compression. */
    private readonly table: Map<string, number> | null,
  ) {}

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
   * An absolute name as Name.to_wire writes it: for each suffix from the whole name down, a
   * pointer if the (case-insensitive) table has it, else the label, the suffix entered at its
   * offset when that fits in 14 bits; the root alone is never entered. `compress` false writes
   * the name whole and leaves the table alone (names in rdata that dnspython does not compress).
   */
  name(name: DnsName, part: string, compress: boolean): void {
    const start = this.at;
    const labels = name.labels;
    const table = compress ? this.table : null;
    const keys = table ? suffixKeys(labels) : null;
    let pointerTo: number | undefined;
    for (let i = 0; i < labels.length; i++) {
      if (table && keys) {
        const known = table.get(keys[i]);
        if (known !== undefined) {
          pointerTo = known;
          this.room(2);
          this.buf[this.at++] = 0xc0 | (known >>> 8);
          this.buf[this.at++] = known & 0xff;
          break;
        }
        if (i < labels.length - 1 && this.at <= 0x3fff) table.set(keys[i], this.at);
      }
      const label = labels[i];
      this.room(label.length + 1);
      this.buf[this.at++] = label.length;
      this.buf.set(label, this.at);
      this.at += label.length;
    }
    if (this.fields) this.field(start, part, () => nameLabel(name, pointerTo), pointerTo);
  }

  result(): Uint8Array {
    if (this.at > 65535) throw new TooBig();
    return this.buf.slice(0, this.at);
  }
}

function nameLabel(name: DnsName, pointerTo: number | undefined): string {
  return pointerTo === undefined ? nameToText(name) : `${nameToText(name)} (ends in a pointer to offset ${pointerTo})`;
}

/** keys[i] identifies labels[i..] case-insensitively: each label's length and lowercased bytes. */
function suffixKeys(labels: readonly Uint8Array[]): string[] {
  const keys = new Array<string>(labels.length);
  let key = "";
  for (let i = labels.length - 1; i >= 0; i--) {
    let part = String.fromCharCode(labels[i].length);
    for (const c of labels[i]) part += String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
    key = part + key;
    keys[i] = key;
  }
  return keys;
}
