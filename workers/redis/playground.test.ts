import { describe, expect, it } from "vitest";
import { redisModule } from "./playground.ts";
import type { RedisTrace } from "./trace.ts";

describe("playground/redis", () => {
  it("keeps whole milliseconds when the run clock is fractional (performance.now), so SET … PX works", async () => {
    let t = 1234.5678;
    const events: unknown[] = [];
    const redis = redisModule({ now: () => t, trace: (e) => events.push(e) });
    const client = await redis.createClient().connect();
    expect(await client.set("lock", "1", { NX: true, PX: 5_000 })).toBe("OK");
    t += 0.25;
    expect(await client.pTTL("lock")).toBe(5_000);
    redis.advanceTime(5_001);
    expect(await client.get("lock")).toBeNull();
    // The expiry's deadline is on the run clock, as `t` is: PX 5000 set at run time 1234.57 (whole ms in Redis).
    expect(events.find((e) => (e as RedisTrace).kind === "expire")).toMatchObject({ at: expect.closeTo(1234.5 + 5_000, 0) });
    const advance = events.find((e) => (e as RedisTrace).kind === "advance") as RedisTrace;
    expect(advance).toMatchObject({ source: "redis", ms: 5_001 });
  });
});
