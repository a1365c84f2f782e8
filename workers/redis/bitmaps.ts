// Bit operations on strings (bitops.c): SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP. Strings are
// byte strings (one char per byte), so bytes are char codes.
import { lookupRead, lookupWrite, readString, touched } from "./access.ts";
import { intArg, is } from "./args.ts";
import { KEY1, cmd, type CommandSpec } from "./command.ts";
import { limit } from "./config.ts";
import type { Connection } from "./connection.ts";
import { NOTIFY, notify } from "./notify.ts";
import { parseLL } from "./numbers.ts";
import { ErrorReply, SYNTAX, WRONGTYPE, fail, type Reply } from "./reply.ts";

const BAD_OFFSET = new ErrorReply("ERR bit offset is not an integer or out of range");
const BAD_BIT = new ErrorReply("ERR bit is not an integer or out of range");

/** getBitOffsetFromArgument (without the "#" form, which only BITFIELD takes). */
function bitOffset(s: string): number {
  const v = parseLL(s);
  if (v === undefined || v < 0n || v >> 3n >= BigInt(limit("proto-max-bulk-len"))) fail(BAD_OFFSET);
  return Number(v);
}

function setbit(c: Connection, argv: string[]): Reply {
  const offset = bitOffset(argv[2]);
  const on = intArg(argv[3], "bit is not an integer or out of range");
  if (on !== 0 && on !== 1) return BAD_BIT;
  const key = argv[1];
  const e = lookupWrite(c, key);
  if (e !== undefined && e.type !== "string") return WRONGTYPE;
  const byte = offset >> 3;
  let s = e === undefined ? "" : (e.value as string);
  let dirty = e === undefined;
  if (s.length < byte + 1) {
    s += "\0".repeat(byte + 1 - s.length);
    dirty = true;
  }
  const bit = 7 - (offset & 7);
  const byteval = s.charCodeAt(byte);
  const bitval = (byteval >> bit) & 1;
  if (dirty || bitval !== on) {
    const next = (byteval & ~(1 << bit)) | (on << bit);
    s = s.slice(0, byte) + String.fromCharCode(next) + s.slice(byte + 1);
    if (e === undefined) c.db.add(key, "string", s).enc = "raw";
    else {
      e.value = s;
      e.enc = "raw";
    }
    touched(c, key);
    notify(c, NOTIFY.string, "setbit", key);
  } else if (e !== undefined) e.enc = "raw";
  return bitval;
}

function getbit(c: Connection, argv: string[]): Reply {
  const offset = bitOffset(argv[2]);
  const s = readString(c, argv[1]);
  if (s === undefined) return 0;
  const byte = offset >> 3;
  if (byte >= s.length) return 0;
  return (s.charCodeAt(byte) >> (7 - (offset & 7))) & 1;
}

function popcount(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i <= to; i++) {
    let b = s.charCodeAt(i);
    while (b) {
      n += b & 1;
      b >>= 1;
    }
  }
  return n;
}

function popcountByte(b: number): number {
  let n = 0;
  for (; b; b >>= 1) n += b & 1;
  return n;
}

/** The optional BYTE | BIT unit. */
function unitArg(s: string): boolean {
  if (is(s, "bit")) return true;
  if (is(s, "byte")) return false;
  fail(SYNTAX);
}

/**
 * BITCOUNT and BITPOS ranges as bitops.c clamps them: negative offsets count from the end, both
 * ends are kept inside [0, total); a BIT range becomes bytes plus masks for the partial bytes.
 */
function byteRange(start: number, end: number, total: number, isbit: boolean): { start: number; end: number; firstMask: number; lastMask: number } {
  if (start < 0) start = total + start;
  if (end < 0) end = total + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= total) end = total - 1;
  if (!isbit || start > end) return { start, end, firstMask: 0, lastMask: 0 };
  return {
    start: Math.floor(start / 8),
    end: Math.floor(end / 8),
    firstMask: ~((1 << (8 - (start & 7))) - 1) & 0xff,
    lastMask: (1 << (7 - (end & 7))) - 1,
  };
}

function bitcount(c: Connection, argv: string[]): Reply {
  const s = readString(c, argv[1]);
  if (s === undefined) return 0;
  const strlen = s.length;
  let start: number, end: number;
  let firstMask = 0,
    lastMask = 0;
  if (argv.length === 4 || argv.length === 5) {
    start = intArg(argv[2]);
    end = intArg(argv[3]);
    if (start < 0 && end < 0 && start > end) return 0;
    const isbit = argv.length === 5 ? unitArg(argv[4]) : false;
    ({ start, end, firstMask, lastMask } = byteRange(start, end, isbit ? strlen * 8 : strlen, isbit));
  } else if (argv.length === 2) {
    start = 0;
    end = strlen - 1;
  } else return SYNTAX;
  if (start > end) return 0;
  let count = popcount(s, start, end);
  if (firstMask) count -= popcountByte(s.charCodeAt(start) & firstMask);
  if (lastMask) count -= popcountByte(s.charCodeAt(end) & lastMask);
  return count;
}

