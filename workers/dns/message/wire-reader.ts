// Reading a message's bytes as dns.wire.Parser does: every read is bounds-checked against the
// current end (the message, or a record's rdata while it is read) and fails with FormError, so
// malformed input can only end in one of the engine's errors.
import { BadLabelType, BadPointer, FormError } from "./errors.ts";
import { nameFromLabels, type DnsName } from "./name.ts";

export class WireReader {
  at = 0;
  end: number;

  constructor(readonly bytes: Uint8Array) {
    this.end = bytes.length;
  }

  remaining(): number {
    return this.end - this.at;
  }

  u8(): number {
    if (this.at + 1 > this.end) throw new FormError();
    return this.bytes[this.at++];
  }

  u16(): number {
    if (this.at + 2 > this.end) throw new FormError();
    const v = (this.bytes[this.at] << 8) | this.bytes[this.at + 1];
    this.at += 2;
    return v;
  }

  u32(): number {
    if (this.at + 4 > this.end) throw new FormError();
    const b = this.bytes;
    const v = (b[this.at] * 0x1000000 + ((b[this.at + 1] << 16) | (b[this.at + 2] << 8) | b[this.at + 3])) >>> 0;
    this.at += 4;
    return v;
  }

  take(n: number): Uint8Array {
    if (this.at + n > this.end) throw new FormError();
    this.at += n;
    return this.bytes.subarray(this.at - n, this.at);
  }

  /** A character-string: a length byte and that many bytes. */
  counted(): Uint8Array {
    return this.take(this.u8());
  }

  /** Reads `size` bytes with `read`, which must consume exactly those (Parser.restrict_to). */
  within<T>(size: number, read: () => T): T {
    if (size > this.remaining()) throw new FormError();
    const outer = this.end;
    this.end = this.at + size;
    const value = read();
    if (this.at !== this.end) throw new FormError();
    this.end = outer;
    return value;
  }

  /**
   * A possibly compressed name (Name.from_wire_parser): each pointer must point strictly before
   * the previous jump target (at first, before the name itself), so every chain ends. Reading
   * resumes at the furthest byte reached, as the parser's high-water mark does: after the first
   * pointer, or later if a jumped-to label ran past it.
   */
  name(): DnsName {
    const labels: Uint8Array[] = [];
    let limit = this.at;
    let furthest = this.at;
    let count = this.u8();
    while (count !== 0) {
      if (count < 64) labels.push(this.take(count));
      else if (count >= 192) {
        const target = ((count & 0x3f) << 8) | this.u8();
        if (target >= limit) throw new BadPointer();
        limit = target;
        furthest = Math.max(furthest, this.at);
        this.at = target;
      } else throw new BadLabelType();
      furthest = Math.max(furthest, this.at);
      count = this.u8();
    }
    this.at = Math.max(furthest, this.at);
    labels.push(new Uint8Array(0));
    return nameFromLabels(labels);
  }
}
