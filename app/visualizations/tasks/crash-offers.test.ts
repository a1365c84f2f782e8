import { describe, expect, it } from "vitest";
import { crashMoment, firstTake, loopSpans } from "./crash-offers";
import type { QueueEvent, TasksEvent } from "./read";

// run() #2 starts at 1000.1 on the run's axis (the first ended there); its queue: w1 takes 1-0 at
// 0 ms and acks it at 600, w2 takes 2-0 at 600 (the same moment), w1 stops at 5000.
const base = 1000.1;
const at = (ms: number) => base + ms;
const q = "jobs";
const tasks: TasksEvent[] = [
  { t: 0, source: "tasks", loop: 1, kind: "task", phase: "created", task: "main" },
  { t: 1000, source: "tasks", loop: 1, kind: "task", phase: "finished", task: "main", outcome: "returned null" },
  { t: at(0), source: "tasks", loop: 2, kind: "task", phase: "created", task: "main" },
  { t: at(6000), source: "tasks", loop: 2, kind: "task", phase: "finished", task: "main", outcome: "returned null" },
];
const queue: QueueEvent[] = [
  { t: at(0), source: "queue", loop: 2, queue: q, kind: "worker", worker: "w1", phase: "started" },
  { t: at(0), source: "queue", loop: 2, queue: q, kind: "worker", worker: "w2", phase: "started" },
  { t: at(0), source: "queue", loop: 2, queue: q, kind: "added", id: "1-0", key: "a" },
  { t: at(0), source: "queue", loop: 2, queue: q, kind: "read", worker: "w1", id: "1-0", deliveries: 1 },
  { t: at(600), source: "queue", loop: 2, queue: q, kind: "acked", worker: "w1", id: "1-0" },
  { t: at(600), source: "queue", loop: 2, queue: q, kind: "added", id: "2-0", key: "b" },
  { t: at(600), source: "queue", loop: 2, queue: q, kind: "read", worker: "w2", id: "2-0", deliveries: 1 },
  { t: at(5000), source: "queue", loop: 2, queue: q, kind: "worker", worker: "w1", phase: "stopped" },
];

const spans = loopSpans(tasks, queue);

describe("what the queue board offers to crash", () => {
  it("finds where each run() lies on the axis", () => {
    expect([...loopSpans(tasks, queue)]).toEqual([
      [1, { start: 0, end: 1000 }],
      [2, { start: base, end: at(6000) }],
    ]);
  });

  it("offers exactly the workers running at the end of the playhead's moment, with what they hold, in that run()'s ms", () => {
    expect(crashMoment(spans, queue, 2, q, at(150))).toEqual({
      loop: 2,
      atMs: 150,
      offers: [
        { worker: "w1", holding: ["1-0"] },
        { worker: "w2", holding: [] },
      ],
    });
    // At 600 ms w1 acks and w2 takes the next job in the same moment: the crash would land after both.
    expect(crashMoment(spans, queue, 2, q, at(600))!.offers).toEqual([
      { worker: "w1", holding: [] },
      { worker: "w2", holding: ["2-0"] },
    ]);
    // w1 stopped: only w2 is offered.
    expect(crashMoment(spans, queue, 2, q, at(5500))).toEqual({ loop: 2, atMs: 5500, offers: [{ worker: "w2", holding: ["2-0"] }] });
  });

  it("offers nothing outside that run(), and names the moment in µs whatever the axis's float sums", () => {
    expect(crashMoment(spans, queue, 2, q, 500)).toBeNull(); // run() #1's time
    expect(crashMoment(spans, queue, 2, q, at(6000.5))).toBeNull(); // after its last event
    expect(crashMoment(spans, queue, 1, q, 500)).toEqual({ loop: 1, atMs: 500, offers: [] }); // a run() without that queue
    expect(crashMoment(spans, queue, 2, q, base + 0.1 + 0.2)!.atMs).toBe(0.3);
  });

  it("points at the first job taken, a moment worth crashing at", () => {
    expect(firstTake(queue, 2, q)).toMatchObject({ worker: "w1", id: "1-0", t: at(0) });
    expect(firstTake(queue, 1, q)).toBeNull();
  });
});
