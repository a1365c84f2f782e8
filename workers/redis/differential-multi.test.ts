// The engine against a real redis-server with three connections interleaved: blocking pops
// served by other connections' pushes (oldest waiter first), WATCH broken by other connections,
// transactions, and the random commands of the single-connection stream. The engine says when a
// command blocks (Pending); the real connection must then stay silent until the engine serves it.
import { describe, expect, it } from "vitest";
import { createRedis, Pending, type Connection, type Reply } from "./index.ts";
import { Prng } from "../shared/prng.ts";
import { Pick, randomCommand } from "./testing/random-stream.ts";
import { useRealRedis, type Resp, type RespClient } from "./testing/real-redis.ts";
import { HASH_READS, big, normalize, normalizePairs, outcome, typed } from "./testing/resp-compare.ts";

const SEED = Number(process.env.REDIS_DIFF_SEED ?? 7);
const SEGMENTS = 60;
const STEPS = 40;
const KEYS = ["k1", "k2", "k3"];

interface Side {
  engine: Connection;
  real: RespClient;
  /** Commands queued since MULTI (to compare EXEC's replies one by one). */
  queued: string[][] | null;
  /** A blocked command: the engine's settled reply (once served) and the real reply's promise. */
  blocked: { args: string[]; served: Reply | undefined; real: Promise<Resp> } | null;
}

function blockingCommand(r: Pick): string[] {
  const k = r.key();
  return r.of([
    ["BLPOP", k, r.key(), "0"],
    ["BRPOP", k, "0"],
    ["BLMOVE", k, r.key(), r.of(["LEFT", "RIGHT"]), r.of(["LEFT", "RIGHT"]), "0"],
    ["BRPOPLPUSH", k, r.key(), "0"],
    ["BLMPOP", "0", "2", k, r.key(), r.of(["LEFT", "RIGHT"]), "COUNT", r.of(["1", "2"])],
    ["BZPOPMIN", k, "0"],
    ["BZPOPMAX", k, r.key(), "0"],
    ["BZMPOP", "0", "1", k, r.of(["MIN", "MAX"])],
  ]);
}

function feeding(r: Pick): string[] {
  const k = r.key();
  return r.of([
    ["RPUSH", k, ...r.some(["a", "b", "c", "1"], 1, 3)],
    ["LPUSH", k, "x"],
    ["ZADD", k, r.of(["1", "2", "-1"]), r.of(["a", "b", "m"])],
    ["LMOVE", r.key(), k, "LEFT", "RIGHT"],
    ["DEL", k],
    ["SET", k, "v"],
  ]);
}

function txCommand(r: Pick): string[] {
  return r.of([["WATCH", r.key()], ["MULTI"], ["EXEC"], ["DISCARD"], ["UNWATCH"], ["WATCH", r.key(), r.key()]]);
}

function view(r: Resp, args: string[], queued: string[][] | null): Resp {
  const name = args[0].toLowerCase();
  if (name === "exec") {
    if (r.t !== "array" || r.v === null || queued === null) return r;
    return { t: "array", v: r.v.map((x, k) => (queued[k] ? view(x, queued[k], null) : x)) };
  }
  return HASH_READS.has(name) ? normalizePairs(r, name) : normalize(r, args);
}

function same(want: Resp, got: Resp, args: string[], queued: string[][] | null = null): string | undefined {
  const w = view(want, args, queued);
  const g = view(got, args, queued);
  if (w.t === "array" && g.t === "array" && w.v && g.v && w.v.length === g.v.length) {
    for (let k = 0; k < w.v.length; k++) {
      const a = JSON.stringify(w.v[k], big);
      const b = JSON.stringify(g.v[k], big);
      if (a !== b) return `  at [${k}]${queued?.[k] ? " " + JSON.stringify(queued[k]) : ""}\n  redis:  ${a.slice(0, 300)}\n  engine: ${b.slice(0, 300)}`;
    }
    return undefined;
  }
  const a = JSON.stringify(w, big);
  const b = JSON.stringify(g, big);
  return a === b ? undefined : `  redis:  ${a.slice(0, 400)}\n  engine: ${b.slice(0, 400)}`;
}

function within(p: Promise<Resp>, ms: number): Promise<Resp | "timeout"> {
  return Promise.race([p, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), ms))]);
}

