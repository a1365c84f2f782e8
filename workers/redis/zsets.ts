// Sorted set commands (t_zset.c): ZADD and friends, scores, ranks, counts, removals, pops.
// Range queries (ZRANGE in all its forms) are in zset-range.ts, set algebra in zset-algebra.ts.
import { lookupWrite, readZSet, touched, writeTyped } from "./access.ts";
import { countArg, doubleArg, intArg, is, positiveArg } from "./args.ts";
import { KEY1, cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { globMatch } from "./glob.ts";
import { scanCursor, scanOptions } from "./keys.ts";
import { mpopArgs } from "./lists.ts";
import { NOTIFY, notify } from "./notify.ts";
import { formatDouble } from "./numbers.ts";
import { ErrorReply, NIL_ARRAY, SYNTAX, WRONGTYPE, fail, type Reply } from "./reply.ts";
import { ZSet, fitsListpack } from "./zset-store.ts";
import { lexRangeArgs, scoreRangeArgs } from "./zset-range.ts";

const NAN_ERR = new ErrorReply("ERR resulting score is not a number (NaN)");

function zaddGeneric(c: Connection, argv: string[], incrOnly: boolean): Reply {
  const key = argv[1];
  let nx = false,
    xx = false,
    ch = false,
    incr = incrOnly,
    gt = false,
    lt = false;
  let i = 2;
  if (!incrOnly) {
    for (; i < argv.length; i++) {
      const o = argv[i];
      if (is(o, "nx")) nx = true;
      else if (is(o, "xx")) xx = true;
      else if (is(o, "ch")) ch = true;
      else if (is(o, "incr")) incr = true;
      else if (is(o, "gt")) gt = true;
      else if (is(o, "lt")) lt = true;
      else break;
    }
  }
  const elements = argv.length - i;
  if (elements % 2 || !elements) return SYNTAX;
  if (nx && xx) return new ErrorReply("ERR XX and NX options at the same time are not compatible");
  if ((gt && nx) || (lt && nx) || (gt && lt)) return new ErrorReply("ERR GT, LT, and/or NX options at the same time are not compatible");
  if (incr && elements > 2) return new ErrorReply("ERR INCR option supports a single increment-element pair");
  const scores: number[] = [];
  for (let j = i; j < argv.length; j += 2) scores.push(doubleArg(argv[j]));
  const e = writeTyped(c, key, "zset");
  let z: ZSet;
  let added = 0,
    updated = 0,
    processed = 0;
  let score = 0;
  if (e === undefined) {
    if (xx) return incr ? null : 0;
    z = new ZSet();
    // zsetTypeCreate(size hint, longest member): a big ZADD starts as a skiplist.
    let longest = 0;
    for (let j = i + 1; j < argv.length; j += 2) longest = Math.max(longest, argv[j].length);
    if (!fitsListpack(scores.length, longest)) z.listpack = false;
    c.db.add(key, "zset", z);
  } else z = e.value as ZSet;
  let failed: Reply | undefined;
  for (let j = 0; j < scores.length; j++) {
    const m = argv[i + 1 + j * 2];
    score = scores[j];
    const cur = z.score(m);
    if (cur !== undefined) {
      if (nx) continue;
      if (incr) {
        score += cur;
        if (Number.isNaN(score)) {
          failed = NAN_ERR;
          break;
        }
      }
      if ((lt && score >= cur) || (gt && score <= cur)) continue;
      if (score !== cur) {
        z.set(m, score);
        updated++;
      }
      processed++;
    } else if (!xx) {
      z.set(m, score);
      added++;
      processed++;
    }
  }
  if (added || updated) {
    touched(c, key);
    notify(c, NOTIFY.zset, incr ? "zincr" : "zadd", key);
  }
  if (failed) return failed;
  if (incr) return processed ? formatDouble(score) : null;
  return ch ? added + updated : added;
}

function zscore(c: Connection, argv: string[]): Reply {
  const s = readZSet(c, argv[1])?.score(argv[2]);
  return s === undefined ? null : formatDouble(s);
}

function zmscore(c: Connection, argv: string[]): Reply {
  const z = readZSet(c, argv[1]);
  const out: Reply[] = [];
  for (let i = 2; i < argv.length; i++) {
    const s = z?.score(argv[i]);
    out.push(s === undefined ? null : formatDouble(s));
  }
  return out;
}

function zrank(c: Connection, argv: string[], rev: boolean): Reply {
  const z = readZSet(c, argv[1]);
  if (z === undefined) return null;
  const r = z.rank(argv[2]);
  if (r === undefined) return null;
  return rev ? z.size - 1 - r : r;
}

function zrem(c: Connection, argv: string[]): Reply {
  const e = writeTyped(c, argv[1], "zset");
  if (e === undefined) return 0;
  const z = e.value as ZSet;
  let n = 0;
  for (let i = 2; i < argv.length; i++) {
    if (z.delete(argv[i])) n++;
    if (z.size === 0) {
      c.db.delete(argv[1]);
      break;
    }
  }
  if (n) {
    touched(c, argv[1]);
    notify(c, NOTIFY.zset, "zrem", argv[1]);
    if (z.size === 0) notify(c, NOTIFY.generic, "del", argv[1]);
  }
  return n;
}

function zcount(c: Connection, argv: string[]): Reply {
  const r = scoreRangeArgs(argv[2], argv[3]);
  const z = readZSet(c, argv[1]);
  if (z === undefined) return 0;
  return Math.max(0, z.endInScore(r) - z.firstInScore(r));
}

function zlexcount(c: Connection, argv: string[]): Reply {
  const r = lexRangeArgs(argv[2], argv[3]);
  const z = readZSet(c, argv[1]);
  if (z === undefined) return 0;
  const [a, b] = z.lexSpan(r);
  return b - a;
}

type RemKind = "rank" | "score" | "lex";

function zremrange(c: Connection, argv: string[], kind: RemKind): Reply {
  let start = 0,
    end = 0;
  let pick: (z: ZSet) => [number, number] | null;
  if (kind === "rank") {
    start = intArg(argv[2]);
    end = intArg(argv[3]);
    pick = (z) => {
      const n = z.size;
      let s = start < 0 ? n + start : start;
      let e = end < 0 ? n + end : end;
      if (s < 0) s = 0;
      if (s > e || s >= n) return null;
      if (e >= n) e = n - 1;
      return [s, e + 1];
    };
  } else if (kind === "score") {
    const r = scoreRangeArgs(argv[2], argv[3]);
    pick = (z) => [z.firstInScore(r), z.endInScore(r)];
  } else {
    const r = lexRangeArgs(argv[2], argv[3]);
    pick = (z) => z.lexSpan(r);
  }
  const e = writeTyped(c, argv[1], "zset");
  if (e === undefined) return 0;
  const z = e.value as ZSet;
  const span = pick(z);
  if (span === null || span[1] <= span[0]) return 0;
  const doomed = z.order.slice(span[0], span[1]);
  for (const m of doomed) z.delete(m);
  touched(c, argv[1]);
  notify(c, NOTIFY.zset, `zremrangeby${kind}`, argv[1]);
  if (z.size === 0) {
    c.db.delete(argv[1]);
    notify(c, NOTIFY.generic, "del", argv[1]);
  }
  return doomed.length;
}

/** Pop up to count members from the low (min) or high end: [member, score] pairs. */
export function popMembers(c: Connection, key: string, z: ZSet, max: boolean, count: number): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < count && z.size > 0; i++) {
    const m = max ? z.order[z.size - 1] : z.order[0];
    out.push([m, formatDouble(z.score(m)!)]);
    z.delete(m);
  }
  if (out.length > 0) notify(c, NOTIFY.zset, max ? "zpopmax" : "zpopmin", key);
  if (z.size === 0) {
    c.db.delete(key);
    notify(c, NOTIFY.generic, "del", key);
  }
  touched(c, key);
  return out;
}

