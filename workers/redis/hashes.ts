// Hash commands (t_hash.c). Fields keep insertion order, as a listpack-encoded hash does.
import { readHash, touched, writeTyped } from "./access.ts";
import { bigArg, countArg, is, longDoubleArg } from "./args.ts";
import { KEY1, cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { scanCursor, scanOptions } from "./keys.ts";
import { globMatch } from "./glob.ts";
import { isHashtable, noteHashWrite } from "./hash-store.ts";
import { addLD, formatLongDoubleHuman, longDoubleFromBigInt, parseLongDouble } from "./longdouble.ts";
import { NOTIFY, notify } from "./notify.ts";
import { LLONG_MAX, LLONG_MIN, parseLL } from "./numbers.ts";
import { ErrorReply, OK, OVERFLOW, SYNTAX, type Reply } from "./reply.ts";

type Hash = Map<string, string>;

/** hashTypeLookupWriteOrCreate: the hash under key, created (and added) when missing. */
function hashForWrite(c: Connection, key: string): Hash {
  const e = writeTyped(c, key, "hash");
  if (e !== undefined) return e.value as Hash;
  const h: Hash = new Map();
  c.db.add(key, "hash", h);
  return h;
}

function hsetGeneric(c: Connection, argv: string[], hmset: boolean): Reply {
  if (argv.length % 2 === 1) return new ErrorReply(`ERR wrong number of arguments for '${argv[0].toLowerCase()}' command`);
  const h = hashForWrite(c, argv[1]);
  let created = 0;
  for (let i = 2; i < argv.length; i += 2) {
    if (!h.has(argv[i])) created++;
    h.set(argv[i], argv[i + 1]);
  }
  noteHashWrite(h, ...argv.slice(2));
  touched(c, argv[1]);
  notify(c, NOTIFY.hash, "hset", argv[1]);
  return hmset ? OK : created;
}

function hsetnx(c: Connection, argv: string[]): Reply {
  const h = hashForWrite(c, argv[1]);
  if (h.has(argv[2])) return 0;
  h.set(argv[2], argv[3]);
  noteHashWrite(h, argv[2], argv[3]);
  touched(c, argv[1]);
  notify(c, NOTIFY.hash, "hset", argv[1]);
  return 1;
}

function hget(c: Connection, argv: string[]): Reply {
  return readHash(c, argv[1])?.get(argv[2]) ?? null;
}

function hmget(c: Connection, argv: string[]): Reply {
  const h = readHash(c, argv[1]);
  const out: Reply[] = [];
  for (let i = 2; i < argv.length; i++) out.push(h?.get(argv[i]) ?? null);
  return out;
}

function hdel(c: Connection, argv: string[]): Reply {
  const e = writeTyped(c, argv[1], "hash");
  if (e === undefined) return 0;
  const h = e.value as Hash;
  let n = 0;
  let deleted = false;
  for (let i = 2; i < argv.length; i++) {
    if (h.delete(argv[i])) n++;
    if (h.size === 0) {
      c.db.delete(argv[1]);
      deleted = true;
      break;
    }
  }
  if (n > 0) {
    touched(c, argv[1]);
    notify(c, NOTIFY.hash, "hdel", argv[1]);
    if (deleted) notify(c, NOTIFY.generic, "del", argv[1]);
  }
  return n;
}

function hgetall(c: Connection, argv: string[], keys: boolean, values: boolean): Reply {
  const h = readHash(c, argv[1]);
  const out: Reply[] = [];
  if (h === undefined) return out;
  for (const [f, v] of h) {
    if (keys) out.push(f);
    if (values) out.push(v);
  }
  return out;
}

function hincrby(c: Connection, argv: string[]): Reply {
  const incr = bigArg(argv[3]);
  const h = hashForWrite(c, argv[1]);
  let value = 0n;
  const cur = h.get(argv[2]);
  if (cur !== undefined) {
    const v = parseLL(cur);
    if (v === undefined) return new ErrorReply("ERR hash value is not an integer");
    value = v;
  }
  if ((incr < 0n && value < 0n && incr < LLONG_MIN - value) || (incr > 0n && value > 0n && incr > LLONG_MAX - value)) return OVERFLOW;
  value += incr;
  h.set(argv[2], value.toString());
  noteHashWrite(h, argv[2]);
  touched(c, argv[1]);
  notify(c, NOTIFY.hash, "hincrby", argv[1]);
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
}

function hincrbyfloat(c: Connection, argv: string[]): Reply {
  const incr = longDoubleArg(argv[3]);
  if (incr.kind !== "finite") return new ErrorReply("ERR value is NaN or Infinity");
  const h = hashForWrite(c, argv[1]);
  const cur = h.get(argv[2]);
  let value = longDoubleFromBigInt(0n);
  if (cur !== undefined) {
    // A listpack keeps integer-looking values as integers, read without strtold.
    const asInt = isHashtable(h) ? undefined : parseLL(cur);
    const v = asInt !== undefined ? longDoubleFromBigInt(asInt) : parseLongDouble(cur);
    if (v === undefined) return new ErrorReply("ERR hash value is not a float");
    value = v;
  }
  const sum = addLD(value, incr);
  if (sum.kind !== "finite") return new ErrorReply("ERR increment would produce NaN or Infinity");
  const s = formatLongDoubleHuman(sum);
  h.set(argv[2], s);
  noteHashWrite(h, argv[2], s);
  touched(c, argv[1]);
  notify(c, NOTIFY.hash, "hincrbyfloat", argv[1]);
  return s;
}

function hrandfield(c: Connection, argv: string[]): Reply {
  let count: number | undefined;
  let withValues = false;
  if (argv.length >= 3) {
    count = countArg(argv[2]);
    if (argv.length > 4 || (argv.length === 4 && !is(argv[3], "withvalues"))) return SYNTAX;
    withValues = argv.length === 4;
    if (withValues) count = countArg(argv[2], true);
  }
  const h = readHash(c, argv[1]);
  if (count === undefined) {
    if (h === undefined) return null;
    const fields = [...h.keys()];
    return fields[c.server.prng.below(fields.length)];
  }
  if (h === undefined || count === 0) return [];
  const entries = [...h];
  const out: Reply[] = [];
  const push = (f: string, v: string) => {
    out.push(f);
    if (withValues) out.push(v);
  };
  if (count < 0) {
    for (let i = 0; i < -count; i++) {
      const [f, v] = entries[c.server.prng.below(entries.length)];
      push(f, v);
    }
    return out;
  }
  if (count >= entries.length) {
    for (const [f, v] of entries) push(f, v);
    return out;
  }
  const pool = entries.slice();
  for (let i = 0; i < count; i++) {
    const j = i + c.server.prng.below(pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
    push(pool[i][0], pool[i][1]);
  }
  return out;
}

function hscan(c: Connection, argv: string[]): Reply {
  scanCursor(argv[2]);
  const o = scanOptions(argv, 3, false);
  const h = readHash(c, argv[1]);
  const out: Reply[] = [];
  if (h !== undefined) {
    for (const [f, v] of h) {
      if (o.pattern !== null && !globMatch(o.pattern, f)) continue;
      out.push(f, v);
    }
  }
  return ["0", out];
}

export const hashCommands: CommandSpec[] = [
  cmd("hset", -4, "write", KEY1, (c, a) => hsetGeneric(c, a, false)),
  cmd("hmset", -4, "write", KEY1, (c, a) => hsetGeneric(c, a, true)),
  cmd("hsetnx", 4, "write", KEY1, hsetnx),
  cmd("hget", 3, "readonly", KEY1, hget),
  cmd("hmget", -3, "readonly", KEY1, hmget),
  cmd("hdel", -3, "write", KEY1, hdel),
  cmd("hlen", 2, "readonly", KEY1, (c, a) => readHash(c, a[1])?.size ?? 0),
  cmd("hstrlen", 3, "readonly", KEY1, (c, a) => readHash(c, a[1])?.get(a[2])?.length ?? 0),
  cmd("hexists", 3, "readonly", KEY1, (c, a) => (readHash(c, a[1])?.has(a[2]) ? 1 : 0)),
  cmd("hgetall", 2, "readonly", KEY1, (c, a) => hgetall(c, a, true, true)),
  cmd("hkeys", 2, "readonly", KEY1, (c, a) => hgetall(c, a, true, false)),
  cmd("hvals", 2, "readonly", KEY1, (c, a) => hgetall(c, a, false, true)),
  cmd("hincrby", 4, "write", KEY1, hincrby),
  cmd("hincrbyfloat", 4, "write", KEY1, hincrbyfloat),
  cmd("hrandfield", -2, "readonly", KEY1, hrandfield),
  cmd("hscan", -3, "readonly", KEY1, hscan),
];