describe(`differential, three connections: blocking pops, WATCH and transactions against a real redis-server (seed ${SEED})`, () => {
  const realRedis = useRealRedis();

  it(`answers ${SEGMENTS * STEPS} interleaved commands exactly as redis-server does`, async () => {
    const real = realRedis();
    const server = createRedis();
    const sides: Side[] = [];
    for (let i = 0; i < 3; i++) sides.push({ engine: server.connect(), real: i === 0 ? real.client : await real.connect(), blocked: null, queued: null });
    const r = new Pick(new Prng(SEED));
    const mismatches: string[] = [];
    let steps = 0;
    let served = 0;

    const settleServed = async (where: string) => {
      for (const [i, s] of sides.entries()) {
        if (s.blocked === null || s.engine.block !== null) continue;
        await Promise.resolve();
        const want = await within(s.blocked.real, 2000);
        const got = typed(s.blocked.served as Reply);
        if (want === "timeout") mismatches.push(`${where} conn ${i} ${JSON.stringify(s.blocked.args)}: the engine served it, redis did not`);
        else {
          const diff = same(want, got, s.blocked.args);
          if (diff) mismatches.push(`${where} conn ${i} ${JSON.stringify(s.blocked.args)} (served)\n${diff}`);
        }
        s.blocked = null;
        served++;
      }
    };

    const run = async (i: number, args: string[], where: string) => {
      const s = sides[i];
      const realReply = s.real.send(args);
      const out = s.engine.execute(args);
      steps++;
      if (out instanceof Pending) {
        const rec: NonNullable<Side["blocked"]> = { args, served: undefined, real: realReply };
        void out.promise.then((v) => (rec.served = v));
        s.blocked = rec;
        const early = await within(realReply, 5);
        if (early !== "timeout") mismatches.push(`${where} conn ${i} ${JSON.stringify(args)}: the engine blocked, redis answered ${JSON.stringify(early, big)}`);
        return;
      }
      const want = await realReply;
      const diff = same(want, outcome(out), args, s.queued);
      if (diff) mismatches.push(`${where} conn ${i} ${JSON.stringify(args)}\n${diff}`);
      const name = args[0].toLowerCase();
      if (name === "multi" && want.t === "simple") s.queued = [];
      else if (name === "exec" || name === "discard") s.queued = null;
      else if (s.queued !== null && want.t === "simple" && want.v === "QUEUED") s.queued.push(args);
      await settleServed(where);
    };

    for (let seg = 0; seg < SEGMENTS; seg++) {
      await run(0, ["FLUSHALL"], `seg ${seg}`);
      for (const i of [0, 1, 2]) await run(i, ["SELECT", "0"], `seg ${seg}`);
      for (let k = 0; k < STEPS; k++) {
        const free = sides.map((s, i) => (s.blocked === null ? i : -1)).filter((i) => i >= 0);
        const i = r.of(free);
        const roll = r.prng.next();
        let args: string[];
        if (roll < 0.15 && free.length > 1) args = blockingCommand(r);
        else if (roll < 0.45) args = feeding(r);
        else if (roll < 0.6) args = txCommand(r);
        else args = randomCommand(r);
        await run(i, args, `seg ${seg} step ${k}`);
      }
      // Release whoever still waits: feed each key it waits on, in its database, with its type.
      for (let round = 0; round < 10 && sides.some((s) => s.blocked !== null); round++) {
        const stuck = sides.find((s) => s.blocked !== null)!;
        const i = sides.findIndex((s) => s.blocked === null);
        const zset = stuck.blocked!.args[0].toUpperCase().startsWith("BZ");
        const key = stuck.blocked!.args.find((a) => KEYS.includes(a))!;
        const feed = zset ? ["ZADD", key, "1", "z"] : ["RPUSH", key, "z1", "z2"];
        for (const args of [["EXEC"], ["SELECT", String(stuck.engine.db.id)], ["DEL", key], feed, ["SELECT", "0"]]) await run(i, args, `seg ${seg} release`);
      }
      for (const i of [0, 1, 2]) if (sides[i].blocked === null) await run(i, ["DISCARD"], `seg ${seg} end`);
      const stuck = sides.filter((s) => s.blocked !== null).map((s) => `${JSON.stringify(s.blocked!.args)} in db ${s.engine.db.id}`);
      if (stuck.length) throw new Error(`seg ${seg}: connections still blocked: ${stuck.join(", ")}`);
    }
    expect(served).toBeGreaterThan(20);
    expect(mismatches, `${mismatches.length} of ${steps} replies differ:\n${mismatches.slice(0, 30).join("\n")}`).toEqual([]);
  });
});
