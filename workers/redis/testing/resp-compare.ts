// Comparing the engine's typed replies with a real server's RESP2 replies: one shape for both,
// and the multiset views for replies Redis orders by its hash tables.
import { ErrorReply, Frames, NilArray, Pending, SimpleString, type Outcome, type Reply } from "../reply.ts";
import { unorderedReply } from "./random-stream.ts";
import type { Resp } from "./real-redis.ts";

export function typed(r: Reply): Resp {
  if (typeof r === "string") return { t: "bulk", v: r };
  if (typeof r === "number" || typeof r === "bigint") return { t: "int", v: BigInt(r) };
  if (r === null) return { t: "bulk", v: null };
  if (Array.isArray(r)) return { t: "array", v: r.map(typed) };
  if (r instanceof SimpleString) return { t: "simple", v: r.value };
  if (r instanceof ErrorReply) return { t: "error", v: r.message };
  if (r instanceof NilArray) return { t: "array", v: null };
  throw new Error(`not a reply: ${String(r)}`);
}

export function outcome(o: Outcome): Resp {
  if (o instanceof Frames) return { t: "error", v: "unexpected frames" };
  if (o instanceof Pending) return { t: "error", v: "unexpected block" };
  return typed(o);
}

export function sorted(items: Resp[]): Resp[] {
  return [...items].sort((a, b) => (JSON.stringify(a, big) < JSON.stringify(b, big) ? -1 : 1));
}

/** Hash-ordered replies compare as multisets; a SCAN page as its cursor and its sorted items (pairs kept together). */
export function normalize(r: Resp, args: string[] | undefined): Resp {
  if (args === undefined || !unorderedReply(args) || r.t !== "array" || r.v === null) return r;
  const name = args[0].toLowerCase();
  if (name.endsWith("scan") && r.v.length === 2 && r.v[1].t === "array" && r.v[1].v !== null) {
    const items = r.v[1].v;
    if (name === "hscan" || name === "zscan") {
      const pairs: Resp[] = [];
      for (let k = 0; k + 1 < items.length; k += 2) pairs.push({ t: "array", v: [items[k], items[k + 1]] });
      return { t: "array", v: [r.v[0], { t: "array", v: sorted(pairs) }] };
    }
    return { t: "array", v: [r.v[0], { t: "array", v: sorted(items) }] };
  }
  const upper = args.map((a) => a.toUpperCase());
  if ((name === "hrandfield" && upper.includes("WITHVALUES")) || (name === "zrandmember" && upper.includes("WITHSCORES"))) {
    const pairs: Resp[] = [];
    for (let k = 0; k + 1 < r.v.length; k += 2) pairs.push({ t: "array", v: [r.v[k], r.v[k + 1]] });
    return { t: "array", v: sorted(pairs) };
  }
  return { t: "array", v: sorted(r.v) };
}

export const HASH_READS = new Set(["hgetall", "hkeys", "hvals", "hrandfield", "hscan"]);

/** A hash read compared as a multiset (of field-value pairs where the reply pairs them). */
export function normalizePairs(r: Resp, name: string): Resp {
  if (r.t !== "array" || r.v === null) return r;
  if (name === "hscan") return normalize(r, ["HSCAN"]);
  if (name !== "hgetall") return { t: "array", v: sorted(r.v) };
  const pairs: Resp[] = [];
  for (let k = 0; k + 1 < r.v.length; k += 2) pairs.push({ t: "array", v: [r.v[k], r.v[k + 1]] });
  return { t: "array", v: sorted(pairs) };
}

export function big(_k: string, v: unknown): unknown {
  return typeof v === "bigint" ? `${v}n` : v;
}

