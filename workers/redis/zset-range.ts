// ZRANGE in all its forms (zrangeGenericCommand): by rank, score or lex, forward or reversed,
// with LIMIT and WITHSCORES, and ZRANGESTORE; plus the score and lex range parsers.
import { lookupRead, touched } from "./access.ts";
import { intArg, is } from "./args.ts";
import { cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { NOTIFY, notify } from "./notify.ts";
import { formatDouble, strtodPrefix } from "./numbers.ts";
import { ErrorReply, SYNTAX, WRONGTYPE, fail, type Reply } from "./reply.ts";
import { ZSet, fitsListpack, type LexBound, type LexRange, type ScoreRange, inScoreRange, lexGteMin, lexLteMax } from "./zset-store.ts";

const NOT_FLOAT_RANGE = new ErrorReply("ERR min or max is not a float");
const NOT_LEX_RANGE = new ErrorReply("ERR min or max not valid string range item");

/** strtod over the whole string (leading spaces and an empty string allowed, as zslParseRange does). */
function rangeFloat(str: string): number | undefined {
  // strtod reads a C string: a NUL byte ends it.
  const nul = str.indexOf("\0");
  const s = nul >= 0 ? str.slice(0, nul) : str;
  if (s.length === 0) return 0;
  const { value, end } = strtodPrefix(s);
  if (end !== s.length || Number.isNaN(value)) return undefined;
  return value;
}

/** zslParseRange: "(" makes an edge exclusive. */
export function scoreRangeArgs(min: string, max: string): ScoreRange {
  const r: ScoreRange = { min: 0, max: 0, minex: false, maxex: false };
  for (const [arg, lo] of [
    [min, true],
    [max, false],
  ] as const) {
    let s = arg;
    let ex = false;
    if (s[0] === "(") {
      ex = true;
      s = s.slice(1);
    }
    const v = rangeFloat(s);
    if (v === undefined) fail(NOT_FLOAT_RANGE);
    if (lo) {
      r.min = v;
      r.minex = ex;
    } else {
      r.max = v;
      r.maxex = ex;
    }
  }
  return r;
}

function lexItem(s: string): LexBound | undefined {
  switch (s[0]) {
    case "+":
      return s.length === 1 ? { kind: "+inf" } : undefined;
    case "-":
      return s.length === 1 ? { kind: "-inf" } : undefined;
    case "(":
      return { kind: "value", value: s.slice(1), ex: true };
    case "[":
      return { kind: "value", value: s.slice(1), ex: false };
    default:
      return undefined;
  }
}

/** zslParseLexRange. */
export function lexRangeArgs(min: string, max: string): LexRange {
  const a = lexItem(min);
  const b = lexItem(max);
  if (a === undefined || b === undefined) fail(NOT_LEX_RANGE);
  return { min: a, max: b };
}

type RangeType = "auto" | "rank" | "score" | "lex";
type Direction = "auto" | "forward" | "reverse";

/** The members (with scores) a range selects, in reply order. */
function select(
  z: ZSet,
  type: RangeType,
  reverse: boolean,
  start: number,
  end: number,
  score: ScoreRange | undefined,
  lex: LexRange | undefined,
  offset: number,
  limit: number,
): string[] {
  const n = z.size;
  const out: string[] = [];
  if (type === "rank") {
    if (start < 0) start = n + start;
    if (end < 0) end = n + end;
    if (start < 0) start = 0;
    if (start > end || start >= n) return out;
    if (end >= n) end = n - 1;
    for (let i = start; i <= end; i++) out.push(z.order[reverse ? n - 1 - i : i]);
    return out;
  }
  if (offset > 0 && offset >= n) return out;
  let i: number;
  let inRange: (m: string) => boolean;
  if (type === "score") {
    const r = score!;
    i = reverse ? z.endInScore(r) - 1 : z.firstInScore(r);
    if (reverse && i >= 0 && !inScoreRange(z.score(z.order[i])!, r)) i = -1;
    if (!reverse && i < n && !inScoreRange(z.score(z.order[i])!, r)) i = n;
    inRange = reverse ? (m) => (r.minex ? z.score(m)! > r.min : z.score(m)! >= r.min) : (m) => (r.maxex ? z.score(m)! < r.max : z.score(m)! <= r.max);
  } else {
    const r = lex!;
    if (reverse) {
      const [, b] = z.lexSpanRev(r);
      i = b - 1;
      if (i >= 0 && !(lexGteMin(z.order[i], r.min) && lexLteMax(z.order[i], r.max))) i = -1;
      inRange = (m) => lexGteMin(m, r.min);
    } else {
      const [a] = z.lexSpan(r);
      i = a;
      if (i < n && !(lexGteMin(z.order[i], r.min) && lexLteMax(z.order[i], r.max))) i = n;
      inRange = (m) => lexLteMax(m, r.max);
    }
  }
  const step = reverse ? -1 : 1;
  const valid = (k: number) => k >= 0 && k < n;
  // Negative offsets skip everything (`while (eptr && offset--)` in Redis).
  if (offset < 0) return out;
  while (valid(i) && offset > 0) {
    i += step;
    offset--;
  }
  let left = limit;
  while (valid(i) && left !== 0) {
    const m = z.order[i];
    if (!inRange(m)) break;
    out.push(m);
    i += step;
    left--;
  }
  return out;
}

/** zrangeGenericCommand; `argStart` is the source key's position; `store` for ZRANGESTORE. */
function zrangeGeneric(c: Connection, argv: string[], argStart: number, store: boolean, type0: RangeType, dir0: Direction): Reply {
  let type = type0;
  let dir = dir0;
  let withScores = false;
  let offset = 0;
  let limit = -1;
  for (let j = argStart + 3; j < argv.length; j++) {
    const left = argv.length - j - 1;
    const o = argv[j];
    if (!store && is(o, "withscores")) withScores = true;
    else if (is(o, "limit") && left >= 2) {
      offset = intArg(argv[j + 1]);
      limit = intArg(argv[j + 2]);
      j += 2;
    } else if (dir === "auto" && is(o, "rev")) dir = "reverse";
    else if (type === "auto" && is(o, "bylex")) type = "lex";
    else if (type === "auto" && is(o, "byscore")) type = "score";
    else return SYNTAX;
  }
  if (dir === "auto") dir = "forward";
  if (type === "auto") type = "rank";
  if (limit !== -1 && type === "rank") return new ErrorReply("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
  if (withScores && type === "lex") return new ErrorReply("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
  const reverse = dir === "reverse";
  let minArg = argv[argStart + 1];
  let maxArg = argv[argStart + 2];
  if (reverse && type !== "rank") [minArg, maxArg] = [maxArg, minArg];
  let start = 0,
    end = 0;
  let score: ScoreRange | undefined;
  let lex: LexRange | undefined;
  if (type === "rank") {
    start = intArg(minArg);
    end = intArg(maxArg);
  } else if (type === "score") score = scoreRangeArgs(minArg, maxArg);
  else lex = lexRangeArgs(minArg, maxArg);
  const e = lookupRead(c, argv[argStart]);
  let members: string[] = [];
  let z: ZSet | undefined;
  if (e !== undefined) {
    if (e.type !== "zset") return WRONGTYPE;
    z = e.value as ZSet;
    members = select(z, type, reverse, start, end, score, lex, offset, limit);
  }
  if (store) {
    const dst = argv[1];
    if (members.length > 0) {
      const out = new ZSet();
      // zsetTypeCreate(result length): a long result is a skiplist from the start.
      if (!fitsListpack(members.length, 0)) out.listpack = false;
      for (const m of members) out.set(m, z!.score(m)!);
      c.db.set(dst, "zset", out);
      touched(c, dst);
      notify(c, NOTIFY.zset, "zrangestore", dst);
    } else if (c.db.delete(dst)) {
      touched(c, dst);
      notify(c, NOTIFY.generic, "del", dst);
    }
    return members.length;
  }
  if (!withScores) return members;
  const out: Reply[] = [];
  for (const m of members) out.push(m, formatDouble(z!.score(m)!));
  return out;
}

export const zrangeCommands: CommandSpec[] = [
  cmd("zrange", -4, "readonly", [1, 1, 1], (c, a) => zrangeGeneric(c, a, 1, false, "auto", "auto")),
  cmd("zrangestore", -5, "write", [1, 2, 1], (c, a) => zrangeGeneric(c, a, 2, true, "auto", "auto")),
  cmd("zrevrange", -4, "readonly", [1, 1, 1], (c, a) => zrangeGeneric(c, a, 1, false, "rank", "reverse")),
  cmd("zrangebyscore", -4, "readonly", [1, 1, 1], (c, a) => zrangeGeneric(c, a, 1, false, "score", "forward")),
  cmd("zrevrangebyscore", -4, "readonly", [1, 1, 1], (c, a) => zrangeGeneric(c, a, 1, false, "score", "reverse")),
  cmd("zrangebylex", -4, "readonly", [1, 1, 1], (c, a) => zrangeGeneric(c, a, 1, false, "lex", "forward")),
  cmd("zrevrangebylex", -4, "readonly", [1, 1, 1], (c, a) => zrangeGeneric(c, a, 1, false, "lex", "reverse")),
];
