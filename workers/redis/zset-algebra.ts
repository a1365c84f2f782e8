// ZUNION / ZINTER / ZDIFF, their STORE forms and ZINTERCARD (zunionInterDiffGenericCommand).
// Plain sets are accepted as inputs with every score 1.
import { lookupRead, touched } from "./access.ts";
import { doubleArg, intArg, is, positiveArg } from "./args.ts";
import { cmd, type CommandSpec } from "./command.ts";
import type { Connection } from "./connection.ts";
import { NOTIFY, notify } from "./notify.ts";
import { formatDouble } from "./numbers.ts";
import { ErrorReply, SYNTAX, WRONGTYPE, type Reply } from "./reply.ts";
import { RSet } from "./set-store.ts";
import { ZSet } from "./zset-store.ts";

type Op = "union" | "inter" | "diff";
type Aggregate = "sum" | "min" | "max";

interface Source {
  /** member -> score, or undefined for a missing key. */
  scores: Map<string, number> | undefined;
  size: number;
  weight: number;
  /** Members in the input's own order. */
  order: string[];
}

function sourceOf(v: ZSet | RSet | undefined): Source {
  if (v === undefined) return { scores: undefined, size: 0, weight: 1, order: [] };
  if (v instanceof ZSet) return { scores: v.scores, size: v.size, weight: 1, order: v.order };
  const m = new Map<string, number>();
  for (const x of v.list()) m.set(x, 1);
  return { scores: m, size: v.size, weight: 1, order: v.list() };
}

function aggregate(a: number, b: number, how: Aggregate): number {
  if (how === "sum") {
    const s = a + b;
    return Number.isNaN(s) ? 0 : s;
  }
  return how === "min" ? (b < a ? b : a) : b > a ? b : a;
}

function weighted(score: number, weight: number): number {
  const s = score * weight;
  return Number.isNaN(s) ? 0 : s;
}

function generic(c: Connection, argv: string[], dst: string | undefined, numkeysIdx: number, op: Op, cardOnly: boolean): Reply {
  const setnum = intArg(argv[numkeysIdx]);
  if (setnum < 1) return new ErrorReply(`ERR at least 1 input key is needed for '${argv[0].toLowerCase()}' command`);
  if (setnum > argv.length - (numkeysIdx + 1)) return SYNTAX;
  const srcs: Source[] = [];
  let j = numkeysIdx + 1;
  for (let i = 0; i < setnum; i++, j++) {
    const e = lookupRead(c, argv[j]);
    if (e !== undefined && e.type !== "zset" && e.type !== "set") return WRONGTYPE;
    srcs.push(sourceOf(e?.value as ZSet | RSet | undefined));
  }
  let agg: Aggregate = "sum";
  let withScores = false;
  let limit = 0;
  while (j < argv.length) {
    const remaining = argv.length - j;
    if (op !== "diff" && !cardOnly && remaining >= setnum + 1 && is(argv[j], "weights")) {
      j++;
      for (let i = 0; i < setnum; i++, j++) srcs[i].weight = doubleArg(argv[j], "weight value is not a float");
    } else if (op !== "diff" && !cardOnly && remaining >= 2 && is(argv[j], "aggregate")) {
      j++;
      const a = argv[j].toLowerCase();
      if (a !== "sum" && a !== "min" && a !== "max") return SYNTAX;
      agg = a;
      j++;
    } else if (remaining >= 1 && dst === undefined && !cardOnly && is(argv[j], "withscores")) {
      j++;
      withScores = true;
    } else if (cardOnly && remaining >= 2 && is(argv[j], "limit")) {
      j++;
      limit = positiveArg(argv[j], "LIMIT can't be negative");
      j++;
    } else return SYNTAX;
  }
  // Built as a skiplist (scores kept as computed, -0 too); a stored small result becomes a listpack.
  const result = new ZSet();
  result.listpack = false;
  if (op === "inter") {
    const sorted = srcs.slice().sort((a, b) => a.size - b.size);
    const first = sorted[0];
    if (first.scores !== undefined && first.size > 0) {
      for (const m of first.order) {
        let score = weighted(first.scores.get(m)!, first.weight);
        let all = true;
        for (let k = 1; k < sorted.length; k++) {
          const s = sorted[k].scores?.get(m);
          if (s === undefined) {
            all = false;
            break;
          }
          score = aggregate(score, weighted(s, sorted[k].weight), agg);
        }
        if (!all) continue;
        if (cardOnly) {
          result.scores.set(m, 0);
          if (limit && result.scores.size >= limit) break;
        } else result.set(m, score);
      }
    }
    if (cardOnly) return result.scores.size;
  } else if (op === "union") {
    const acc = new Map<string, number>();
    for (const s of srcs.slice().sort((a, b) => a.size - b.size)) {
      if (s.scores === undefined) continue;
      for (const m of s.order) {
        const v = weighted(s.scores.get(m)!, s.weight);
        const cur = acc.get(m);
        acc.set(m, cur === undefined ? v : aggregate(cur, v, agg));
      }
    }
    for (const [m, v] of acc) result.set(m, v);
  } else {
    const first = srcs[0];
    if (first.scores !== undefined) {
      for (const m of first.order) {
        if (srcs.some((s, k) => k > 0 && s.scores?.has(m))) continue;
        result.set(m, first.scores.get(m)!);
      }
    }
  }
  if (dst !== undefined) {
    if (result.size > 0) {
      result.convertToListpackIfNeeded();
      c.db.set(dst, "zset", result);
      touched(c, dst);
      notify(c, NOTIFY.zset, `z${op}store`, dst);
    } else if (c.db.delete(dst)) {
      touched(c, dst);
      notify(c, NOTIFY.generic, "del", dst);
    }
    return result.size;
  }
  const out: Reply[] = [];
  for (const m of result.order) {
    out.push(m);
    if (withScores) out.push(formatDouble(result.score(m)!));
  }
  return out;
}

export const zsetAlgebraCommands: CommandSpec[] = [
  cmd("zunionstore", -4, "write", [1, 1, 1], (c, a) => generic(c, a, a[1], 2, "union", false)),
  cmd("zinterstore", -4, "write", [1, 1, 1], (c, a) => generic(c, a, a[1], 2, "inter", false)),
  cmd("zdiffstore", -4, "write", [1, 1, 1], (c, a) => generic(c, a, a[1], 2, "diff", false)),
  cmd("zunion", -3, "readonly", [2, 2, 1], (c, a) => generic(c, a, undefined, 1, "union", false)),
  cmd("zinter", -3, "readonly", [2, 2, 1], (c, a) => generic(c, a, undefined, 1, "inter", false)),
  cmd("zdiff", -3, "readonly", [2, 2, 1], (c, a) => generic(c, a, undefined, 1, "diff", false)),
  cmd("zintercard", -3, "readonly", [2, 2, 1], (c, a) => generic(c, a, undefined, 1, "inter", true)),
];
