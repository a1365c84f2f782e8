// Client requests, parsed as Redis 7.0 parses them (networking.c processInputBuffer,
// processInlineBuffer, processMultibulkBuffer), including what is easy to get wrong:
//  - The request type is decided by the first byte: '*' is multibulk, anything else inline.
//  - A line end is searched with strchr, so it is never found past a NUL byte: "PI\0NG\r\n"
//    waits for more input forever (until the 64 KB limit), exactly as in Redis.
//  - Multibulk lines end at the first '\r'; the byte after it is skipped without checking it is
//    '\n', and so are the two bytes after a bulk payload.
//  - `*0` and `*-5` are empty requests: no reply at all. `$-1` in a request is an error.
//  - The "too big" limits are checked only when a line end is missing, against what has been
//    read so far. Redis reads 16 KB at a time (more for a large bulk argument) and parses after
//    each read; `readLength()` says how much Redis would read next, so a host that feeds that
//    much at a time sees the limits trip on the same bytes as Redis.
import { splitArgs } from "./split-args.ts";
import { string2ll } from "./string2ll.ts";

/** A parsed request: its arguments as latin1 strings (one char per byte). */
export type Request = { kind: "command"; args: string[] } | { kind: "error"; message: string };

const PROTO_IOBUF_LEN = 16 * 1024;
const PROTO_INLINE_MAX_SIZE = 64 * 1024;
const PROTO_MBULK_BIG_ARG = 32 * 1024;
const PROTO_MAX_BULK_LEN = 512 * 1024 * 1024; // proto-max-bulk-len default
const INT_MAX = 2 ** 31 - 1;
const CR = 13;
const LF = 10;
const SHRINK_ABOVE = 1024 * 1024;
/**
 * Arguments shorter than this are cut out of one decoded window of the input rather than decoded
 * one by one (a native call each, most of the parser's time with ten short arguments a request).
 * V8 copies a slice this short (its SlicedString minimum is 13 chars), so an argument the engine
 * keeps never holds the window alive; longer ones are decoded on their own for the same reason.
 */
const SHORT_ARG = 13;
/** How much buffered input one window decodes. */
const TEXT_WINDOW = 4096;

const enum ReqType {
  None,
  Inline,
  Multibulk,
}

/** Not enough bytes yet. */
const INCOMPLETE = null;

export class RequestParser {
  private data = Buffer.allocUnsafe(PROTO_IOBUF_LEN);
  private start = 0; // c->qb_pos
  private end = 0; // sdslen(c->querybuf)
  private reqType = ReqType.None;
  private multibulkLen = 0;
  private bulkLen = -1;
  private argv: string[] = [];
  private failed = false;
  /** data[textStart, textEnd) decoded as latin1; emptied whenever those bytes move or are reused. */
  private text = "";
  private textStart = 0;
  private textEnd = 0;

  /** Bytes received and not yet parsed. */
  get buffered(): number {
    return this.end - this.start;
  }

  /** How many bytes Redis would read from the socket next (readQueryFromClient's readlen). */
  readLength(): number {
    if (this.reqType === ReqType.Multibulk && this.multibulkLen > 0 && this.bulkLen >= PROTO_MBULK_BIG_ARG) {
      const remaining = this.bulkLen + 2 - this.buffered;
      if (remaining > 0) return remaining;
    }
    return PROTO_IOBUF_LEN;
  }

  append(chunk: Uint8Array): void {
    if (this.failed) return;
    this.reserve(chunk.length);
    this.data.set(chunk, this.end);
    this.end += chunk.length;
  }

  /**
   * The next complete request, or null when more bytes are needed. After a protocol error
   * (Redis replies with it and closes the connection) it returns null forever.
   */
  next(): Request | null {
    while (!this.failed && this.start < this.end) {
      if (this.reqType === ReqType.None) {
        this.reqType = this.data[this.start] === 0x2a ? ReqType.Multibulk : ReqType.Inline;
      }
      const result = this.reqType === ReqType.Inline ? this.inline() : this.multibulk();
      if (result === INCOMPLETE) break;
      if (typeof result === "string") {
        this.failed = true;
        return { kind: "error", message: `ERR Protocol error: ${result}` };
      }
      this.reset();
      if (result.length > 0) return { kind: "command", args: result };
    }
    this.compact();
    return null;
  }

  private reset(): void {
    this.reqType = ReqType.None;
    this.multibulkLen = 0;
    this.bulkLen = -1;
    this.argv = [];
  }

