// A step left running once the microtasks have run out (loop.ts, watchStall): a task that awaits
// a real timer, or an async function called without await whose awaits take a task's place,
// fail with a RuntimeError that says why, at once, instead of holding the run until its limit.
import { describe, expect, it } from "vitest";
import { Event, RuntimeError, createTask, gather, run, sleep } from "./index.ts";

const EXPLAINED = /was left waiting for something the event loop cannot see\. Usually an async function was called without await/;

describe("a step that never ends", () => {
  it("fails a task awaiting a real timer with a RuntimeError naming it", async () => {
    const outcome = run(async () => {
      await sleep(10);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return "never";
    });
    await expect(outcome).rejects.toBeInstanceOf(RuntimeError);
    await expect(outcome).rejects.toThrow(/^task 'main' was left waiting/);
  });

  it("fails the run with the explanation when an async call is not awaited (it held the run until its time limit)", async () => {
    const log: string[] = [];
    const outcome = run(async () => {
      const ready = new Event();
      const worker = createTask(async () => {
        const send = async () => {
          await sleep(5);
          log.push("sent");
          await ready.wait();
        };
        void send(); // the mistake: in Python this coroutine would never start
        await ready.wait();
        return "worker done";
      }, "worker");
      await sleep(1);
      ready.set();
      return gather([worker]);
    });
    await expect(outcome).rejects.toThrow(EXPLAINED);
    expect(log).toEqual(["sent"]);
  });

  it("leaves a correct run alone: awaits that end in plain promises and inner async functions", async () => {
    const value = await run(async () => {
      const inner = async (n: number) => {
        await Promise.resolve();
        await sleep(n);
        return n;
      };
      const t = createTask(() => inner(3), "inner");
      await new Promise<void>((r) => queueMicrotask(r));
      return (await inner(2)) + (await t);
    });
    expect(value).toBe(5);
  });
});