function zpop(c: Connection, argv: string[], max: boolean): Reply {
  if (argv.length > 3) return SYNTAX;
  const count = argv.length === 3 ? positiveArg(argv[2]) : 1;
  const e = lookupWrite(c, argv[1]);
  if (e === undefined) return [];
  if (e.type !== "zset") return WRONGTYPE;
  if (count === 0) return [];
  return popMembers(c, argv[1], e.value as ZSet, max, count).flat();
}

export function minMaxArg(s: string): string {
  if (is(s, "min")) return "min";
  if (is(s, "max")) return "max";
  fail(SYNTAX);
}

/** The first non-empty sorted set among keys, popped: [key, [[member, score]...]]. */
export function zmpopFrom(c: Connection, keys: string[], max: boolean, count: number): Reply | undefined {
  for (const key of keys) {
    const e = lookupWrite(c, key);
    if (e === undefined) continue;
    if (e.type !== "zset") fail(WRONGTYPE);
    const z = e.value as ZSet;
    if (z.size === 0) continue;
    return [key, popMembers(c, key, z, max, count)];
  }
  return undefined;
}

function zmpop(c: Connection, argv: string[]): Reply {
  const { keys, side, count } = mpopArgs(argv, 1, minMaxArg);
  return zmpopFrom(c, keys, side === "max", count) ?? NIL_ARRAY;
}

