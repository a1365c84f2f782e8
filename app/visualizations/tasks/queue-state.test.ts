import { describe, expect, it } from "vitest";
import { pendingByWorker, queueStates } from "./queue-state";
import type { QueueEvent } from "./read";

const q = "jobs";
const crashAndReclaim: QueueEvent[] = [
  { t: 0, source: "queue", queue: q, kind: "worker", worker: "w1", phase: "started" },
  { t: 0, source: "queue", queue: q, kind: "worker", worker: "w2", phase: "started" },
  { t: 1, source: "queue", queue: q, kind: "added", id: "1-0", key: "welcome:ada" },
  { t: 2, source: "queue", queue: q, kind: "read", worker: "w1", id: "1-0", deliveries: 1 },
  { t: 3, source: "queue", queue: q, kind: "worker", worker: "w1", phase: "crashed", holding: ["1-0"] },
  { t: 30_003, source: "queue", queue: q, kind: "claimed", worker: "w2", ids: ["1-0"], deleted: [] },
  { t: 30_003, source: "queue", queue: q, kind: "read", worker: "w2", id: "1-0", deliveries: 2 },
  { t: 30_010, source: "queue", queue: q, kind: "acked", worker: "w2", id: "1-0" },
];

describe("a queue at a moment", () => {
  it("shows a crashed worker still holding its job until another claims it", () => {
    const [mid] = queueStates(crashAndReclaim.slice(0, 5));
    expect(mid.workers.get("w1")).toBe("crashed");
    expect(pendingByWorker(mid)).toEqual([
      { worker: "w1", state: "crashed", jobs: [expect.objectContaining({ id: "1-0", deliveries: 1 })] },
      { worker: "w2", state: "running", jobs: [] },
    ]);
    const [end] = queueStates(crashAndReclaim);
    expect(end.jobs).toEqual([expect.objectContaining({ id: "1-0", place: "done", deliveries: 2 })]);
    expect(end.moves.at(-1)!.text).toBe("w2 acknowledged 1-0: done");
  });

  it("follows retries into the dead-letter stream, and a job lost with the in-memory queue", () => {
    const [dead, memory] = queueStates([
      { t: 0, source: "queue", queue: q, kind: "added", id: "1-0", key: "" },
      { t: 1, source: "queue", queue: q, kind: "read", worker: "w1", id: "1-0", deliveries: 1 },
      { t: 2, source: "queue", queue: q, kind: "retry", worker: "w1", id: "1-0", deliveries: 1, backoffMs: 100, error: "SMTP down" },
      { t: 3, source: "queue", queue: "memory", kind: "added", id: "job-1", key: "" },
      { t: 4, source: "queue", queue: "memory", kind: "read", worker: "m1", id: "job-1", deliveries: 1 },
      { t: 5, source: "queue", queue: "memory", kind: "lost", worker: "m1", id: "job-1" },
      { t: 102, source: "queue", queue: q, kind: "dead-lettered", worker: "w1", id: "1-0", deadId: "102-0", deliveries: 3, error: "SMTP down" },
    ]);
    expect(dead.jobs[0]).toMatchObject({ place: "dead", deadId: "102-0", deliveries: 3, error: "SMTP down" });
    expect(memory.jobs[0]).toMatchObject({ place: "lost", worker: null });
    const [retrying] = queueStates([
      { t: 0, source: "queue", queue: q, kind: "added", id: "1-0", key: "" },
      { t: 1, source: "queue", queue: q, kind: "read", worker: "w1", id: "1-0", deliveries: 1 },
      { t: 2, source: "queue", queue: q, kind: "retry", worker: "w1", id: "1-0", deliveries: 1, backoffMs: 100, error: "SMTP down" },
    ]);
    expect(retrying.jobs[0]).toMatchObject({ place: "pending", worker: "w1", retryAt: 102 });
  });

  it("keeps each run()'s queue apart: a fresh loop's stream of the same name starts its IDs again", () => {
    const inLoop = (loop: number) => crashAndReclaim.map((e) => ({ ...e, loop, t: e.t + loop * 100_000 }));
    const states = queueStates([...inLoop(1), ...inLoop(2).slice(0, 5)]);
    expect(states.map((s) => [s.loop, s.name, s.jobs.length])).toEqual([
      [1, "jobs", 1],
      [2, "jobs", 1],
    ]);
    expect(states[0].jobs[0]).toMatchObject({ place: "done", deliveries: 2 });
    expect(states[1].jobs[0]).toMatchObject({ place: "pending", worker: "w1", deliveries: 1 });
  });
});
