// The glob matcher behind KEYS, SCAN MATCH, PSUBSCRIBE and friends, against Redis 7.0.15 as Debian
// ships it (util.c stringmatchlen with its nesting limit): abusive patterns, and a seeded stream
// of random patterns compared with a real redis-server.
import { describe, expect, it } from "vitest";
import { createRedis } from "./index.ts";
import { globMatch } from "./glob.ts";
import { useRealRedis } from "./testing/real-redis.ts";
import { intBetween, mulberry32, pick, type Rng } from "../testing/prng.ts";

describe("globMatch on patterns built to exhaust it", () => {
  it("KEYS with 50,000 `*?` pairs answers an empty array, as Redis does (its nesting limit)", async () => {
    const c = createRedis().connect();
    await c.sendCommand(["SET", "a".repeat(50_000), "1"]);
    expect(await c.sendCommand(["KEYS", "*?".repeat(50_000)])).toEqual([]);
  });

  it("gives up past 1,000 nested stars, and a trailing star nests nothing", () => {
    const key = "a".repeat(1100);
    expect(globMatch("*a".repeat(1000), key)).toBe(true);
    expect(globMatch("*a".repeat(1001), key)).toBe(false);
    expect(globMatch("a*".repeat(1001), key)).toBe(true);
    expect(globMatch("a*".repeat(1002), key)).toBe(false);
  });

  it("answers a long run of stars that cannot match without trying every split", () => {
    expect(globMatch("a*".repeat(20) + "b", "a".repeat(40))).toBe(false);
  });
});

// Bytes that mean something to the matcher, and one above 127 (compared as a signed char).
const PATTERN_BYTES = ["a", "b", "*", "?", "[", "]", "^", "-", "\\", "\xe9"];
const KEY_BYTES = ["a", "b", "A", "-", "]", "^", "\\", "[", "*", "?", "\xe9", "z"];

function randomString(rng: Rng, bytes: readonly string[], maxLength: number): string {
  let s = "";
  for (let n = intBetween(rng, 0, maxLength); n > 0; n--) s += pick(rng, bytes);
  return s;
}

// The engine takes strings as node-redis does (UTF-8); the raw client sends bytes as latin1.
const utf8Bytes = (s: string) => Buffer.from(s, "utf8").toString("latin1");
const fromUtf8Bytes = (s: string) => Buffer.from(s, "latin1").toString("utf8");

describe("globMatch against a real redis-server", () => {
  const realRedis = useRealRedis();

  it("KEYS answers every random pattern with the same keys", async () => {
    const rng = mulberry32(20260514);
    const real = realRedis();
    const conn = createRedis().connect();
    await real.client.send(["FLUSHALL"]);
    const keys = new Set(Array.from({ length: 60 }, () => randomString(rng, KEY_BYTES, 6)));
    for (const key of keys) {
      await real.client.send(["SET", utf8Bytes(key), "1"]);
      await conn.sendCommand(["SET", key, "1"]);
    }
    const disagreements: string[] = [];
    for (let i = 0; i < 400; i++) {
      const pattern = randomString(rng, PATTERN_BYTES, 8);
      const reply = await real.client.send(["KEYS", utf8Bytes(pattern)]);
      const want = reply.t === "array" ? (reply.v ?? []).map((r) => (r.t === "bulk" && r.v !== null ? fromUtf8Bytes(r.v) : r)).sort() : reply;
      const got = ((await conn.sendCommand(["KEYS", pattern])) as string[]).sort();
      if (JSON.stringify(got) !== JSON.stringify(want)) disagreements.push(`KEYS ${JSON.stringify(pattern)}: ${JSON.stringify(got)}, Redis ${JSON.stringify(want)}`);
    }
    expect(disagreements).toEqual([]);
  });
});