/** redisBitpos over bytes[from, from+count): the first bit equal to `bit`; for 0 past all ones, count*8; for 1 none, -1. */
function bitposBytes(bytes: number[], bit: number): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if ((bit === 1 && b !== 0) || (bit === 0 && b !== 0xff)) {
      for (let k = 7; k >= 0; k--) if (((b >> k) & 1) === bit) return i * 8 + (7 - k);
    }
  }
  return bit === 1 ? -1 : bytes.length * 8;
}

function bitpos(c: Connection, argv: string[]): Reply {
  const bit = intArg(argv[2]);
  if (bit !== 0 && bit !== 1) return new ErrorReply("ERR The bit argument must be 1 or 0.");
  const e = lookupRead(c, argv[1]);
  if (e === undefined) return bit ? -1 : 0;
  if (e.type !== "string") return WRONGTYPE;
  const s = e.value as string;
  const strlen = s.length;
  let start: number, end: number;
  let endGiven = false;
  let firstMask = 0,
    lastMask = 0;
  if (argv.length >= 4 && argv.length <= 6) {
    start = intArg(argv[3]);
    const isbit = argv.length === 6 ? unitArg(argv[5]) : false;
    if (argv.length >= 5) {
      end = intArg(argv[4]);
      endGiven = true;
    } else end = isbit ? strlen * 8 + 7 : strlen - 1;
    ({ start, end, firstMask, lastMask } = byteRange(start, end, isbit ? strlen * 8 : strlen, isbit));
  } else if (argv.length === 3) {
    start = 0;
    end = strlen - 1;
  } else return SYNTAX;
  if (start > end) return -1;
  let bytes = end - start + 1;
  const at = (i: number) => s.charCodeAt(i);
  // The first byte (masked), the whole bytes between, the last byte (masked), as bitops.c walks them.
  const search = (): number => {
    let pos: number;
    if (firstMask) {
      let t = bit ? at(start) & ~firstMask & 0xff : at(start) | firstMask;
      if (lastMask && bytes === 1) t = bit ? t & ~lastMask & 0xff : t | lastMask;
      pos = bitposBytes([t], bit);
      if (bytes === 1 || (pos !== -1 && pos !== 8)) return pos;
      start++;
      bytes--;
    }
    const cur = bytes - (lastMask ? 1 : 0);
    if (cur > 0) {
      const chunk: number[] = [];
      for (let i = 0; i < cur; i++) chunk.push(at(start + i));
      pos = bitposBytes(chunk, bit);
      if (bytes === cur || (pos !== -1 && pos !== cur * 8)) return pos;
      start += cur;
      bytes -= cur;
    }
    return bitposBytes([bit ? at(end) & ~lastMask & 0xff : at(end) | lastMask], bit);
  };
  let pos = search();
  if (endGiven && bit === 0 && pos === bytes * 8) return -1;
  if (pos !== -1) pos += start * 8;
  return pos;
}

function bitop(c: Connection, argv: string[]): Reply {
  const op = argv[1].toLowerCase();
  if (op !== "and" && op !== "or" && op !== "xor" && op !== "not") return SYNTAX;
  if (op === "not" && argv.length !== 4) return new ErrorReply("ERR BITOP NOT must be called with a single source key.");
  const srcs: string[] = [];
  for (let j = 3; j < argv.length; j++) {
    const e = lookupRead(c, argv[j]);
    if (e !== undefined && e.type !== "string") return WRONGTYPE;
    srcs.push(e === undefined ? "" : (e.value as string));
  }
  const maxlen = Math.max(...srcs.map((s) => s.length));
  const dst = argv[2];
  if (maxlen > 0) {
    let out = "";
    for (let i = 0; i < maxlen; i++) {
      let b = i < srcs[0].length ? srcs[0].charCodeAt(i) : 0;
      if (op === "not") b = ~b & 0xff;
      for (let j = 1; j < srcs.length; j++) {
        const x = i < srcs[j].length ? srcs[j].charCodeAt(i) : 0;
        if (op === "and") b &= x;
        else if (op === "or") b |= x;
        else b ^= x;
      }
      out += String.fromCharCode(b);
    }
    c.db.set(dst, "string", out).enc = "raw";
    touched(c, dst);
    notify(c, NOTIFY.string, "set", dst);
  } else if (c.db.delete(dst)) {
    touched(c, dst);
    notify(c, NOTIFY.generic, "del", dst);
  }
  return maxlen;
}

export const bitmapCommands: CommandSpec[] = [
  cmd("setbit", 4, "write", KEY1, setbit),
  cmd("getbit", 3, "readonly", KEY1, getbit),
  cmd("bitcount", -2, "readonly", KEY1, bitcount),
  cmd("bitpos", -3, "readonly", KEY1, bitpos),
  cmd("bitop", -4, "write", [2, -1, 1], bitop),
];
