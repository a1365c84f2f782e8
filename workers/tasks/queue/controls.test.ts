// The page's hook (crash / restart by name, the workers as plain data) and the workers' hold on
// life: the loop keeps tasks weakly, so a gc() must not take a queue's idle workers away.
import { describe, expect, it } from "vitest";
import { callLater, gc } from "../api.ts";
import { sleep } from "../combinators.ts";
import { queueControls } from "./controls.ts";
import { ofKind, withDurableQueue } from "./testing/scenario.ts";

describe("queue controls", () => {
  it("crash and restart by name, as a button would; the views say who holds what", async () => {
    const out = await withDurableQueue({ visibilityMs: 30_000 }, async ({ queue, events }) => {
      const controls = queueControls(queue);
      queue.worker("w1", () => sleep(100));
      queue.worker("w2", () => sleep(100));
      await queue.add({ to: "a@x" });
      await sleep(50);
      const before = controls.workers();
      const crashed = [controls.crash("w1"), controls.crash("w1"), controls.crash("nobody")];
      const during = controls.workers();
      await sleep(40_000);
      const restarted = [controls.restart("w1"), controls.restart("w2")];
      await sleep(10);
      return { before, crashed, during, restarted, after: controls.workers(), acked: ofKind(events, "acked") };
    });
    expect(out.before).toEqual([
      { name: "w1", state: "running", holding: [out.acked[0].id] },
      { name: "w2", state: "running", holding: [] },
    ]);
    expect(out.crashed).toEqual([true, false, false]);
    expect(out.during[0]).toEqual({ name: "w1", state: "crashed", holding: [] });
    expect(out.acked.map((e) => e.worker)).toEqual(["w2"]);
    expect(out.restarted).toEqual([true, false]);
    expect(out.after.map((w) => w.state)).toEqual(["running", "running"]);
  });

  it("gc() does not destroy idle workers blocked in XREADGROUP: the queue holds their tasks", async () => {
    const done = await withDurableQueue({}, async ({ queue }) => {
      const done: string[] = [];
      queue.worker("w1", async (job) => {
        done.push(job.payload.to);
      });
      await sleep(5000);
      await gc();
      callLater(10, () => void queue.add({ to: "after-gc@x" }));
      await sleep(100);
      return done;
    });
    expect(done).toEqual(["after-gc@x"]);
  });

  it("a worker whose own code raises dies of it, as a process would: crashed, with the error", async () => {
    const out = await withDurableQueue({}, async ({ queue, producer, events }) => {
      const w1 = queue.worker("w1", () => sleep(10));
      await sleep(100);
      await producer.sendCommand(["XGROUP", "DESTROY", "jobs", "workers"]); // releases w1's blocked read with an error
      await sleep(10);
      return { state: w1.state, crashed: ofKind(events, "worker").filter((e) => e.phase === "crashed") };
    });
    expect(out.state).toBe("crashed");
    expect(out.crashed).toEqual([
      { t: 100, source: "queue", queue: "jobs", kind: "worker", worker: "w1", phase: "crashed", holding: [], error: "Error: NOGROUP the consumer group this client was blocked on no longer exists" },
    ]);
  });
});
