// The queue functions as lesson code gets them: one trace for the run, queue events and Redis
// commands interleaved in time order on the loop's milliseconds (one playhead orders them).
import { describe, expect, it } from "vitest";
import { callLater } from "../api.ts";
import { sleep } from "../combinators.ts";
import { run } from "../runner.ts";
import { queuePlayground } from "./playground.ts";

describe("queuePlayground", () => {
  it("puts the queue's events and Redis's on the run's trace, in time order", async () => {
    const trace: { t: number; source: string; kind: string; name?: string }[] = [];
    const q = queuePlayground({ trace: (e) => trace.push(e) });
    await run(async () => {
      const redis = q.createRedis();
      const queue = await q.durableQueue<{ to: string }>(redis.createClient({ name: "api" }), { visibilityMs: 5000, backoffMs: 500 });
      const w1 = queue.worker("w1", () => sleep(100));
      queue.worker("w2", () => sleep(100));
      await queue.add({ to: "a@x" }, { key: "k" });
      callLater(50, () => q.queueControls(queue).crash("w1"));
      await sleep(8000);
      await queue.stop();
      return w1.state;
    });
    // A client's round trip is stamped with its start and told when its reply came (a blocked
    // read's much later): the page merges by time. Everything else arrives in time order.
    expect(trace.some((e) => e.source === "redis-client")).toBe(true);
    const times = trace.filter((e) => e.source !== "redis-client").map((e) => e.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const story = trace.filter((e) => e.source === "queue" || (e.source === "redis" && e.kind === "command" && /^x(add|ack|autoclaim)$/.test(e.name!))).map((e) => (e.source === "queue" ? e.kind : e.name));
    // Added, read by w1, crash, then after the 5 s timeout w2 claims, reads and acks it.
    expect(story.filter((k) => k !== "xautoclaim" && k !== "worker")).toEqual(["xadd", "added", "read", "claimed", "read", "xack", "acked"]);
    expect(trace.find((e) => e.source === "queue" && e.kind === "claimed")!.t).toBeGreaterThanOrEqual(5000);
  });
});
