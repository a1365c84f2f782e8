// playground/tasks's job queues as lesson code gets them: their events (and their Redis's) land on
// the run's axis exactly as the loop's own do — offset by where the loop starts, numbered with it —
// so one playhead orders a worker's crash with the task it cancelled.
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../trace.ts";
import { tasksModule } from "./playground.ts";

type Placed = TraceEvent & { t: number; loop?: number; source: string; kind: string; phase?: string; task?: string; worker?: string };

function module() {
  const trace: Placed[] = [];
  const api = tasksModule({ now: () => 100, trace: (e) => trace.push(e as Placed), log: () => {} });
  return { api, trace };
}

describe("playground/tasks: job queues", () => {
  it("a durable queue's crash and reclaim land on the run's axis, in the second loop's place and in order with its tasks", async () => {
    const { api, trace } = module();
    // A first loop moves the axis on 2 virtual seconds.
    await api.run(async () => void (await api.sleep(2000)));
    const sent: string[] = [];
    await api.run(async () => {
      const redis = api.createRedis();
      const queue = await api.durableQueue<{ to: string }>(redis.createClient({ name: "api" }), { visibilityMs: 5000, backoffMs: 500 });
      const w1 = queue.worker("w1", async (job) => {
        await job.once(async () => {
          await api.sleep(100);
          sent.push(`${job.payload.to} by ${job.worker}`);
        });
      });
      queue.worker("w2", async (job) => {
        await job.once(async () => {
          await api.sleep(100);
          sent.push(`${job.payload.to} by ${job.worker}`);
        });
      });
      await queue.add({ to: "ada@example.com" }, { key: "welcome:ada" });
      await api.sleep(50);
      w1.crash();
      await api.sleep(8000);
      await queue.stop();
    });
    expect(sent).toEqual(["ada@example.com by w2"]);
    const second = trace.filter((e) => e.loop === 2);
    const queueEvents = second.filter((e) => e.source === "queue");
    // The loop began where the first ended (100 + 2000) and its events carry its number.
    expect(Math.min(...second.map((e) => e.t))).toBe(2100);
    expect(trace.filter((e) => e.source === "queue").every((e) => e.loop === 2)).toBe(true);
    const crashed = queueEvents.find((e) => e.kind === "worker" && e.phase === "crashed")!;
    const claimed = queueEvents.find((e) => e.kind === "claimed")!;
    expect(crashed.t).toBe(2150);
    expect(claimed.t - crashed.t).toBeGreaterThanOrEqual(5000 - 50);
    // Queue and tasks events interleave in time order on the axis (a Redis client's round trip is
    // stamped at its start and may arrive later, as queue/playground.test.ts says).
    const ordered = second.filter((e) => e.source === "queue" || e.source === "tasks");
    const times = ordered.map((e) => e.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // The worker task w1 was cancelled at the crash's moment on the same axis.
    const w1Cancelled = second.find((e) => e.source === "tasks" && e.kind === "task" && e.phase === "cancelled" && String(e.task).includes("w1"));
    expect(w1Cancelled?.t).toBe(crashed.t);
    expect(queueEvents.map((e) => e.kind)).toEqual(expect.arrayContaining(["added", "read", "claimed", "acked"]));
  });

  it("the in-memory queue loses the job on the same crash, and says so on the axis", async () => {
    const { api, trace } = module();
    const sent: string[] = [];
    await api.run(async () => {
      const queue = api.memoryQueue<{ to: string }>();
      const w1 = queue.worker("w1", async (job) => {
        await api.sleep(100);
        sent.push(job.payload.to);
      });
      queue.worker("w2", async (job) => {
        await api.sleep(100);
        sent.push(job.payload.to);
      });
      await queue.add({ to: "ada@example.com" });
      await api.sleep(50);
      w1.crash();
      await api.sleep(8000);
      await queue.stop();
    });
    expect(sent).toEqual([]);
    const lost = trace.find((e) => e.source === "queue" && e.kind === "lost")!;
    expect(lost).toMatchObject({ loop: 1, t: 150, worker: "w1" });
  });
});