function zrandmember(c: Connection, argv: string[]): Reply {
  let count: number | undefined;
  let withScores = false;
  if (argv.length >= 3) {
    count = countArg(argv[2]);
    if (argv.length > 4 || (argv.length === 4 && !is(argv[3], "withscores"))) return SYNTAX;
    withScores = argv.length === 4;
    if (withScores) count = countArg(argv[2], true);
  }
  const z = readZSet(c, argv[1]);
  const prng = c.server.prng;
  if (count === undefined) return z === undefined ? null : z.order[prng.below(z.size)];
  if (z === undefined || count === 0) return [];
  const out: Reply[] = [];
  const push = (m: string) => {
    out.push(m);
    if (withScores) out.push(formatDouble(z.score(m)!));
  };
  if (count < 0) for (let i = 0; i < -count; i++) push(z.order[prng.below(z.size)]);
  else if (count >= z.size) z.order.forEach(push);
  else {
    const pool = z.order.slice();
    for (let i = 0; i < count; i++) {
      const j = i + prng.below(pool.length - i);
      [pool[i], pool[j]] = [pool[j], pool[i]];
      push(pool[i]);
    }
  }
  return out;
}

function zscan(c: Connection, argv: string[]): Reply {
  scanCursor(argv[2]);
  const o = scanOptions(argv, 3, false);
  const z = readZSet(c, argv[1]);
  const out: Reply[] = [];
  if (z !== undefined) {
    for (const m of z.order) {
      if (o.pattern !== null && !globMatch(o.pattern, m)) continue;
      out.push(m, formatDouble(z.score(m)!));
    }
  }
  return ["0", out];
}

export const zsetCommands: CommandSpec[] = [
  cmd("zadd", -4, "write", KEY1, (c, a) => zaddGeneric(c, a, false)),
  cmd("zincrby", 4, "write", KEY1, (c, a) => zaddGeneric(c, a, true)),
  cmd("zscore", 3, "readonly", KEY1, zscore),
  cmd("zmscore", -3, "readonly", KEY1, zmscore),
  cmd("zcard", 2, "readonly", KEY1, (c, a) => readZSet(c, a[1])?.size ?? 0),
  cmd("zrank", 3, "readonly", KEY1, (c, a) => zrank(c, a, false)),
  cmd("zrevrank", 3, "readonly", KEY1, (c, a) => zrank(c, a, true)),
  cmd("zrem", -3, "write", KEY1, zrem),
  cmd("zcount", 4, "readonly", KEY1, zcount),
  cmd("zlexcount", 4, "readonly", KEY1, zlexcount),
  cmd("zremrangebyrank", 4, "write", KEY1, (c, a) => zremrange(c, a, "rank")),
  cmd("zremrangebyscore", 4, "write", KEY1, (c, a) => zremrange(c, a, "score")),
  cmd("zremrangebylex", 4, "write", KEY1, (c, a) => zremrange(c, a, "lex")),
  cmd("zpopmin", -2, "write", KEY1, (c, a) => zpop(c, a, false)),
  cmd("zpopmax", -2, "write", KEY1, (c, a) => zpop(c, a, true)),
  cmd("zmpop", -4, "write", [2, 2, 1], zmpop),
  cmd("zrandmember", -2, "readonly", KEY1, zrandmember),
  cmd("zscan", -3, "readonly", KEY1, zscan),
];
