// A seeded random command stream over a small key space: every family, wrong types, bad
// arguments, transactions. Used by the differential test against a real redis-server.
import { Prng } from "../../shared/prng.ts";

const KEYS = ["k1", "k2", "k3"];
const VALUES = ["0", "1", "abc", "1.5", "x y", "", " 7", "-0", "10", "-3", "9223372036854775807", "1e3", "100", "007", "3.0e3", "-1.5e-3", "inf", "1\u0000x", "\u0000", "a\r\nb"];
const INTS = ["0", "1", "-1", "2", "-3", "10", "100", "abc", "1.5", "", " 7", "-0", "9223372036854775807", "-9223372036854775808", "50", "3"];
const SCORES = ["0", "1", "1.5", "-3", "10", "-inf", "+inf", "inf", "abc", "", " 7", "1e3", "-0", "9223372036854775807", "0.1", "nan", "2", "1\u0000", "0x10", "1e400"];
const RANGES = ["-inf", "+inf", "(1", "0", "1.5", "(1.5", "abc", "", " 7", "10", "-3", "(", "(-inf", "2", "1\u0000x", "(0x1p1"];
const LEX = ["-", "+", "[a", "(a", "[m", "(n", "a", "[", "(", "[abc", "[x y"];
const MEMBERS = ["a", "b", "c", "m", "n", "abc", "1", "2", "-0", "0", "1.5", "x y", "10"];
const FIELDS = ["f", "g", "h"];
const SIDES = ["LEFT", "RIGHT", "left", "UP"];
const PATTERNS = ["*", "k*", "k?", "k[12]", "[^k]*", "\\k1", "x"];

type Gen = (r: Pick) => string[];

export class Pick {
  /**
   * Relative expiry times are unique (seconds from 1001 on, milliseconds from 5,000,001 on, apart
   * from the small fixed values), so GT/LT never compare two equal times set a few ms apart.
   */
  private serial = 0;
  constructor(readonly prng: Prng) {}
  ttl(base: number): string {
    return String(base + ++this.serial);
  }
  of<T>(xs: readonly T[]): T {
    return xs[this.prng.below(xs.length)];
  }
  chance(p: number): boolean {
    return this.prng.next() < p;
  }
  key(): string {
    return this.of(KEYS);
  }
  some(xs: readonly string[], min: number, max: number): string[] {
    const n = min + this.prng.below(max - min + 1);
    return Array.from({ length: n }, () => this.of(xs));
  }
  opts(choices: string[][], p = 0.3): string[] {
    const out: string[] = [];
    for (const c of choices) if (this.chance(p)) out.push(...c);
    return out;
  }
}

/** Commands whose reply order Redis leaves to its hash tables: compare as multisets. */
const UNORDERED = new Set(["smembers", "sinter", "sunion", "sdiff", "keys", "srandmember", "spop", "zrandmember", "hrandfield"]);

/**
 * Whether a command's reply order is Redis's hash-table order. SORT ... ALPHA BY a pattern that
 * finds nothing leaves ties in the order the set's hash table gave them.
 */
export function unorderedReply(args: string[]): boolean {
  const name = args[0].toLowerCase();
  if (UNORDERED.has(name)) return true;
  if (name === "scan" || name === "sscan" || name === "zscan" || name === "hscan") return true;
  if (name === "sort") {
    // Ties left in the set's hash order, or no sorting at all (BY a constant) on a set.
    const upper = args.map((a) => a.toUpperCase());
    return (upper.includes("ALPHA") && upper.includes("BY")) || upper.includes("NOSORT");
  }
  return false;
}

const v = (r: Pick) => r.of(VALUES);
const i = (r: Pick) => r.of(INTS);

