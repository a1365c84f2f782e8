import { describe, expect, it } from "vitest";
import { RedisServer } from "../engine.ts";
import { createClientFor, type RedisClientTrace } from "./client.ts";

function setup() {
  let now = 1_700_000_000_000;
  const trace: RedisClientTrace[] = [];
  const server = new RedisServer({ now: () => now });
  const createClient = createClientFor(server, { now: () => now, trace: (e) => trace.push(e) });
  return { createClient, trace, advance: (ms: number) => (now += ms) };
}

describe("the lesson's Redis client (node-redis style)", () => {
  it("refuses commands until connected, then speaks camelCase", async () => {
    const { createClient } = setup();
    const client = createClient();
    await expect(client.get("k")).rejects.toThrow("The client is closed");
    await client.connect();
    expect(await client.set("k", "v", { EX: 60 })).toBe("OK");
    expect(await client.get("k")).toBe("v");
    expect(await client.ttl("k")).toBe(60);
    expect(await client.set("k", "w", { NX: true })).toBeNull();
    expect(await client.incr("n")).toBe(1);
    expect(await client.hSet("h", { a: 1, b: "two" })).toBe(2);
    expect(await client.hGetAll("h")).toEqual({ a: "1", b: "two" });
    await client.zAdd("z", [
      { score: 2, value: "b" },
      { score: 1, value: "a" },
    ]);
    expect(await client.zRangeWithScores("z", 0, -1)).toEqual([
      { value: "a", score: 1 },
      { value: "b", score: 2 },
    ]);
    await expect(client.incr("h")).rejects.toThrow("WRONGTYPE Operation against a key holding the wrong kind of value");
  });

  it("expires keys on the engine's clock", async () => {
    const { createClient, advance } = setup();
    const client = await createClient().connect();
    await client.set("session", "x", { PX: 1500 });
    advance(1000);
    expect(await client.get("session")).toBe("x");
    advance(600);
    expect(await client.get("session")).toBeNull();
  });

  it("runs MULTI/EXEC from a chain", async () => {
    const { createClient } = setup();
    const client = await createClient().connect();
    expect(await client.multi().set("a", "1").incr("a").get("a").exec()).toEqual(["OK", 2, "2"]);
  });

  it("delivers published messages to a duplicate's listeners, by channel and by pattern", async () => {
    const { createClient } = setup();
    const client = await createClient().connect();
    const subscriber = await client.duplicate().connect();
    const got: string[] = [];
    await subscriber.subscribe("news", (message, channel) => got.push(`${channel}:${message}`));
    await subscriber.pSubscribe("news.*", (message, channel) => got.push(`p ${channel}:${message}`));
    expect(await client.publish("news", "hello")).toBe(1);
    expect(await client.publish("news.tech", "wasm")).toBe(1);
    expect(got).toEqual(["news:hello", "p news.tech:wasm"]);
    await expect(subscriber.get("x")).rejects.toThrow(/only \(P\|S\)SUBSCRIBE/);
  });

  it("reports each round trip with the simulated network time", async () => {
    const { createClient, trace } = setup();
    const client = await createClient({ rttMs: 2, name: "web" }).connect();
    await client.get("missing");
    expect(trace).toEqual([expect.objectContaining({ source: "redis-client", client: "web", command: "GET", key: "missing", latencyMs: 2 })]);
  });
});
