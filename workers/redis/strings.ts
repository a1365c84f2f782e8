// String commands (t_string.c): GET/SET and their variants, counters, ranges.
import { lookupRead, lookupWrite, readString, touched, writeTyped } from "./access.ts";
import { bigArg, intArg, is, longDoubleArg } from "./args.ts";
import { KEY1, cmd, type CommandSpec } from "./command.ts";
import { limit } from "./config.ts";
import { NOTIFY, notify } from "./notify.ts";
import type { Connection } from "./connection.ts";
import { addLD, formatLongDoubleHuman, longDoubleFromBigInt, parseLongDouble } from "./longdouble.ts";
import { LLONG_MAX, LLONG_MIN, parseLL } from "./numbers.ts";
import {
  ErrorReply,
  NOT_FLOAT,
  NOT_INTEGER,
  OK,
  OVERFLOW,
  SYNTAX,
  WRONGTYPE,
  fail,
  type Reply,
} from "./reply.ts";


// SET / GETEX option flags (OBJ_SET_* in server.h).
const NX = 1,
  XX = 2,
  GET = 4,
  KEEPTTL = 8,
  PERSIST = 16,
  EX = 32,
  PX = 64,
  EXAT = 128,
  PXAT = 256;
const ANY_EXPIRE = EX | PX | EXAT | PXAT;

interface SetOptions {
  flags: number;
  expire: string | undefined;
}

/** parseExtendedStringArgumentsOrReply: SET's (from argv[3]) or GETEX's (from argv[2]) options. */
function parseSetOptions(argv: string[], forSet: boolean): SetOptions {
  let flags = 0;
  let expire: string | undefined;
  for (let j = forSet ? 3 : 2; j < argv.length; j++) {
    const opt = argv[j];
    const hasNext = j < argv.length - 1;
    if (forSet && is(opt, "nx") && !(flags & XX)) flags |= NX;
    else if (forSet && is(opt, "xx") && !(flags & NX)) flags |= XX;
    else if (forSet && is(opt, "get")) flags |= GET;
    else if (forSet && is(opt, "keepttl") && !(flags & (PERSIST | ANY_EXPIRE))) flags |= KEEPTTL;
    else if (!forSet && is(opt, "persist") && !(flags & (ANY_EXPIRE | KEEPTTL))) flags |= PERSIST;
    else if (is(opt, "ex") && !(flags & (KEEPTTL | PERSIST | EXAT | PX | PXAT)) && hasNext) {
      flags |= EX;
      expire = argv[++j];
    } else if (is(opt, "px") && !(flags & (KEEPTTL | PERSIST | EX | EXAT | PXAT)) && hasNext) {
      flags |= PX;
      expire = argv[++j];
    } else if (is(opt, "exat") && !(flags & (KEEPTTL | PERSIST | EX | PX | PXAT)) && hasNext) {
      flags |= EXAT;
      expire = argv[++j];
    } else if (is(opt, "pxat") && !(flags & (KEEPTTL | PERSIST | EX | EXAT | PX)) && hasNext) {
      flags |= PXAT;
      expire = argv[++j];
    } else fail(SYNTAX);
  }
  return { flags, expire };
}

function invalidExpire(c: Connection, argv: string[]): ErrorReply {
  void c;
  return new ErrorReply(`ERR invalid expire time in '${argv[0].toLowerCase()}' command`);
}

/** getExpireMillisecondsOrReply: the absolute expiry in ms. */
function expireMillis(c: Connection, argv: string[], expire: string, flags: number): number {
  let ms = bigArg(expire);
  const seconds = (flags & (EX | EXAT)) !== 0;
  if (ms <= 0n || (seconds && ms > LLONG_MAX / 1000n)) fail(invalidExpire(c, argv));
  if (seconds) ms *= 1000n;
  if (flags & (EX | PX)) ms += BigInt(c.server.time());
  if (ms > LLONG_MAX || ms <= 0n) fail(invalidExpire(c, argv));
  return Number(ms);
}

/** getGenericCommand's reply: the string, nil, or WRONGTYPE. */
function getReply(c: Connection, key: string): Reply {
  const v = readString(c, key);
  return v === undefined ? null : v;
}

/** setGenericCommand. */
function setGeneric(
  c: Connection,
  argv: string[],
  key: string,
  value: string,
  flags: number,
  expire: string | undefined,
  okReply: Reply,
  abortReply: Reply,
): Reply {
  let when = 0;
  if (expire !== undefined) when = expireMillis(c, argv, expire, flags);
  let old: Reply = null;
  if (flags & GET) old = getReply(c, key);
  const db = c.db;
  const e = lookupWrite(c, key);
  if (((flags & NX) && e !== undefined) || ((flags & XX) && e === undefined)) return flags & GET ? old : abortReply;
  const entry = db.set(key, "string", value, (flags & KEEPTTL) !== 0);
  touched(c, key);
  notify(c, NOTIFY.string, "set", key);
  if (expire !== undefined) {
    db.setExpire(entry, when);
    notify(c, NOTIFY.generic, "expire", key);
  }
  return flags & GET ? old : okReply;
}