  /**
   * Offset from `start` of the first `ch` before any NUL byte (C strchr), or -1. A plain loop:
   * request lines are a few bytes long, and two subarrays and two indexOf calls per line cost
   * more than the scan itself (they were most of the parser's time under redis.streams).
   */
  private strchr(ch: number): number {
    const data = this.data;
    const start = this.start;
    const end = this.end;
    for (let i = start; i < end; i++) {
      const b = data[i];
      if (b === ch) return i - start;
      if (b === 0) return -1;
    }
    return -1;
  }

  private inline(): string[] | string | null {
    const newline = this.strchr(LF);
    if (newline < 0) return this.buffered > PROTO_INLINE_MAX_SIZE ? "too big inline request" : INCOMPLETE;
    let lineEnd = this.start + newline;
    let linefeedChars = 1;
    if (newline !== 0 && this.data[lineEnd - 1] === CR) {
      lineEnd--;
      linefeedChars++;
    }
    const argv = splitArgs(this.data, this.start, lineEnd);
    if (argv === null) return "unbalanced quotes in request";
    this.start = lineEnd + linefeedChars;
    return argv;
  }

  private multibulk(): string[] | string | null {
    if (this.multibulkLen === 0) {
      const newline = this.strchr(CR);
      if (newline < 0) return this.buffered > PROTO_INLINE_MAX_SIZE ? "too big mbulk count string" : INCOMPLETE;
      if (newline > this.buffered - 2) return INCOMPLETE; // the byte after '\r' is not here yet
      const count = string2ll(this.data, this.start + 1, this.start + newline);
      if (count === null || count > INT_MAX) return "invalid multibulk length";
      this.start += newline + 2;
      if (count <= 0) return [];
      this.multibulkLen = count;
    }

    while (this.multibulkLen > 0) {
      if (this.bulkLen === -1) {
        const newline = this.strchr(CR);
        if (newline < 0) return this.buffered > PROTO_INLINE_MAX_SIZE ? "too big bulk count string" : INCOMPLETE;
        if (newline > this.buffered - 2) return INCOMPLETE;
        const first = this.data[this.start];
        if (first !== 0x24) {
          // addReplyErrorFormat maps CR and LF to spaces; a NUL cannot be here (strchr).
          const shown = first === CR || first === LF ? " " : String.fromCharCode(first);
          return `expected '$', got '${shown}'`;
        }
        const length = string2ll(this.data, this.start + 1, this.start + newline);
        if (length === null || length < 0 || length > PROTO_MAX_BULK_LEN) return "invalid bulk length";
        this.start += newline + 2;
        this.bulkLen = length;
      }
      if (this.buffered < this.bulkLen + 2) return INCOMPLETE;
      this.argv.push(this.latin1(this.start, this.start + this.bulkLen));
      this.start += this.bulkLen + 2;
      this.bulkLen = -1;
      this.multibulkLen--;
    }
    return this.argv;
  }

  /** data[from, to) as a latin1 string (one char per byte). */
  private latin1(from: number, to: number): string {
    if (to - from >= SHORT_ARG) return this.data.toString("latin1", from, to);
    if (from < this.textStart || to > this.textEnd) {
      this.textStart = from;
      this.textEnd = Math.min(this.end, from + TEXT_WINDOW);
      this.text = this.data.toString("latin1", this.textStart, this.textEnd);
    }
    return this.text.slice(from - this.textStart, to - this.textStart);
  }

  private forgetText(): void {
    this.text = "";
    this.textStart = this.textEnd = 0;
  }

  /** Room for `more` bytes after `end`, moving the unparsed bytes to the front or growing. */
  private reserve(more: number): void {
    if (this.end + more <= this.data.length) return;
    const live = this.buffered;
    const needed = live + more;
    const target = needed <= this.data.length ? this.data : Buffer.allocUnsafe(Math.max(needed, this.data.length * 2));
    this.data.copy(target, 0, this.start, this.end);
    this.data = target;
    this.forgetText();
    this.start = 0;
    this.end = live;
  }

  /** Once everything is parsed, start again at the front, and give back a buffer a big argument grew. */
  private compact(): void {
    if (this.start !== this.end) return;
    this.start = this.end = 0;
    this.forgetText();
    if (this.data.length > SHRINK_ABOVE) this.data = Buffer.allocUnsafe(PROTO_IOBUF_LEN);
  }
}
