// Generic key commands (db.c, expire.c): DEL, EXISTS, expiry, TYPE, RENAME, COPY, MOVE, KEYS,
// SCAN, RANDOMKEY, TOUCH, OBJECT.
import { lookupRead, lookupWrite, touched } from "./access.ts";
import { bigArg, intArg, is } from "./args.ts";
import { KEY1, NO_KEYS, cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { globMatch } from "./glob.ts";
import { cloneHash, isHashtable } from "./hash-store.ts";
import type { Db, Entry, Value } from "./keyspace.ts";
import { NOTIFY, notify } from "./notify.ts";
import { LLONG_MAX, LLONG_MIN, parseLL } from "./numbers.ts";
import { DB_OUT_OF_RANGE, ErrorReply, NOT_INTEGER, OK, SYNTAX, SimpleString, cstr, fail, type Reply } from "./reply.ts";
import { RSet } from "./set-store.ts";
import { ZSet } from "./zset-store.ts";
import { Stream } from "./stream-store.ts";
import { cloneStream } from "./stream-groups-store.ts";

const SAME_OBJECT = new ErrorReply("ERR source and destination objects are the same");

function del(c: Connection, argv: string[]): Reply {
  let n = 0;
  for (let i = 1; i < argv.length; i++) {
    lookupWrite(c, argv[i]); // expireIfNeeded
    if (c.db.delete(argv[i])) {
      touched(c, argv[i]);
      notify(c, NOTIFY.generic, "del", argv[i]);
      n++;
    }
  }
  return n;
}

function exists(c: Connection, argv: string[]): Reply {
  let n = 0;
  for (let i = 1; i < argv.length; i++) if (lookupRead(c, argv[i], false) !== undefined) n++;
  return n;
}

// EXPIRE flags
const ENX = 1,
  EXX = 2,
  EGT = 4,
  ELT = 8;

function expireFlags(argv: string[]): number {
  let flags = 0;
  for (let j = 3; j < argv.length; j++) {
    const o = argv[j];
    if (is(o, "nx")) flags |= ENX;
    else if (is(o, "xx")) flags |= EXX;
    else if (is(o, "gt")) flags |= EGT;
    else if (is(o, "lt")) flags |= ELT;
    else fail(new ErrorReply(`ERR Unsupported option ${cstr(o)}`));
  }
  if ((flags & ENX) && flags & (EXX | EGT | ELT)) fail("ERR NX and XX, GT or LT options at the same time are not compatible");
  if ((flags & EGT) && (flags & ELT)) fail("ERR GT and LT options at the same time are not compatible");
  return flags;
}

/** expireGenericCommand: basetime is now (EXPIRE, PEXPIRE) or 0 (EXPIREAT, PEXPIREAT). */
function expireGeneric(c: Connection, argv: string[], relative: boolean, seconds: boolean): Reply {
  const key = argv[1];
  const flags = expireFlags(argv);
  let when = bigArg(argv[2]);
  const invalid = () => new ErrorReply(`ERR invalid expire time in '${argv[0].toLowerCase()}' command`);
  if (seconds) {
    if (when > LLONG_MAX / 1000n || when < LLONG_MIN / 1000n) return invalid();
    when *= 1000n;
  }
  const base = relative ? BigInt(c.server.time()) : 0n;
  if (when > LLONG_MAX - base) return invalid();
  when += base;
  const e = lookupWrite(c, key);
  if (e === undefined) return 0;
  const whenMs = Number(when);
  if (flags) {
    const cur = e.expireAt === 0 ? -1 : e.expireAt;
    if (flags & ENX && cur !== -1) return 0;
    if (flags & EXX && cur === -1) return 0;
    if (flags & EGT && (whenMs <= cur || cur === -1)) return 0;
    if (flags & ELT && cur !== -1 && whenMs >= cur) return 0;
  }
  if (whenMs <= c.server.time()) {
    c.db.delete(key);
    touched(c, key);
    notify(c, NOTIFY.generic, "del", key);
    return 1;
  }
  c.db.setExpire(e, whenMs);
  touched(c, key);
  notify(c, NOTIFY.generic, "expire", key);
  return 1;
}

/**
 * TTL, PTTL, EXPIRETIME and PEXPIRETIME (expire.c ttlGenericCommand): the time left, or with
 * `absolute` the expiry itself; in seconds both round to the nearest second.
 */
function ttlGeneric(c: Connection, argv: string[], ms: boolean, absolute: boolean): Reply {
  const e = lookupRead(c, argv[1], false);
  if (e === undefined) return -2;
  if (e.expireAt === 0) return -1;
  const ttl = Math.max(0, absolute ? e.expireAt : e.expireAt - c.server.time());
  return ms ? ttl : Math.floor((ttl + 500) / 1000);
}

function persist(c: Connection, argv: string[]): Reply {
  const e = lookupWrite(c, argv[1]);
  if (e === undefined) return 0;
  if (!c.db.removeExpire(e)) return 0;
  touched(c, argv[1]);
  notify(c, NOTIFY.generic, "persist", argv[1]);
  return 1;
}

const TYPE_NAMES: Record<string, SimpleString> = {};
for (const t of ["none", "string", "list", "hash", "set", "zset", "stream"]) TYPE_NAMES[t] = new SimpleString(t);

function type(c: Connection, argv: string[]): Reply {
  const e = lookupRead(c, argv[1], false);
  return TYPE_NAMES[e === undefined ? "none" : e.type];
}

/** A deep copy of a value (COPY). */
export function cloneValue(v: Value): Value {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.slice();
  if (v instanceof Map) return cloneHash(v);
  if (v instanceof RSet) return v.clone();
  if (v instanceof Stream) return cloneStream(v);
  return (v as ZSet).clone();
}

function rename(c: Connection, argv: string[], nx: boolean): Reply {
  const [, src, dst] = argv;
  const e = lookupWrite(c, src);
  if (e === undefined) return new ErrorReply("ERR no such key");
  if (src === dst) return nx ? 0 : OK;
  const expire = e.expireAt;
  const db = c.db;
  if (lookupWrite(c, dst) !== undefined) {
    if (nx) return 0;
    db.delete(dst);
  }
  const moved = db.add(dst, e.type, e.value);
  moved.enc = e.enc;
  if (expire !== 0) db.setExpire(moved, expire);
  db.delete(src);
  touched(c, src);
  touched(c, dst);
  notify(c, NOTIFY.generic, "rename_from", src);
  notify(c, NOTIFY.generic, "rename_to", dst);
  return nx ? 1 : OK;
}

/** getIntFromObjectOrReply + selectDb's range check. */
export function dbIndex(c: Connection, arg: string): Db {
  const id = intArg(arg);
  if (id < -2147483648 || id > 2147483647) fail("ERR value is out of range");
  const db = c.server.dbs[id];
  if (db === undefined) fail(DB_OUT_OF_RANGE);
  return db;
}

function copy(c: Connection, argv: string[]): Reply {
  const src = c.db;
  let dst = c.db;
  let replace = false;
  for (let j = 3; j < argv.length; j++) {
    if (is(argv[j], "replace")) replace = true;
    else if (is(argv[j], "db") && argv.length - j - 1 >= 1) {
      dst = dbIndex(c, argv[++j]);
    } else return SYNTAX;
  }
  const [, key, newkey] = argv;
  if (src === dst && key === newkey) return SAME_OBJECT;
  const e = lookupRead(c, key);
  if (e === undefined) return 0;
  const expire = e.expireAt;
  let del = false;
  if (dst.lookup(newkey, c.server) !== undefined) {
    if (!replace) return 0;
    del = true;
  }
  if (del) dst.delete(newkey);
  const n = dst.add(newkey, e.type, cloneValue(e.value));
  n.enc = e.enc;
  if (expire !== 0) dst.setExpire(n, expire);
  dst.touch(newkey);
  notify(c, NOTIFY.generic, "copy_to", newkey, dst);
  return 1;
}

function move(c: Connection, argv: string[]): Reply {
  const src = c.db;
  const dst = dbIndex(c, argv[2]);
  if (src === dst) return SAME_OBJECT;
  const key = argv[1];
  const e = lookupWrite(c, key);
  if (e === undefined) return 0;
  if (dst.lookup(key, c.server) !== undefined) return 0;
  const n = dst.add(key, e.type, e.value);
  n.enc = e.enc;
  if (e.expireAt !== 0) dst.setExpire(n, e.expireAt);
  src.delete(key);
  src.touch(key);
  dst.touch(key);
  notify(c, NOTIFY.generic, "move_from", key, src);
  notify(c, NOTIFY.generic, "move_to", key, dst);
  return 1;
}

function keys(c: Connection, argv: string[]): Reply {
  const pattern = argv[1];
  const all = pattern === "*";
  const out: Reply[] = [];
  const now = c.server.time();
  for (const e of c.db.map.values()) {
    if (!all && !globMatch(pattern, e.key)) continue;
    if (e.expireAt !== 0 && e.expireAt < now) continue;
    out.push(e.key);
  }
  return out;
}

/** parseScanCursorOrReply: an unsigned 64-bit integer. */
export function scanCursor(s: string): number {
  if (/^[0-9]+$/.test(s) && s.length <= 20 && BigInt(s) <= 18446744073709551615n) return Number(s);
  const v = parseLL(s);
  if (v === undefined) fail("ERR invalid cursor");
  return Number(BigInt.asUintN(64, v));
}

export interface ScanOptions {
  count: number;
  pattern: string | null;
  type: string | null;
}

/** SCAN / HSCAN / SSCAN / ZSCAN options from argv[start]. */
export function scanOptions(argv: string[], start: number, allowType: boolean): ScanOptions {
  const o: ScanOptions = { count: 10, pattern: null, type: null };
  for (let i = start; i < argv.length; ) {
    const left = argv.length - i;
    if (is(argv[i], "count") && left >= 2) {
      const n = intArg(argv[i + 1]);
      if (n < 1) fail(SYNTAX);
      o.count = n;
      i += 2;
    } else if (is(argv[i], "match") && left >= 2) {
      o.pattern = argv[i + 1] === "*" ? null : argv[i + 1];
      i += 2;
    } else if (allowType && is(argv[i], "type") && left >= 2) {
      o.type = argv[i + 1];
      i += 2;
    } else fail(SYNTAX);
  }
  return o;
}

function scan(c: Connection, argv: string[]): Reply {
  const cursor = scanCursor(argv[1]);
  const o = scanOptions(argv, 2, true);
  const { entries, next } = c.db.scan(cursor, o.count);
  const out: Reply[] = [];
  for (const e of entries) {
    if (o.pattern !== null && !globMatch(o.pattern, e.key)) continue;
    if (c.db.lookup(e.key, c.server) === undefined) continue;
    if (o.type !== null && e.type !== o.type.toLowerCase()) continue;
    out.push(e.key);
  }
  return [String(next), out];
}

function randomkey(c: Connection): Reply {
  const db = c.db;
  for (let tries = 0; tries < 100 && db.size > 0; tries++) {
    const i = c.server.prng.below(db.size);
    let k = 0;
    for (const e of db.map.values()) {
      if (k++ === i) {
        if (db.lookup(e.key, c.server) !== undefined) return e.key;
        break;
      }
    }
  }
  return null;
}

function touch(c: Connection, argv: string[]): Reply {
  let n = 0;
  for (let i = 1; i < argv.length; i++) if (lookupRead(c, argv[i]) !== undefined) n++;
  return n;
}

/** OBJECT ENCODING as Redis 7.0 names the value's encoding (conversions are one-way, as there). */
export function encodingOf(e: Entry): string {
  const v = e.value;
  switch (e.type) {
    case "string": {
      const s = v as string;
      if (e.enc !== "") return e.enc;
      if (s.length <= 20 && parseLL(s) !== undefined) return "int";
      return s.length <= 44 ? "embstr" : "raw";
    }
    case "list":
      return "quicklist";
    case "hash":
      return isHashtable(v as Map<string, string>) ? "hashtable" : "listpack";
    case "set":
      return (v as RSet).intset ? "intset" : "hashtable";
    case "zset":
      return (v as ZSet).listpack ? "listpack" : "skiplist";
    case "stream":
      return "stream";
  }
}

/** OBJECT IDLETIME: seconds on Redis's LRU clock (whole seconds of unix time) since the key's last access. */
function idletime(c: Connection, e: Entry): Reply {
  if (c.server.config.value("maxmemory-policy").includes("lfu")) {
    return new ErrorReply(
      "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.",
    );
  }
  c.server.time(); // reads the clock, so the LRU clock is as fresh as a cron would keep it
  return Math.floor(c.server.lruClock / 1000) - Math.floor(e.lru / 1000);
}

function objectSub(name: string, run: (c: Connection, e: Entry) => Reply): CommandSpec {
  return cmd(name, 3, "readonly", [2, 2, 1], (c, argv) => {
    const e = c.db.lookup(argv[2], c.server);
    if (e === undefined) return null;
    return run(c, e);
  });
}

export const keyCommands: CommandSpec[] = [
  cmd("del", -2, "write", [1, -1, 1], del),
  cmd("unlink", -2, "write", [1, -1, 1], del),
  cmd("exists", -2, "readonly", [1, -1, 1], exists),
  cmd("expire", -3, "write", KEY1, (c, a) => expireGeneric(c, a, true, true)),
  cmd("pexpire", -3, "write", KEY1, (c, a) => expireGeneric(c, a, true, false)),
  cmd("expireat", -3, "write", KEY1, (c, a) => expireGeneric(c, a, false, true)),
  cmd("pexpireat", -3, "write", KEY1, (c, a) => expireGeneric(c, a, false, false)),
  cmd("ttl", 2, "readonly", KEY1, (c, a) => ttlGeneric(c, a, false, false)),
  cmd("pttl", 2, "readonly", KEY1, (c, a) => ttlGeneric(c, a, true, false)),
  cmd("expiretime", 2, "readonly", KEY1, (c, a) => ttlGeneric(c, a, false, true)),
  cmd("pexpiretime", 2, "readonly", KEY1, (c, a) => ttlGeneric(c, a, true, true)),
  cmd("persist", 2, "write", KEY1, persist),
  cmd("type", 2, "readonly", KEY1, type),
  cmd("rename", 3, "write", [1, 2, 1], (c, a) => rename(c, a, false)),
  cmd("renamenx", 3, "write", [1, 2, 1], (c, a) => rename(c, a, true)),
  cmd("copy", -3, "write", [1, 2, 1], copy),
  cmd("move", 3, "write", KEY1, move),
  cmd("keys", 2, "readonly", NO_KEYS, keys),
  cmd("scan", -2, "readonly", NO_KEYS, scan),
  cmd("randomkey", 1, "readonly", NO_KEYS, randomkey),
  cmd("touch", -2, "readonly", [1, -1, 1], touch),
  cmd("object", -2, "", NO_KEYS, () => NOT_INTEGER, [
    objectSub("encoding", (_c, e) => encodingOf(e)),
    // Integers 0..9999 stored by SET/INCR are Redis's shared objects (refcount INT_MAX).
    objectSub("refcount", (_c, e) => (e.type === "string" && encodingOf(e) === "int" && e.enc === "" && /^(0|[1-9][0-9]{0,3})$/.test(e.value as string) ? 2147483647 : 1)),
    objectSub("idletime", idletime),
    objectSub("freq", () => new ErrorReply("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.")),
  ]),
];
