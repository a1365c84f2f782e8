// Seeded chaos: workers killed at random moments (mid-send, after the send, while idle) and
// restarted later, jobs of random lengths. Whatever the schedule, the durable queue loses no job
// and, with the idempotency key, sends each email once; the in-memory queue, under the same
// schedule, loses jobs.
import { describe, expect, it } from "vitest";
import { callLater } from "../api.ts";
import { runningLoop, sleep } from "../combinators.ts";
import { intBetween, mulberry32, type Rng } from "../../testing/prng.ts";
import { ofKind, withDurableQueue, withMemoryQueue, type Email } from "./testing/scenario.ts";
import type { Job, JobQueue } from "./types.ts";

const SEED = Number(process.env.QUEUE_CHAOS_SEED ?? 20261207);
const JOBS = 40;

/** Adds JOBS jobs over time, runs 3 workers, kills one at random every so often and restarts it. */
async function chaos(queue: JobQueue<Email>, rng: Rng, useKey: boolean): Promise<Map<string, number>> {
  const sent = new Map<string, number>();
  const handler = async (job: Job<Email>) => {
    const send = async () => {
      await sleep(intBetween(rng, 20, 200));
      sent.set(job.payload.to, (sent.get(job.payload.to) ?? 0) + 1);
    };
    if (useKey) await job.once(send);
    else await send();
    await sleep(intBetween(rng, 100, 500)); // after the email, before XACK
  };
  const workers = ["w1", "w2", "w3"].map((n) => queue.worker(n, handler));
  for (let t = 0; t < 20_000; t += intBetween(rng, 200, 900)) {
    callLater(t, () => {
      const w = workers[intBetween(rng, 0, workers.length - 1)];
      if (w.state !== "running") return;
      w.crash();
      callLater(intBetween(rng, 500, 4000), () => w.restart());
    });
  }
  for (let i = 0; i < JOBS; i++) {
    await queue.add({ to: `user${i}@x` }, { key: `welcome:${i}` });
    await sleep(intBetween(rng, 0, 400));
  }
  await sleep(120_000 - runningLoop().time()); // long after the last crash and its timeouts
  return sent;
}

describe(`chaos (seed ${SEED}; QUEUE_CHAOS_SEED picks another)`, () => {
  it("the durable queue: every job done, none pending or dead, each email sent once with the key", async () => {
    const out = await withDurableQueue({ visibilityMs: 5000, backoffMs: 500, pollMs: 500 }, async ({ queue, producer, events }) => {
      const sent = await chaos(queue, mulberry32(SEED), true);
      return { sent, events, pending: await producer.sendCommand(["XPENDING", "jobs", "workers"]), dead: await producer.sendCommand(["XLEN", "jobs:dead"]) };
    });
    expect(ofKind(out.events, "worker").filter((e) => e.phase === "crashed").length).toBeGreaterThan(10);
    expect(out.sent.size).toBe(JOBS);
    expect([...out.sent.values()].every((n) => n === 1)).toBe(true);
    expect(out.pending).toEqual([0, null, null, null]);
    expect(out.dead).toBe(0);
    // The key did work: some deliveries found the email already sent.
    expect(ofKind(out.events, "duplicate-skipped").length).toBeGreaterThan(0);
  });

  it("without the key the same schedule sends some emails twice (at least once), still losing none", async () => {
    const sent = await withDurableQueue({ visibilityMs: 5000, backoffMs: 500, pollMs: 500 }, ({ queue }) => chaos(queue, mulberry32(SEED), false));
    expect(sent.size).toBe(JOBS);
    expect([...sent.values()].some((n) => n > 1)).toBe(true);
  });

  it("the in-memory queue under the same schedule loses jobs", async () => {
    const out = await withMemoryQueue({}, async ({ queue, events }) => ({ sent: await chaos(queue, mulberry32(SEED), true), events }));
    const lost = ofKind(out.events, "lost");
    expect(lost.length).toBeGreaterThan(0);
    // A lost job is never read again (whether its email had gone out before the crash or not).
    for (const l of lost) expect(ofKind(out.events, "read").filter((r) => r.id === l.id && r.t > l.t)).toEqual([]);
    expect(out.sent.size).toBeGreaterThanOrEqual(JOBS - lost.length);
    expect([...out.sent.values()].every((n) => n === 1)).toBe(true); // nothing is delivered twice: nothing is delivered again
  });
});
