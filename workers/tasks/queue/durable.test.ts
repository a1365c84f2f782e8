// The durable queue on the Redis engine's streams, in the tasks loop's virtual time: a job a
// crashed worker held comes back to another worker after the visibility timeout; retries back
// off by the delivery count; the dead-letter stream after N deliveries; the idempotency key
// turning at-least-once delivery into one side effect; many workers competing; determinism.
import { describe, expect, it } from "vitest";
import { callLater } from "../api.ts";
import { runningLoop, sleep } from "../combinators.ts";
import { EPOCH } from "./redis-on-loop.ts";
import { ofKind, withDurableQueue, type Email } from "./testing/scenario.ts";
import type { Job, QueueWorker } from "./types.ts";

interface Sent {
  t: number;
  to: string;
  worker: string;
}

/** The stream ID of the seq-th entry added at virtual ms (Redis's clock is EPOCH + loop ms). */
const sid = (ms: number, seq: number) => `${EPOCH + ms}-${seq}`;

/** An email service: sending takes 100 ms, then the email is out (the side effect). */
function mailer() {
  const clock = () => runningLoop().time();
  const sent: Sent[] = [];
  return {
    sent,
    async send(job: Job<Email>) {
      await sleep(100);
      sent.push({ t: clock(), to: job.payload.to, worker: job.worker });
    },
  };
}