const GENS: Gen[] = [
  // strings
  (r) => ["SET", r.key(), v(r), ...r.opts([["NX"], ["XX"], ["GET"], ["EX", r.ttl(1000)], ["PX", r.of(["100000", "0", "-5", "abc", "9223372036854775807"])], ["KEEPTTL"], ["EXAT", "99999999999"], ["EX", i(r)]], 0.15)],
  (r) => ["GET", r.key()],
  (r) => ["SETNX", r.key(), v(r)],
  (r) => ["SETEX", r.key(), i(r), v(r)],
  (r) => ["PSETEX", r.key(), r.of(["100000", "0", "-5", "abc"]), v(r)],
  (r) => ["GETEX", r.key(), ...r.opts([["PERSIST"], ["EX", r.ttl(1000)], ["PXAT", "1000"], ["EX", i(r)]], 0.3)],
  (r) => ["GETDEL", r.key()],
  (r) => ["GETSET", r.key(), v(r)],
  (r) => ["MGET", ...r.some(KEYS, 1, 3)],
  (r) => ["MSET", r.key(), v(r), ...(r.chance(0.8) ? [r.key(), v(r)] : [r.key()])],
  (r) => ["MSETNX", r.key(), v(r), r.key(), v(r)],
  (r) => ["INCR", r.key()],
  (r) => ["DECR", r.key()],
  (r) => ["INCRBY", r.key(), i(r)],
  (r) => ["DECRBY", r.key(), i(r)],
  (r) => ["INCRBYFLOAT", r.key(), r.of([...VALUES, "0.1", "-0.1", "1e-5", "2.5e17", "1.23456789012345678"])],
  (r) => ["APPEND", r.key(), v(r)],
  (r) => ["STRLEN", r.key()],
  (r) => ["GETRANGE", r.key(), i(r), i(r)],
  (r) => ["SETRANGE", r.key(), r.of(["0", "1", "3", "-1", "abc", "536870912"]), v(r)],
  // keys
  (r) => ["DEL", ...r.some(KEYS, 1, 3)],
  (r) => ["UNLINK", ...r.some(KEYS, 1, 2)],
  (r) => ["EXISTS", ...r.some(KEYS, 1, 3)],
  (r) => ["EXPIRE", r.key(), r.chance(0.7) ? r.ttl(1000) : r.of(["0", "-1", "abc", "1.5", "-0", "9223372036854775807"]), ...r.opts([["NX"], ["XX"], ["GT"], ["LT"], ["FOO"]], 0.15)],
  (r) => ["PEXPIRE", r.key(), r.chance(0.7) ? r.ttl(5_000_000) : r.of(["0", "abc"]), ...r.opts([["NX"], ["XX"], ["GT"], ["LT"]], 0.15)],
  (r) => ["EXPIREAT", r.key(), r.of(["1000", "0", "99999999999", "abc"])],
  (r) => ["PEXPIREAT", r.key(), r.of(["1000", "9999999999999"])],
  (r) => ["TTL", r.key()],
  (r) => ["PERSIST", r.key()],
  (r) => ["TYPE", r.key()],
  (r) => ["RENAME", r.key(), r.key()],
  (r) => ["RENAMENX", r.key(), r.key()],
  (r) => ["COPY", r.key(), r.key(), ...r.opts([["REPLACE"], ["DB", r.of(["0", "1", "99", "x"])]], 0.3)],
  (r) => ["MOVE", r.key(), r.of(["1", "0", "99", "abc"])],
  (r) => ["KEYS", r.of(PATTERNS)],
  () => ["DBSIZE"],
  (r) => ["TOUCH", ...r.some(KEYS, 1, 2)],
  // hashes
  (r) => ["HSET", r.key(), r.of(FIELDS), v(r), ...(r.chance(0.5) ? [r.of(FIELDS), v(r)] : r.chance(0.2) ? [r.of(FIELDS)] : [])],
  (r) => ["HSETNX", r.key(), r.of(FIELDS), v(r)],
  (r) => ["HGET", r.key(), r.of(FIELDS)],
  (r) => ["HMGET", r.key(), ...r.some(FIELDS, 1, 3)],
  (r) => ["HDEL", r.key(), ...r.some(FIELDS, 1, 2)],
  (r) => ["HLEN", r.key()],
  (r) => ["HSTRLEN", r.key(), r.of(FIELDS)],
  (r) => ["HEXISTS", r.key(), r.of(FIELDS)],
  (r) => ["HGETALL", r.key()],
  (r) => ["HKEYS", r.key()],
  (r) => ["HVALS", r.key()],
  (r) => ["HINCRBY", r.key(), r.of(FIELDS), i(r)],
  (r) => ["HINCRBYFLOAT", r.key(), r.of(FIELDS), r.of([...VALUES, "0.1", "-inf"])],
  // lists
  (r) => ["LPUSH", r.key(), ...r.some(VALUES, 1, 3)],
  (r) => ["RPUSH", r.key(), ...r.some(VALUES, 1, 3)],
  (r) => ["LPUSHX", r.key(), v(r)],
  (r) => ["RPUSHX", r.key(), v(r)],
  (r) => ["LPOP", r.key(), ...(r.chance(0.4) ? [i(r)] : [])],
  (r) => ["RPOP", r.key(), ...(r.chance(0.4) ? [i(r)] : [])],
  (r) => ["LLEN", r.key()],
  (r) => ["LINDEX", r.key(), i(r)],
  (r) => ["LSET", r.key(), i(r), v(r)],
  (r) => ["LRANGE", r.key(), i(r), i(r)],
  (r) => ["LRANGE", r.key(), "0", "-1"],
  (r) => ["LTRIM", r.key(), i(r), i(r)],
  (r) => ["LREM", r.key(), i(r), v(r)],
  (r) => ["LINSERT", r.key(), r.of(["BEFORE", "AFTER", "after", "MIDDLE"]), v(r), v(r)],
  (r) => ["LPOS", r.key(), v(r), ...r.opts([["RANK", i(r)], ["COUNT", i(r)], ["MAXLEN", i(r)]], 0.3)],
  (r) => ["RPOPLPUSH", r.key(), r.key()],
  (r) => ["LMOVE", r.key(), r.key(), r.of(SIDES), r.of(SIDES)],
  (r) => ["LMPOP", r.of(["1", "2", "0", "abc"]), r.key(), r.key(), r.of(SIDES), ...r.opts([["COUNT", i(r)]], 0.4)],
  (r) => ["BLPOP", r.key(), r.of(["abc", "-1"])],
  // sets
  (r) => ["SADD", r.key(), ...r.some(MEMBERS, 1, 3)],
  (r) => ["SREM", r.key(), ...r.some(MEMBERS, 1, 2)],
  (r) => ["SMEMBERS", r.key()],
  (r) => ["SISMEMBER", r.key(), r.of(MEMBERS)],
  (r) => ["SMISMEMBER", r.key(), ...r.some(MEMBERS, 1, 3)],
  (r) => ["SCARD", r.key()],
  (r) => ["SMOVE", r.key(), r.key(), r.of(MEMBERS)],
  (r) => ["SINTER", ...r.some(KEYS, 1, 3)],
  (r) => ["SUNION", ...r.some(KEYS, 1, 3)],
  (r) => ["SDIFF", ...r.some(KEYS, 1, 3)],
  (r) => ["SINTERSTORE", r.key(), ...r.some(KEYS, 1, 2)],
  (r) => ["SUNIONSTORE", r.key(), ...r.some(KEYS, 1, 2)],
  (r) => ["SDIFFSTORE", r.key(), ...r.some(KEYS, 1, 2)],
  (r) => ["SINTERCARD", r.of(["1", "2", "3", "0"]), ...r.some(KEYS, 1, 2), ...r.opts([["LIMIT", i(r)]], 0.3)],
  // sorted sets
  (r) => ["ZADD", r.key(), ...r.opts([["NX"], ["XX"], ["GT"], ["LT"], ["CH"], ["INCR"]], 0.12), ...r.some(SCORES, 1, 1), r.of(MEMBERS), ...(r.chance(0.4) ? [r.of(SCORES), r.of(MEMBERS)] : [])],
  (r) => ["ZINCRBY", r.key(), r.of(SCORES), r.of(MEMBERS)],
  (r) => ["ZSCORE", r.key(), r.of(MEMBERS)],
  (r) => ["ZMSCORE", r.key(), ...r.some(MEMBERS, 1, 3)],
  (r) => ["ZCARD", r.key()],
  (r) => ["ZRANK", r.key(), r.of(MEMBERS)],
  (r) => ["ZREVRANK", r.key(), r.of(MEMBERS)],
  (r) => ["ZREM", r.key(), ...r.some(MEMBERS, 1, 2)],
  (r) => ["ZCOUNT", r.key(), r.of(RANGES), r.of(RANGES)],
  (r) => ["ZLEXCOUNT", r.key(), r.of(LEX), r.of(LEX)],
  (r) => ["ZRANGE", r.key(), i(r), i(r), ...r.opts([["WITHSCORES"], ["REV"]], 0.4)],
  (r) => ["ZRANGE", r.key(), r.of(RANGES), r.of(RANGES), "BYSCORE", ...r.opts([["REV"], ["WITHSCORES"], ["LIMIT", i(r), i(r)]], 0.4)],
  (r) => ["ZRANGE", r.key(), r.of(LEX), r.of(LEX), "BYLEX", ...r.opts([["REV"], ["LIMIT", i(r), i(r)], ["WITHSCORES"]], 0.3)],
  (r) => ["ZREVRANGE", r.key(), i(r), i(r), ...r.opts([["WITHSCORES"]], 0.4)],
  (r) => ["ZRANGEBYSCORE", r.key(), r.of(RANGES), r.of(RANGES), ...r.opts([["WITHSCORES"], ["LIMIT", i(r), i(r)]], 0.4)],
  (r) => ["ZREVRANGEBYSCORE", r.key(), r.of(RANGES), r.of(RANGES), ...r.opts([["WITHSCORES"], ["LIMIT", i(r), i(r)]], 0.4)],
  (r) => ["ZRANGEBYLEX", r.key(), r.of(LEX), r.of(LEX)],
  (r) => ["ZREVRANGEBYLEX", r.key(), r.of(LEX), r.of(LEX), ...r.opts([["LIMIT", i(r), i(r)]], 0.3)],
  (r) => ["ZRANGESTORE", r.key(), r.key(), i(r), i(r)],
  (r) => ["ZREMRANGEBYRANK", r.key(), i(r), i(r)],
  (r) => ["ZREMRANGEBYSCORE", r.key(), r.of(RANGES), r.of(RANGES)],
  (r) => ["ZREMRANGEBYLEX", r.key(), r.of(LEX), r.of(LEX)],
  (r) => ["ZPOPMIN", r.key(), ...(r.chance(0.4) ? [i(r)] : [])],
  (r) => ["ZPOPMAX", r.key(), ...(r.chance(0.4) ? [i(r)] : [])],
  (r) => ["ZMPOP", r.of(["1", "2", "0"]), r.key(), r.key(), r.of(["MIN", "MAX", "min", "UP"]), ...r.opts([["COUNT", i(r)]], 0.4)],
  (r) => ["ZUNIONSTORE", r.key(), r.of(["1", "2", "0", "3"]), r.key(), r.key(), ...r.opts([["WEIGHTS", r.of(SCORES), r.of(SCORES)], ["AGGREGATE", r.of(["SUM", "MIN", "MAX", "AVG"])]], 0.3)],
  (r) => ["ZINTERSTORE", r.key(), r.of(["1", "2"]), r.key(), r.key(), ...r.opts([["WEIGHTS", r.of(SCORES), r.of(SCORES)], ["AGGREGATE", r.of(["SUM", "MIN", "MAX"])]], 0.3)],
  (r) => ["ZDIFFSTORE", r.key(), r.of(["1", "2"]), r.key(), r.key()],
  (r) => ["ZUNION", r.of(["1", "2"]), r.key(), r.key(), ...r.opts([["WITHSCORES"]], 0.5)],
  (r) => ["ZINTERCARD", r.of(["1", "2", "0"]), r.key(), r.key(), ...r.opts([["LIMIT", i(r)]], 0.3)],
  // sort
  (r) => ["SORT", r.key(), ...r.opts([["ALPHA"], ["DESC"], ["LIMIT", i(r), i(r)], ["BY", r.of(["k*", "*->f"])], ["GET", r.of(["#", "k*"])]], 0.25)],
  (r) => ["SORT", r.key(), "BY", "nosort", ...r.opts([["ALPHA"], ["DESC"], ["GET", "#"]], 0.3)],
  // server, errors
  (r) => ["PING", ...(r.chance(0.3) ? [v(r)] : [])],
  (r) => ["ECHO", v(r)],
  (r) => [r.of(["NOSUCHCMD", "GETT", "foo", "x\u0000y", "a\nb"]), ...r.some(VALUES, 0, 2)],
  (r) => ["SET", r.key(), v(r), r.of(["nx\u0000junk", "GET\u0000", "EX\u0000"]), "100"],
  (r) => ["EXPIRE", r.key(), r.ttl(1000), r.of(["gt\u0000x", "FOO\u0000BAR", "a\r\nb"])],
  (r) => [r.of(["GET", "SET", "HSET", "ZADD", "LPUSH", "EXPIRE", "SADD", "INCRBY"])],
  (r) => ["SELECT", r.of(["0", "1", "16", "abc"])],
  (r) => ["SWAPDB", r.of(["0", "1", "0", "16", "abc"]), r.of(["1", "0", "2", "-1"])],
  // bitmaps, LCS
  (r) => ["SETBIT", r.key(), r.of(["0", "1", "7", "8", "13", "31", "40", "-1", "abc", "4294967296", "100000"]), r.of(["0", "1", "1", "2", "abc"])],
  (r) => ["GETBIT", r.key(), r.of(["0", "1", "7", "9", "100", "-1"])],
  (r) => ["BITCOUNT", r.key(), ...(r.chance(0.6) ? [i(r), i(r), ...(r.chance(0.5) ? [r.of(["BIT", "BYTE", "bit", "FOO"])] : [])] : r.chance(0.1) ? ["0"] : [])],
  (r) => ["BITPOS", r.key(), r.of(["0", "1", "1", "2"]), ...r.some(["0", "1", "-1", "2", "-2", "5", "100"], 0, 2), ...(r.chance(0.3) ? [r.of(["BIT", "BYTE"])] : [])],
  (r) => ["BITOP", r.of(["AND", "OR", "XOR", "NOT", "not", "FOO"]), r.key(), ...r.some(KEYS, 1, 2)],
  (r) => ["LCS", r.key(), r.key(), ...r.opts([["IDX"], ["LEN"], ["WITHMATCHLEN"], ["MINMATCHLEN", r.of(["0", "1", "2", "-1", "abc"])]], 0.3)],
  (r) => ["SET", r.key(), r.of(["ohmytext", "mynewtext", "\u00ff\u00f0\u0000", "foobar", "abcdef", "ABC"])],
  // encodings and whole-collection replies
  (r) => ["OBJECT", r.of(["ENCODING", "ENCODING", "FOO"]), r.key()],
  (r) => ["HRANDFIELD", r.key(), r.of(["1000", "0"]), ...r.opts([["WITHVALUES"]], 0.5)],
  (r) => ["SRANDMEMBER", r.key(), r.of(["1000", "0"])],
  (r) => ["ZRANDMEMBER", r.key(), r.of(["1000", "0"]), ...r.opts([["WITHSCORES"]], 0.5)],
  (r) => ["SPOP", r.key(), r.of(["1000", "0", "-1"])],
  (r) => ["RPUSH", r.key(), ...Array.from({ length: 20 + r.prng.below(200) }, (_, k) => String(k))],
  (r) => ["SADD", r.key(), ...Array.from({ length: 100 + r.prng.below(500) }, (_, k) => String(k * 7 - 300))],
  (r) => ["ZADD", r.key(), ...Array.from({ length: 100 + r.prng.below(60) }, (_, k) => [String((k * 37) % 101 - 50), `m${k}`]).flat()],
  (r) => ["HSET", r.key(), ...Array.from({ length: 100 + r.prng.below(60) }, (_, k) => [`f${k}`, String(k)]).flat()],
  (r) => ["SET", r.key(), "x".repeat(r.of([40, 44, 45, 70]))],
  (r) => ["SADD", r.key(), "x".repeat(70)],
  (r) => ["ZADD", r.key(), "1", "y".repeat(70)],
  (r) => ["HSET", r.key(), "f", "z".repeat(70)],
  (r) => ["SCAN", "0", "COUNT", "1000", ...r.opts([["MATCH", r.of(PATTERNS)], ["TYPE", r.of(["string", "list", "set", "zset", "hash", "none"])]], 0.4)],
  (r) => ["SSCAN", r.key(), "0", "COUNT", "10000"],
  (r) => ["ZSCAN", r.key(), "0", "COUNT", "10000"],
  (r) => ["HSCAN", r.key(), "0", "COUNT", "10000"],
];

