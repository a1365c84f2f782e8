// Threads under the GIL and the process pool, in virtual time: CPU-bound work gains nothing from
// threads, blocking work overlaps, processes run CPU work in parallel and keep their memory.
import { describe, expect, it } from "vitest";
import { EventLoop, PICKLE_BASE_MS, SWITCH_INTERVAL_MS, WORKER_START_MS, createTask, gather, run, sleep, toProcess, toThread, type ThreadContext } from "./index.ts";

async function elapsed(main: (loop: EventLoop) => unknown): Promise<number> {
  const loop = new EventLoop();
  await run(() => main(loop), { loop });
  return loop.time();
}

const cpuJob = (ms: number) =>
  function* cpuBound(th: ThreadContext) {
    yield th.cpu(ms);
    return ms;
  };

const ioJob = (ms: number) =>
  function* ioBound(th: ThreadContext) {
    yield th.block(ms);
    return ms;
  };

describe("threads under the GIL", () => {
  it("CPU-bound work takes as long on 4 threads as on 1", async () => {
    const one = await elapsed(async () => await toThread(cpuJob(400)));
    const four = await elapsed(() => gather([0, 1, 2, 3].map(() => toThread(cpuJob(100)))));
    expect(one).toBe(400);
    expect(four).toBe(400);
  });

  it("I/O-bound work overlaps: 4 threads blocking 100 ms take 100 ms", async () => {
    const four = await elapsed(() => gather([0, 1, 2, 3].map(() => toThread(ioJob(100)))));
    expect(four).toBe(100);
  });

  it("a spinning thread hands the GIL over every switch interval, so loop timers run late by at most that", async () => {
    const woke: number[] = [];
    await elapsed(async (loop) => {
      const ticker = createTask(async () => {
        for (let i = 0; i < 3; i++) {
          await sleep(20);
          woke.push(loop.time());
        }
      });
      await toThread(cpuJob(100));
      await ticker;
    });
    expect(woke).toEqual([20 + SWITCH_INTERVAL_MS, 40 + 2 * SWITCH_INTERVAL_MS, 60 + 3 * SWITCH_INTERVAL_MS]);
  });
});

describe("the process pool", () => {
  it("runs CPU work on 2 workers in parallel, paying the fork and the pickles", async () => {
    const t = await elapsed(() => gather([toProcess(cpuJob(100)), toProcess(cpuJob(100))]));
    expect(t).toBeGreaterThanOrEqual(100 + WORKER_START_MS + 2 * PICKLE_BASE_MS);
    expect(t).toBeLessThan(120);
    const three = await elapsed(() => gather([0, 1, 2].map(() => toProcess(cpuJob(100)))));
    expect(three).toBeGreaterThan(200);
  });

  it("a child's memory is its own: its log stays there, only the returned copy comes back", async () => {
    const parentLog: string[] = [];
    const shared = { n: 1 };
    const result = await run(async () =>
      toProcess(function* child(th) {
        if (!th.inChild) parentLog.push("ran in the parent");
        yield th.block(1);
        return shared;
      }),
    );
    expect(parentLog).toEqual([]);
    expect(result).toEqual({ n: 1 });
    expect(result).not.toBe(shared);
  });
});
