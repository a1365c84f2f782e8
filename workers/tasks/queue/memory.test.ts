// The in-memory queue does the same work as the durable one until a worker dies: then the job it
// held is gone. The same producer, handler and crash, run against both queues side by side.
import { describe, expect, it } from "vitest";
import { callLater } from "../api.ts";
import { runningLoop, sleep } from "../combinators.ts";
import { ofKind, withDurableQueue, withMemoryQueue, type Email } from "./testing/scenario.ts";
import type { QueueTrace } from "./trace.ts";
import type { JobQueue } from "./types.ts";

/** w1 takes the one job, w2 starts, and w1 is killed 51 ms into its 100 ms send; 40 s pass. */
async function crashMidSend(queue: JobQueue<Email>): Promise<{ to: string; t: number; worker: string }[]> {
  const sent: { to: string; t: number; worker: string }[] = [];
  const handler = async (job: { payload: Email; worker: string }) => {
    await sleep(100);
    sent.push({ to: job.payload.to, t: runningLoop().time(), worker: job.worker });
  };
  const w1 = queue.worker("w1", handler);
  await queue.add({ to: "a@x" }, { key: "welcome:1" });
  await sleep(1); // w1 has taken it
  queue.worker("w2", handler);
  callLater(50, () => w1.crash());
  await sleep(40_000);
  return sent;
}

describe("the in-memory queue beside the durable one", () => {
  it("the same crash: the durable queue delivers the job again, the in-memory one loses it", async () => {
    let memEvents: QueueTrace[] = [];
    const memory = await withMemoryQueue({}, async ({ queue, events }) => {
      memEvents = events;
      const sent = await crashMidSend(queue);
      return { sent, waiting: queue.waiting() };
    });
    const durable = await withDurableQueue({}, async ({ queue }) => crashMidSend(queue));

    expect(durable.map((s) => [s.to, s.worker])).toEqual([["a@x", "w2"]]);
    expect(memory.sent).toEqual([]);
    expect(memory.waiting).toBe(0);
    expect(ofKind(memEvents, "lost")).toMatchObject([{ t: 51, worker: "w1", id: "1" }]);
  });

  it("without a crash it does the same work: every job once, shared between workers", async () => {
    const out = await withMemoryQueue({}, async ({ queue, events }) => {
      const done: string[] = [];
      for (const name of ["w1", "w2"]) queue.worker(name, async (job) => {
        await sleep(100);
        done.push(job.payload.to);
      });
      for (let i = 0; i < 6; i++) await queue.add({ to: `${i}@x` });
      await sleep(1000);
      return { done, events };
    });
    expect(out.done.sort()).toEqual(["0@x", "1@x", "2@x", "3@x", "4@x", "5@x"]);
    expect(new Set(ofKind(out.events, "read").map((e) => e.worker))).toEqual(new Set(["w1", "w2"]));
  });

  it("retries with the same doubling backoff and dead-letters after maxDeliveries", async () => {
    const out = await withMemoryQueue({ maxDeliveries: 3, backoffMs: 500 }, async ({ queue, events }) => {
      queue.worker("w1", () => {
        throw new Error("nope");
      });
      await queue.add({ to: "a@x" });
      await sleep(10_000);
      return { events, dead: queue.dead };
    });
    expect(ofKind(out.events, "read").map((e) => [e.t, e.deliveries])).toEqual([
      [0, 1],
      [500, 2],
      [1500, 3],
    ]);
    expect(out.dead).toEqual([{ id: "1", key: "1", payload: { to: "a@x" }, error: "Error: nope" }]);
  });

  it("refuses a maxDeliveries of 0, saying so", async () => {
    await expect(withMemoryQueue({ maxDeliveries: 0 }, async () => undefined)).rejects.toThrow("maxDeliveries must be a whole number ≥ 1 (got 0)");
  });
});
