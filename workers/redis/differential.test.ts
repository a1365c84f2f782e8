// The engine against a real redis-server (CI installs it): a seeded random command stream over a
// small key space — every family, wrong types, bad arguments, transactions — goes to both, and
// every reply must be the same RESP2 value (simple vs bulk string, integer, nil, error text).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis, ErrorReply, Frames, NilArray, Pending, SimpleString, type Outcome, type Reply } from "./index.ts";
import { randomStream, unorderedReply } from "./testing/random-stream.ts";
import { findRedisServer, startRedis, type RealRedis, type Resp } from "./testing/real-redis.ts";

const SEED = Number(process.env.REDIS_DIFF_SEED ?? 20240705);
const SEGMENTS = 100;
const LENGTH = 40;

function typed(r: Reply): Resp {
  if (typeof r === "string") return { t: "bulk", v: r };
  if (typeof r === "number" || typeof r === "bigint") return { t: "int", v: BigInt(r) };
  if (r === null) return { t: "bulk", v: null };
  if (Array.isArray(r)) return { t: "array", v: r.map(typed) };
  if (r instanceof SimpleString) return { t: "simple", v: r.value };
  if (r instanceof ErrorReply) return { t: "error", v: r.message };
  if (r instanceof NilArray) return { t: "array", v: null };
  throw new Error(`not a reply: ${String(r)}`);
}

function outcome(o: Outcome): Resp {
  if (o instanceof Frames) return { t: "error", v: "unexpected frames" };
  if (o instanceof Pending) return { t: "error", v: "unexpected block" };
  return typed(o);
}

/** Hash-ordered replies compare as multisets. */
function normalize(r: Resp, args: string[] | undefined): Resp {
  if (args !== undefined && unorderedReply(args) && r.t === "array" && r.v !== null) {
    return { t: "array", v: [...r.v].sort((a, b) => (JSON.stringify(a, big) < JSON.stringify(b, big) ? -1 : 1)) };
  }
  return r;
}

function big(_k: string, v: unknown): unknown {
  return typeof v === "bigint" ? `${v}n` : v;
}

describe(`differential: the engine against a real redis-server, ${SEGMENTS * LENGTH}+ random commands (seed ${SEED})`, () => {
  const binary = findRedisServer();
  let real: RealRedis | undefined;

  beforeAll(async () => {
    if (binary !== undefined) real = await startRedis(binary);
  });
  afterAll(async () => {
    await real?.stop();
  });

  it("answers every command of the stream exactly as redis-server does", async () => {
    if (binary === undefined) {
      throw new Error("redis-server is not installed: install it (apt-get install -y redis-server) to run this comparison; CI always has it");
    }
    const conn = createRedis().connect();
    const stream = randomStream(SEED, SEGMENTS, LENGTH);
    const mismatches: string[] = [];
    let queued: string[][] = [];
    let inMulti = false;
    for (const [n, args] of stream.entries()) {
      const want = await real!.client.send(args);
      const got = outcome(conn.execute(args));
      const name = args[0].toLowerCase();
      let w = normalize(want, args);
      let g = normalize(got, args);
      if (name === "exec" && w.t === "array" && g.t === "array" && w.v && g.v) {
        w = { t: "array", v: w.v.map((x, k) => normalize(x, queued[k])) };
        g = { t: "array", v: g.v.map((x, k) => normalize(x, queued[k])) };
      }
      if (JSON.stringify(w, big) !== JSON.stringify(g, big)) {
        mismatches.push(`#${n} ${JSON.stringify(args)}\n  redis:  ${JSON.stringify(w, big)}\n  engine: ${JSON.stringify(g, big)}`);
      }
      if (name === "multi" && want.t === "simple") {
        inMulti = true;
        queued = [];
      } else if (name === "exec" || name === "discard") inMulti = false;
      else if (inMulti && want.t === "simple" && want.v === "QUEUED") queued.push(args);
    }
    expect(stream.length).toBeGreaterThan(3000);
    expect(mismatches, `${mismatches.length} of ${stream.length} replies differ:\n${mismatches.slice(0, 40).join("\n")}`).toEqual([]);
  });
});
