// Checks what a client receives against what it should, as the bytes arrive and without keeping
// them, so replies of hundreds of megabytes stay cheap to check. Expected replies are given as
// RESP2 pieces (a payload can be one huge string); the first wrong byte is reported with its place.

/** A bulk string's pieces. */
export const bulk = (value: string): string[] => [`$${value.length}\r\n`, value, "\r\n"];
export const int = (n: number): string[] => [`:${n}\r\n`];
export const status = (text: string): string[] => [`+${text}\r\n`];
export const NIL = ["$-1\r\n"];
export const array = (items: string[][]): string[] => [`*${items.length}\r\n`, ...items.flat()];

export class ExpectedStream {
  private readonly pieces: string[] = [];
  /** Where each expected reply ends, in bytes from the start of the stream. */
  private readonly ends: number[] = [];
  private total = 0;
  private piece = 0;
  private offset = 0;
  received = 0;
  mismatch: string | undefined;

  /** Appends one expected reply. */
  reply(pieces: string[]): void {
    for (const p of pieces) {
      this.pieces.push(p);
      this.total += p.length;
    }
    this.ends.push(this.total);
  }

  get length(): number {
    return this.total;
  }

  get complete(): boolean {
    return this.mismatch === undefined && this.received === this.total;
  }

  /** How many replies have come in whole. */
  get replies(): number {
    let n = 0;
    while (n < this.ends.length && this.ends[n] <= this.received) n++;
    return n;
  }

  feed(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && this.mismatch === undefined) {
      if (this.piece === this.pieces.length) {
        this.mismatch = `${chunk.length - at} bytes more than the ${this.total} expected: ${JSON.stringify(chunk.toString("latin1", at, at + 40))}`;
        return;
      }
      const want = this.pieces[this.piece];
      const n = Math.min(want.length - this.offset, chunk.length - at);
      const got = chunk.subarray(at, at + n);
      const expected = Buffer.from(want.slice(this.offset, this.offset + n), "latin1");
      if (!got.equals(expected)) {
        let i = 0;
        while (got[i] === expected[i]) i++;
        const place = this.received + i;
        this.mismatch = `byte ${place} (reply ${this.replies + 1}): got ${JSON.stringify(got.toString("latin1", i, i + 40))}, expected ${JSON.stringify(expected.toString("latin1", i, i + 40))}`;
        return;
      }
      at += n;
      this.received += n;
      this.offset += n;
      if (this.offset === want.length) {
        this.piece++;
        this.offset = 0;
      }
    }
  }
}