/**
 * Lex range queries: on a skiplist-encoded sorted set whose members have different scores the
 * answer depends on the skiplist's random levels, so the test only compares them on listpacks
 * (and keeps them out of transactions, where the encoding cannot be checked first).
 */
export function isLexQuery(args: string[]): boolean {
  const name = args[0].toLowerCase();
  if (name === "zrangebylex" || name === "zrevrangebylex" || name === "zlexcount" || name === "zremrangebylex") return true;
  return (name === "zrange" || name === "zrangestore") && args.some((a) => a.toUpperCase() === "BYLEX");
}

/** A transaction: MULTI, a few commands (blocking ones answer at once), EXEC or DISCARD. */
function transaction(r: Pick): string[][] {
  const out: string[][] = [];
  if (r.chance(0.3)) out.push(["WATCH", r.key()]);
  out.push(["MULTI"]);
  const n = 1 + r.prng.below(4);
  for (let k = 0; k < n; k++) {
    if (r.chance(0.15)) out.push([r.of(["BLPOP", "BRPOP"]), r.key(), "0"]);
    else if (r.chance(0.1)) out.push(["BLMOVE", r.key(), r.key(), "LEFT", "RIGHT", "0"]);
    else {
      let args = r.of(GENS)(r);
      while (isLexQuery(args)) args = r.of(GENS)(r);
      out.push(args);
    }
  }
  out.push([r.chance(0.85) ? "EXEC" : "DISCARD"]);
  return out;
}

/** `segments` runs of about `length` commands each, each run starting with FLUSHALL. */
export function randomStream(seed: number, segments: number, length: number): string[][] {
  const r = new Pick(new Prng(seed));
  const out: string[][] = [];
  for (let s = 0; s < segments; s++) {
    out.push(["FLUSHALL"], ["SELECT", "0"]);
    let k = 0;
    while (k < length) {
      if (r.chance(0.05)) {
        const t = transaction(r);
        out.push(...t);
        k += t.length;
      } else {
        out.push(r.of(GENS)(r));
        k++;
      }
    }
  }
  return out;
}

/** One random command of the stream's kinds (no lex queries: see isLexQuery). */
export function randomCommand(r: Pick): string[] {
  let args = r.of(GENS)(r);
  while (isLexQuery(args)) args = r.of(GENS)(r);
  return args;
}
