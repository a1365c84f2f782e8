import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../workers/trace";
import { injectionReport } from "./injection-report";

const crash = (worker: string, atMs = 150, loop = 3) => ({ action: "crash", loop, atMs, worker }) as const;
const told = (over: object) => ({ t: 2150, source: "tasks", loop: 3, kind: "injected", action: "crash", worker: "w1", atMs: 150, loopMs: 150, ...over }) as unknown as TraceEvent;

describe("what became of the crashes a run injected", () => {
  it("a job lost with the in-memory queue, and a crash landing late past a blocked loop", () => {
    const trace = [
      told({ outcome: "crashed", queue: "jobs", holding: ["1"], loopMs: 300 }),
      { t: 2150, source: "queue", loop: 3, queue: "jobs", kind: "worker", worker: "w1", phase: "crashed", holding: ["1"], by: "page" },
      { t: 2150, source: "queue", loop: 3, queue: "jobs", kind: "lost", worker: "w1", id: "1" },
    ] as TraceEvent[];
    const report = injectionReport([crash("w1")], trace);
    expect(report.sentences).toEqual(["Ran again with w1 crashed at 300 ms of run() #3 (the loop was blocked over 150 ms)"]);
    expect(report.details).toEqual(["w1 died holding 1.", "1 was lost with w1: nothing will deliver it again."]);
    expect(report.at).toBe(trace[1]);
  });

  it("a job nobody claimed before its run() ended", () => {
    const trace = [told({ outcome: "crashed", queue: "jobs", holding: ["1-0"] })];
    expect(injectionReport([crash("w1")], trace).details).toEqual([
      "w1 died holding 1-0.",
      "1-0 was still pending, held by the dead w1, when run() #3 ended: no other worker claimed it in time.",
    ]);
  });

  it("says so when nothing was crashed, whatever the reason", () => {
    const trace = [
      { t: 0, source: "tasks", loop: 4, kind: "task", phase: "created", task: "main" },
      told({ outcome: "no-such-worker", worker: "w9", workers: ["w1", "w2"] }),
      told({ outcome: "not-running", worker: "w2", state: "crashed", queue: "jobs" }),
      told({ outcome: "loop-ended", worker: "w1", atMs: 90_000, loopMs: 40_000 }),
    ] as TraceEvent[];
    const report = injectionReport([crash("w9"), crash("w2"), crash("w1", 90_000), crash("w1", 10, 7)], trace);
    expect(report.sentences).toEqual([
      "Ran again, but run() #3 has no worker named w9 (its workers: w1, w2): nothing was crashed",
      "Ran again, but w2 was not running at 150 ms of run() #3 (it had crashed): nothing was crashed",
      "Ran again, but run() #3 ended at 40 s, before 90 s: nothing was crashed",
      "Ran again, but this run had no run() #7 (it reached run() #4): nothing was crashed",
    ]);
    expect(report.at).toBeNull();
  });
});