function set(c: Connection, argv: string[]): Reply {
  if (argv.length === 3) {
    // The hot path: no options.
    const key = argv[1];
    const e = lookupWrite(c, key);
    if (e === undefined) c.db.add(key, "string", argv[2]);
    else c.db.overwrite(e, "string", argv[2], false);
    touched(c, key);
    notify(c, NOTIFY.string, "set", key);
    return OK;
  }
  const { flags, expire } = parseSetOptions(argv, true);
  return setGeneric(c, argv, argv[1], argv[2], flags, expire, OK, null);
}

function get(c: Connection, argv: string[]): Reply {
  // The hot path: inline lookupKeyRead + checkType.
  const e = lookupRead(c, argv[1]);
  if (e === undefined) return null;
  if (e.type !== "string") return WRONGTYPE;
  return e.value as string;
}

function setnx(c: Connection, argv: string[]): Reply {
  return setGeneric(c, argv, argv[1], argv[2], NX, undefined, 1, 0);
}

function setex(c: Connection, argv: string[]): Reply {
  return setGeneric(c, argv, argv[1], argv[3], EX, argv[2], OK, null);
}

function psetex(c: Connection, argv: string[]): Reply {
  return setGeneric(c, argv, argv[1], argv[3], PX, argv[2], OK, null);
}

function getex(c: Connection, argv: string[]): Reply {
  const { flags, expire } = parseSetOptions(argv, false);
  const key = argv[1];
  const e = lookupRead(c, key);
  if (e === undefined) return null;
  if (e.type !== "string") return WRONGTYPE;
  let when = 0;
  if (expire !== undefined) when = expireMillis(c, argv, expire, flags);
  const value = e.value as string;
  const db = c.db;
  if (flags & (EXAT | PXAT) && when <= c.server.time()) {
    db.delete(key);
    touched(c, key);
    notify(c, NOTIFY.generic, "del", key);
  } else if (expire !== undefined) {
    db.setExpire(e, when);
    touched(c, key);
    notify(c, NOTIFY.generic, "expire", key);
  } else if (flags & PERSIST) {
    if (db.removeExpire(e)) {
      touched(c, key);
      notify(c, NOTIFY.generic, "persist", key);
    }
  }
  return value;
}

function getdel(c: Connection, argv: string[]): Reply {
  const v = readString(c, argv[1]);
  if (v === undefined) return null;
  c.db.delete(argv[1]);
  touched(c, argv[1]);
  notify(c, NOTIFY.generic, "del", argv[1]);
  return v;
}

function getset(c: Connection, argv: string[]): Reply {
  const old = getReply(c, argv[1]);
  c.db.set(argv[1], "string", argv[2]);
  touched(c, argv[1]);
  notify(c, NOTIFY.string, "set", argv[1]);
  return old;
}

function mget(c: Connection, argv: string[]): Reply {
  const out: Reply[] = [];
  for (let i = 1; i < argv.length; i++) {
    const e = lookupRead(c, argv[i]);
    out.push(e !== undefined && e.type === "string" ? (e.value as string) : null);
  }
  return out;
}

function msetGeneric(c: Connection, argv: string[], nx: boolean): Reply {
  if (argv.length % 2 === 0) return new ErrorReply(`ERR wrong number of arguments for '${argv[0].toLowerCase()}' command`);
  if (nx) {
    for (let i = 1; i < argv.length; i += 2) if (lookupWrite(c, argv[i]) !== undefined) return 0;
  }
  for (let i = 1; i < argv.length; i += 2) {
    c.db.set(argv[i], "string", argv[i + 1]);
    touched(c, argv[i]);
    notify(c, NOTIFY.string, "set", argv[i]);
  }
  return nx ? 1 : OK;
}

/** incrDecrCommand: the stored value must be a strict 64-bit integer; the TTL stays. */
function incrDecr(c: Connection, key: string, incr: bigint): Reply {
  const e = writeTyped(c, key, "string");
  let value = 0n;
  if (e !== undefined) {
    const v = parseLL(e.value as string);
    if (v === undefined) return NOT_INTEGER;
    value = v;
  }
  if ((incr < 0n && value < 0n && incr < LLONG_MIN - value) || (incr > 0n && value > 0n && incr > LLONG_MAX - value)) return OVERFLOW;
  value += incr;
  const s = value.toString();
  if (e !== undefined) {
    e.value = s;
    e.enc = "";
  } else c.db.add(key, "string", s);
  touched(c, key);
  notify(c, NOTIFY.string, "incrby", key);
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
}

