import { describe, expect, it } from "vitest";
import { redisModule } from "../../../workers/redis/playground";
import type { TraceEvent } from "../../../workers/trace";
import { keysAt, lessonTime, percentile, readRun, summarize } from "./model";

/** A real playground Redis on a hand-driven run clock, plus a Postgres statement stamped by hand. */
async function scenario() {
  let now = 0;
  const trace: TraceEvent[] = [];
  const redis = redisModule({ now: () => now, trace: (e) => trace.push(e) });
  const client = await redis.createClient().connect();
  await client.get("top"); // miss at 0
  trace.push({ t: 1, source: "postgres", kind: "query", via: "query", text: "SELECT 1", durationMs: 400, rowCount: 1 });
  now = 401;
  await client.set("top", "[]", { EX: 300 });
  await client.set("lock", "1", { NX: true, PX: 5_000 });
  await client.set("lock", "2", { NX: true, PX: 5_000 }); // refused: must not reset the lock's TTL
  now = 1_401;
  await client.get("top"); // hit
  await client.set("plain", "x");
  now = 1_450;
  redis.advanceTime(3_600_000);
  now = 1_500;
  await client.get("top"); // lazily expired: a miss
  await client.del("plain");
  return { trace, run: readRun(trace) };
}

describe("the caching visualization's model", () => {
  it("pairs each GET with its round trip as a hit or a miss, and keeps Postgres statements on the run clock", async () => {
    const { run, trace } = await scenario();
    // Redis's events too are on the run clock (the hour skipped is told by the advance event alone).
    expect(Math.max(...trace.map((e) => e.t))).toBeLessThanOrEqual(1_500);
    expect(run.points.map((p) => [p.kind, Math.round(p.t)])).toEqual([
      ["miss", 0],
      ["query", 1],
      ["hit", 1_401],
      ["miss", 1_500],
    ]);
    expect(run.advances).toEqual([{ t: 1_450, ms: 3_600_000 }]);
    expect(lessonTime(run, 1_500)).toBe(3_601_500);
    const [hits, misses, queries] = summarize(run);
    expect([hits.count, misses.count, queries.count, queries.p50]).toEqual([1, 2, 1, 400]);
  });

  it("replays the keyspace: TTLs count down on the lesson clock, refused SET NX changes nothing, expiry and DEL remove keys", async () => {
    const { run } = await scenario();
    const before = keysAt(run, 1_401);
    expect(before.keys.map((k) => [k.key, k.ttlMs === null ? null : Math.round(k.ttlMs / 1000)])).toEqual([
      ["lock", 4],
      ["plain", null],
      ["top", 299],
    ]);
    const after = keysAt(run, 1_500);
    expect(after.keys).toEqual([]);
    expect(after.history).toEqual([
      { key: "lock", writes: 1, deletes: 0, expired: 1 },
      { key: "plain", writes: 1, deletes: 1, expired: 0 },
      { key: "top", writes: 1, deletes: 0, expired: 1 },
    ]);
  });

  it("takes nearest-rank percentiles", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
    expect(percentile([], 50)).toBeNull();
  });
});