describe("the durable queue", () => {
  it("runs each job once, in stream order, and acknowledges it", async () => {
    const { sent, pending, ids } = await withDurableQueue({}, async ({ queue, producer }) => {
      const mail = mailer();
      const ids = [await queue.add({ to: "a@x" }), await queue.add({ to: "b@x" }), await queue.add({ to: "c@x" })];
      queue.worker("w1", (job) => mail.send(job));
      await sleep(1000);
      return { sent: mail.sent, pending: await producer.sendCommand(["XPENDING", "jobs", "workers"]), ids };
    });
    expect(ids).toEqual([sid(0, 0), sid(0, 1), sid(0, 2)]); // `*` IDs at virtual ms 0
    expect(sent.map((s) => [s.to, s.t])).toEqual([
      ["a@x", 100],
      ["b@x", 200],
      ["c@x", 300],
    ]);
    expect(pending).toEqual([0, null, null, null]);
  });

  it("delivers a crashed worker's job to another worker after the visibility timeout, and loses nothing", async () => {
    const out = await withDurableQueue({ visibilityMs: 30_000, pollMs: 1000 }, async ({ queue, producer, events }) => {
      const mail = mailer();
      const w1 = queue.worker("w1", (job) => mail.send(job));
      await sleep(10);
      queue.worker("w2", (job) => mail.send(job));
      await queue.add({ to: "a@x" }, { key: "welcome:1" });
      callLater(50, () => w1.crash()); // mid-send: the email is not out yet
      await sleep(1000);
      const held = await producer.sendCommand(["XPENDING", "jobs", "workers", "-", "+", "10"]);
      await sleep(40_000);
      const after = await producer.sendCommand(["XPENDING", "jobs", "workers"]);
      return { sent: mail.sent, held, after, events, w1State: w1.state };
    });
    // Un-acked under w1's name while w1 is dead: [id, consumer, idle ms, deliveries].
    expect(out.held).toEqual([[sid(10, 0), "w1", 1000, 1]]);
    expect(out.w1State).toBe("crashed");
    const crash = ofKind(out.events, "worker").find((e) => e.phase === "crashed")!;
    expect(crash).toMatchObject({ t: 60, worker: "w1", holding: [sid(10, 0)] });
    const claim = ofKind(out.events, "claimed")[0];
    expect(claim.worker).toBe("w2");
    expect(claim.ids).toEqual([sid(10, 0)]);
    // w2 looks every second (pollMs); the entry is claimable once idle ≥ 30 s (read at 10 ms).
    expect(claim.t).toBeGreaterThanOrEqual(30_010);
    expect(claim.t).toBeLessThan(30_010 + 1000 + 2);
    expect(ofKind(out.events, "read").map((e) => [e.worker, e.deliveries])).toEqual([
      ["w1", 1],
      ["w2", 2],
    ]);
    expect(out.sent).toEqual([{ t: claim.t + 100, to: "a@x", worker: "w2" }]);
    expect(out.after).toEqual([0, null, null, null]);
  });

  it("at least once: a crash after the side effect and before XACK sends the email twice", async () => {
    const sent = await crashAfterEffect(false);
    expect(sent.map((s) => s.worker)).toEqual(["w1", "w2"]);
  });

  it("the idempotency key makes that one email: the second delivery skips the effect", async () => {
    const sent = await crashAfterEffect(true);
    expect(sent.map((s) => s.worker)).toEqual(["w1"]);
  });

  it("retries a failing job with a backoff that doubles with XPENDING's delivery count, then dead-letters it", async () => {
    const out = await withDurableQueue({ maxDeliveries: 4, backoffMs: 1000, pollMs: 100, visibilityMs: 30_000 }, async ({ queue, producer, events }) => {
      const tries: number[] = [];
      queue.worker("w1", async (job) => {
        tries.push(job.deliveries);
        throw new Error("SMTP 451 try again later");
      });
      await queue.add({ to: "a@x" }, { key: "welcome:1" });
      await sleep(20_000);
      const dead = await producer.sendCommand(["XRANGE", "jobs:dead", "-", "+"]);
      const pending = await producer.sendCommand(["XPENDING", "jobs", "workers"]);
      return { tries, dead, pending, events };
    });
    expect(out.tries).toEqual([1, 2, 3, 4]);
    const reads = ofKind(out.events, "read").map((e) => e.t);
    const retries = ofKind(out.events, "retry");
    expect(retries.map((r) => [r.deliveries, r.backoffMs, r.error])).toEqual([
      [1, 1000, "Error: SMTP 451 try again later"],
      [2, 2000, "Error: SMTP 451 try again later"],
      [3, 4000, "Error: SMTP 451 try again later"],
    ]);
    for (let i = 0; i < retries.length; i++) {
      const gap = reads[i + 1] - retries[i].t;
      // Due after the backoff; taken at the worker's next look (every pollMs, +1 ms for BLOCK's deadline).
      expect(gap).toBeGreaterThanOrEqual(retries[i].backoffMs);
      expect(gap).toBeLessThanOrEqual(retries[i].backoffMs + 100 + 1);
    }
    const dl = ofKind(out.events, "dead-lettered");
    expect(dl).toHaveLength(1);
    expect(dl[0]).toMatchObject({ id: sid(0, 0), deliveries: 4, error: "Error: SMTP 451 try again later" });
    expect(out.dead).toEqual([
      [dl[0].deadId, ["id", sid(0, 0), "key", "welcome:1", "payload", '{"to":"a@x"}', "error", "Error: SMTP 451 try again later", "deliveries", "4"]],
    ]);
    expect(out.pending).toEqual([0, null, null, null]);
  });

  it("dead-letters a poison job that kills every worker that takes it, without running it an N+1th time", async () => {
    const out = await withDurableQueue({ maxDeliveries: 2, pollMs: 1000, visibilityMs: 10_000, backoffMs: 1000 }, async ({ queue, producer, events }) => {
      const workers = new Map<string, QueueWorker>();
      const runs: string[] = [];
      const poison = async (job: Job<Email>) => {
        runs.push(job.worker);
        workers.get(job.worker)!.crash(); // out of memory, say
        await sleep(1);
      };
      for (const name of ["w1", "w2", "w3"]) {
        workers.set(name, queue.worker(name, poison));
        await sleep(1);
      }
      await queue.add({ to: "a@x" });
      await sleep(60_000);
      return { runs, events, dead: await producer.sendCommand(["XLEN", "jobs:dead"]), pending: await producer.sendCommand(["XPENDING", "jobs", "workers"]) };
    });
    expect(out.runs).toEqual(["w1", "w2"]);
    expect(ofKind(out.events, "dead-lettered")).toMatchObject([{ worker: "w3", deliveries: 3, error: "delivered 3 times without an acknowledgement" }]);
    expect(out.dead).toBe(1);
    expect(out.pending).toEqual([0, null, null, null]);
  });

  it("XPENDING counts each worker's jobs in hand", async () => {
    const summary = await withDurableQueue({}, async ({ queue, producer }) => {
      for (const name of ["w1", "w2", "w3"]) queue.worker(name, () => sleep(500));
      await sleep(1);
      for (let i = 0; i < 5; i++) await queue.add({ to: `${i}@x` });
      await sleep(100);
      return producer.sendCommand(["XPENDING", "jobs", "workers"]);
    });
    expect(summary).toEqual([
      3,
      sid(1, 0),
      sid(1, 2),
      [
        ["w1", "1"],
        ["w2", "1"],
        ["w3", "1"],
      ],
    ]);
  });

  it("many workers compete: every job done once, taken in stream order, shared out", async () => {
    const out = await withDurableQueue({}, async ({ queue, events }) => {
      const mail = mailer();
      for (const name of ["w1", "w2", "w3", "w4"]) queue.worker(name, (job) => mail.send(job));
      for (let i = 0; i < 20; i++) await queue.add({ to: `${i}@x` });
      await sleep(2000);
      return { sent: mail.sent, events };
    });
    expect(out.sent.map((s) => s.to).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `${i}@x`).sort());
    const reads = ofKind(out.events, "read");
    expect(reads.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => sid(0, i)));
    const per = new Map<string, number>();
    for (const r of reads) per.set(r.worker, (per.get(r.worker) ?? 0) + 1);
    expect([...per.values()]).toEqual([5, 5, 5, 5]);
    // Four at a time, 100 ms each: the last email is out at 500 ms, not 2000.
    expect(Math.max(...out.sent.map((s) => s.t))).toBe(500);
  });

  it("a restarted worker takes back its own pending job at once (XREADGROUP from ID 0), before any timeout", async () => {
    const out = await withDurableQueue({ visibilityMs: 30_000 }, async ({ queue, events }) => {
      const mail = mailer();
      const w1 = queue.worker("w1", (job) => mail.send(job));
      await queue.add({ to: "a@x" });
      callLater(50, () => w1.crash());
      callLater(2000, () => w1.restart());
      await sleep(3000);
      return { sent: mail.sent, events, state: w1.state };
    });
    expect(out.state).toBe("running");
    expect(ofKind(out.events, "worker").map((e) => [e.t, e.phase])).toEqual([
      [0, "started"],
      [50, "crashed"],
      [2000, "restarted"],
      [3000, "stopped"],
    ]);
    expect(ofKind(out.events, "read").map((e) => [e.t, e.worker, e.deliveries])).toEqual([
      [0, "w1", 1],
      [2000, "w1", 2],
    ]);
    expect(out.sent).toEqual([{ t: 2100, to: "a@x", worker: "w1" }]);
  });

  it("a restarted worker skips an entry of its history that another worker claimed and finished meanwhile", async () => {
    const out = await withDurableQueue({ visibilityMs: 5000, backoffMs: 1000, pollMs: 500, maxDeliveries: 3 }, async ({ queue, events }) => {
      const runs: string[] = [];
      const handler = async (job: Job<Email>) => {
        runs.push(`${job.payload.to} ${job.worker} #${job.deliveries}`);
        if (job.payload.to === "a" && job.deliveries === 1) throw new Error("flaky");
        await sleep(job.payload.to === "a" && job.worker === "w1" ? 6000 : 100);
      };
      const w1 = queue.worker("w1", handler);
      await queue.add({ to: "a" }); // fails at once: pending under w1, due again in 1 s
      await sleep(10);
      await queue.add({ to: "b" }); // w1 takes it and dies on it
      callLater(40, () => w1.crash());
      await sleep(90);
      w1.restart(); // its history: a and b, both delivered again
      queue.worker("w2", handler);
      await sleep(10_000);
      return { runs, events };
    });
    // a runs 6 s on w1, past the visibility timeout: w2 claims a and then b, and finishes both.
    // When w1 is done with a, b is no longer pending: it does not run b a third time.
    expect(out.runs).toEqual(["a w1 #1", "b w1 #1", "a w1 #2", "a w2 #3", "b w2 #3"]);
    expect(ofKind(out.events, "read").filter((e) => e.worker === "w1").map((e) => e.deliveries)).toEqual([1, 1, 2]);
    expect(ofKind(out.events, "acked").map((e) => e.worker)).toEqual(["w2", "w2", "w1"]);
  });

  it("refuses settings where a retry's backoff outlasts the visibility timeout, saying what to change", async () => {
    await expect(withDurableQueue({ visibilityMs: 5000, backoffMs: 1000, maxDeliveries: 5 }, async () => undefined)).rejects.toThrow(
      "the longest backoff (8000 ms, before delivery 5) must fit in the visibility timeout (5000 ms)",
    );
  });

  it("refuses a poll of 0 ms (BLOCK 0 would wait forever) and fractions Redis would refuse", async () => {
    await expect(withDurableQueue({ pollMs: 0 }, async () => undefined)).rejects.toThrow("pollMs must be a whole number ≥ 1 (got 0)");
    await expect(withDurableQueue({ visibilityMs: 1.5 }, async () => undefined)).rejects.toThrow("visibilityMs must be a whole number ≥ 1 (got 1.5)");
  });

  it("XAUTOCLAIM drops a pending entry deleted from the stream and says so", async () => {
    const claimed = await withDurableQueue({ visibilityMs: 5000, pollMs: 500, backoffMs: 500 }, async ({ queue, producer, events }) => {
      const w1 = queue.worker("w1", () => sleep(1000));
      await queue.add({ to: "a@x" });
      await queue.add({ to: "b@x" });
      callLater(10, () => w1.crash());
      await sleep(20);
      await producer.sendCommand(["XDEL", "jobs", sid(0, 0)]);
      queue.worker("w2", () => sleep(10));
      await sleep(10_000);
      return ofKind(events, "claimed");
    });
    expect(claimed.map((c) => [c.worker, c.ids, c.deleted])).toEqual([["w2", [], [sid(0, 0)]]]);
  });

  it("is deterministic: the same run gives the same trace and the same Redis commands", async () => {
    const once = () =>
      withDurableQueue({ pollMs: 700, backoffMs: 300 }, async ({ queue, events, commands }) => {
        const workers = ["w1", "w2", "w3"].map((n, i) => queue.worker(n, async (job) => {
          await sleep(40 + 10 * i);
          if (job.payload.to.startsWith("3") && job.deliveries < 2) throw new Error("flaky");
        }));
        for (let i = 0; i < 8; i++) await queue.add({ to: `${i}@x` }, { key: `k${i}` });
        callLater(45, () => workers[0].crash());
        await sleep(45_000);
        return JSON.stringify({ events, commands });
      });
    const a = await once();
    expect(a).toContain("XAUTOCLAIM");
    expect(await once()).toBe(a);
  });
});

/** w1 sends, then crashes before XACK (while logging); w2 gets the job after the timeout. */
async function crashAfterEffect(useKey: boolean): Promise<Sent[]> {
  return withDurableQueue({ visibilityMs: 30_000 }, async ({ queue, events }) => {
    const mail = mailer();
    const handler = async (job: Job<Email>) => {
      if (useKey) await job.once(() => mail.send(job));
      else await mail.send(job);
      await sleep(50); // writing an audit log: the crash comes here, after the email went out
    };
    const w1 = queue.worker("w1", handler);
    await sleep(1);
    queue.worker("w2", handler);
    await queue.add({ to: "a@x" }, { key: "welcome:1" });
    callLater(120, () => w1.crash());
    await sleep(40_000);
    expect(ofKind(events, "duplicate-skipped")).toHaveLength(useKey ? 1 : 0);
    expect(ofKind(events, "acked").map((e) => e.worker)).toEqual(["w2"]);
    return mail.sent;
  });
}