function incrbyfloat(c: Connection, argv: string[]): Reply {
  const key = argv[1];
  const e = writeTyped(c, key, "string");
  // getLongDoubleFromObject: a missing key is 0, an int-encoded value is cast; only strings go through strtold.
  const stored = e?.value as string | undefined;
  const value =
    stored === undefined ? longDoubleFromBigInt(0n) : e!.enc === "" && stored.length <= 20 && parseLL(stored) !== undefined ? longDoubleFromBigInt(parseLL(stored)!) : parseLongDouble(stored);
  if (value === undefined) return NOT_FLOAT;
  const incr = longDoubleArg(argv[2]);
  const sum = addLD(value, incr);
  if (sum.kind !== "finite") return new ErrorReply("ERR increment would produce NaN or Infinity");
  const s = formatLongDoubleHuman(sum);
  // createStringObjectFromLongDouble: never int-encoded.
  const enc = s.length <= 44 ? "embstr" : "raw";
  if (e !== undefined) {
    e.value = s;
    e.enc = enc;
  } else c.db.add(key, "string", s).enc = enc;
  touched(c, key);
  notify(c, NOTIFY.string, "incrbyfloat", key);
  return s;
}

function checkStringLength(size: number): void {
  if (size > limit("proto-max-bulk-len")) fail(new ErrorReply("ERR string exceeds maximum allowed size (proto-max-bulk-len)"));
}

function append(c: Connection, argv: string[]): Reply {
  const key = argv[1];
  const e = writeTyped(c, key, "string");
  let len: number;
  if (e === undefined) {
    c.db.add(key, "string", argv[2]);
    len = argv[2].length;
  } else {
    const cur = e.value as string;
    checkStringLength(cur.length + argv[2].length);
    e.value = cur + argv[2];
    e.enc = "raw";
    len = cur.length + argv[2].length;
  }
  touched(c, key);
  notify(c, NOTIFY.string, "append", key);
  return len;
}

function strlen(c: Connection, argv: string[]): Reply {
  const v = readString(c, argv[1]);
  return v === undefined ? 0 : v.length;
}

function getrange(c: Connection, argv: string[]): Reply {
  let start = intArg(argv[2]);
  let end = intArg(argv[3]);
  const s = readString(c, argv[1]);
  if (s === undefined) return "";
  const n = s.length;
  if (start < 0 && end < 0 && start > end) return "";
  if (start < 0) start = n + start;
  if (end < 0) end = n + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= n) end = n - 1;
  if (start > end || n === 0) return "";
  return s.slice(start, end + 1);
}

function setrange(c: Connection, argv: string[]): Reply {
  const key = argv[1];
  const offset = intArg(argv[2]);
  const value = argv[3];
  if (offset < 0) return new ErrorReply("ERR offset is out of range");
  const e = writeTyped(c, key, "string");
  let cur: string;
  if (e === undefined) {
    if (value.length === 0) return 0;
    checkStringLength(offset + value.length);
    cur = "";
  } else {
    cur = e.value as string;
    if (value.length === 0) return cur.length;
    checkStringLength(offset + value.length);
  }
  if (cur.length < offset) cur += "\0".repeat(offset - cur.length);
  const next = cur.slice(0, offset) + value + cur.slice(offset + value.length);
  if (e === undefined) c.db.add(key, "string", next).enc = "raw";
  else {
    e.value = next;
    e.enc = "raw";
  }
  touched(c, key);
  notify(c, NOTIFY.string, "setrange", key);
  return next.length;
}

export const stringCommands: CommandSpec[] = [
  cmd("get", 2, "readonly", KEY1, get),
  cmd("set", -3, "write", KEY1, set),
  cmd("setnx", 3, "write", KEY1, setnx),
  cmd("setex", 4, "write", KEY1, setex),
  cmd("psetex", 4, "write", KEY1, psetex),
  cmd("getex", -2, "write", KEY1, getex),
  cmd("getdel", 2, "write", KEY1, getdel),
  cmd("getset", 3, "write", KEY1, getset),
  cmd("mget", -2, "readonly", [1, -1, 1], mget),
  cmd("mset", -3, "write", [1, -1, 2], (c, a) => msetGeneric(c, a, false)),
  cmd("msetnx", -3, "write", [1, -1, 2], (c, a) => msetGeneric(c, a, true)),
  cmd("incr", 2, "write", KEY1, (c, a) => incrDecr(c, a[1], 1n)),
  cmd("decr", 2, "write", KEY1, (c, a) => incrDecr(c, a[1], -1n)),
  cmd("incrby", 3, "write", KEY1, (c, a) => incrDecr(c, a[1], bigArg(a[2]))),
  cmd("decrby", 3, "write", KEY1, (c, a) => {
    const incr = bigArg(a[2]);
    if (incr === LLONG_MIN) return new ErrorReply("ERR decrement would overflow");
    return incrDecr(c, a[1], -incr);
  }),
  cmd("incrbyfloat", 3, "write", KEY1, incrbyfloat),
  cmd("append", 3, "write", KEY1, append),
  cmd("strlen", 2, "readonly", KEY1, strlen),
  cmd("getrange", 4, "readonly", KEY1, getrange),
  cmd("substr", 4, "readonly", KEY1, getrange),
  cmd("setrange", 4, "write", KEY1, setrange),
];
