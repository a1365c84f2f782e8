// The loop's public API as a learner uses it: ordinary async functions on playground/tasks.
import { describe, expect, it } from "vitest";
import {
  CancelledError,
  DeadlockError,
  Event,
  EventLoop,
  Lock,
  Queue,
  TimeoutError,
  ValueError,
  callLater,
  callSoon,
  coro,
  cpu,
  createTask,
  gather,
  run,
  shield,
  sleep,
  waitFor,
} from "./index.ts";

describe("tasks and the ready queue", () => {
  it("starts a task only when its creator suspends, and runs sleep(0) round-robin", async () => {
    const log: string[] = [];
    const worker = (name: string, steps: number) => async () => {
      for (let i = 1; i <= steps; i++) {
        log.push(`${name}${i}`);
        await sleep(0);
      }
      return name;
    };
    const result = await run(async () => {
      const a = createTask(worker("a", 3), "a");
      const b = createTask(worker("b", 2), "b");
      log.push("main");
      return [await a, await b];
    });
    expect(result).toEqual(["a", "b"]);
    expect(log).toEqual(["main", "a1", "b1", "a2", "b2", "a3"]);
  });

  it("runs callSoon callbacks in order before the task that scheduled them resumes", async () => {
    const log: string[] = [];
    await run(async () => {
      callSoon(() => log.push("cb1"));
      callLater(0, () => log.push("later0"));
      callSoon(() => log.push("cb2"));
      await sleep(0);
      log.push("main");
      await sleep(0);
      log.push("main again");
    });
    expect(log).toEqual(["cb1", "cb2", "main", "later0", "main again"]);
  });

  it("moves timers in deadline order and a cpu block delays every one of them", async () => {
    const loop = new EventLoop();
    const woke: [string, number][] = [];
    await run(
      async () => {
        const sleeper = (name: string, ms: number) => async () => {
          await sleep(ms);
          woke.push([name, loop.time()]);
        };
        const tasks = [createTask(sleeper("late", 70)), createTask(sleeper("first", 10)), createTask(sleeper("second", 20))];
        await sleep(0);
        cpu(50);
        expect(loop.time()).toBe(50);
        await gather(tasks);
      },
      { loop },
    );
    expect(woke).toEqual([
      ["first", 50],
      ["second", 50],
      ["late", 70],
    ]);
  });

  it("fails the run when main waits for something nothing will ever complete", async () => {
    await expect(
      run(async () => {
        const loop = EventLoop.running!;
        await loop.createFuture<number>();
      }),
    ).rejects.toBeInstanceOf(DeadlockError);
  });
});

describe("cancellation", () => {
  it("throws CancelledError at the task's await: finally runs, the message travels", async () => {
    const log: string[] = [];
    await run(async () => {
      const t = createTask(async () => {
        try {
          await sleep(1000);
        } finally {
          log.push("cleanup");
        }
      });
      await sleep(10);
      expect(t.cancel("shutting down")).toBe(true);
      expect(t.done()).toBe(false);
      try {
        await t;
      } catch (err) {
        expect(err).toBeInstanceOf(CancelledError);
        log.push(`main caught ${(err as Error).message}`);
      }
      expect(t.cancelled()).toBe(true);
    });
    expect(log[0]).toBe("cleanup");
    expect(log).toContain("main caught shutting down");
  });

  it("a task that swallows the cancellation goes on", async () => {
    const value = await run(async () => {
      const t = createTask(async () => {
        try {
          await sleep(50);
        } catch (e) {
          if (!(e instanceof CancelledError)) throw e;
        }
        await sleep(10);
        return "survived";
      });
      await sleep(10);
      t.cancel();
      return await t;
    });
    expect(value).toBe("survived");
  });

  it("waitFor cancels the inner task at the timeout and waits for its cleanup", async () => {
    const loop = new EventLoop();
    let cleanupDoneAt = -1;
    let timedOutAt = -1;
    await run(
      async () => {
        try {
          await waitFor(
            coro(async () => {
              try {
                await sleep(50);
              } finally {
                await sleep(20);
                cleanupDoneAt = loop.time();
              }
            }),
            20,
          );
        } catch (e) {
          expect(e).toBeInstanceOf(TimeoutError);
          timedOutAt = loop.time();
        }
      },
      { loop },
    );
    expect(cleanupDoneAt).toBe(40);
    expect(timedOutAt).toBe(40);
  });

  it("shield keeps the inner task running when its awaiter is cancelled", async () => {
    const log: string[] = [];
    await run(async () => {
      const inner = createTask(async () => {
        await sleep(30);
        log.push("inner done");
        return 7;
      });
      const outer = createTask(async () => {
        await shield(inner);
      });
      await sleep(10);
      outer.cancel();
      try {
        await outer;
      } catch (e) {
        if (e instanceof CancelledError) log.push("outer cancelled");
      }
      expect(await inner).toBe(7);
    });
    expect(log).toEqual(["outer cancelled", "inner done"]);
  });

  it("gather with returnExceptions returns errors in argument order", async () => {
    const results = await run(async () =>
      gather(
        [
          async () => {
            await sleep(20);
            return 1;
          },
          async () => {
            await sleep(10);
            throw new Error("boom");
          },
          async () => 3,
        ],
        { returnExceptions: true },
      ),
    );
    expect(results[0]).toBe(1);
    expect((results[1] as Error).message).toBe("boom");
    expect(results[2]).toBe(3);
  });
});

describe("Queue, Event and Lock", () => {
  it("a bounded queue makes the producer wait; join waits for taskDone", async () => {
    const log: string[] = [];
    await run(async () => {
      const q = new Queue<number>(1);
      const consumer = createTask(async () => {
        for (;;) {
          const item = await q.get();
          await sleep(10);
          log.push(`got ${item}`);
          q.taskDone();
        }
      });
      for (const i of [1, 2, 3]) {
        await q.put(i);
        log.push(`put ${i}`);
      }
      await q.join();
      log.push("joined");
      consumer.cancel();
    });
    expect(log).toEqual(["put 1", "put 2", "got 1", "put 3", "got 2", "got 3", "joined"]);
  });

  it("Event.set wakes every waiter in order; Lock is FIFO", async () => {
    const log: string[] = [];
    await run(async () => {
      const ev = new Event();
      const lock = new Lock();
      const waiter = (name: string) => async () => {
        await ev.wait();
        await lock.acquire();
        log.push(name);
        await sleep(5);
        lock.release();
      };
      const tasks = ["w1", "w2", "w3"].map((n) => createTask(waiter(n)));
      await sleep(1);
      ev.set();
      await gather(tasks);
      expect(() => lock.release()).toThrow("Lock is not acquired.");
    });
    expect(log).toEqual(["w1", "w2", "w3"]);
  });
});

describe("durations that are not numbers", () => {
  it("sleep(NaN), cpu(NaN), cpu(Infinity) and a NaN timeout raise ValueError where they are called, and the loop goes on", async () => {
    const caught: string[] = [];
    const result = await run(async () => {
      for (const bad of [() => sleep(Number.NaN), () => sleep(undefined as unknown as number), () => cpu(Number.NaN), () => cpu(Number.POSITIVE_INFINITY), () => waitFor(coro(async () => 1), Number.NaN)]) {
        try {
          await bad();
        } catch (e) {
          caught.push(e instanceof ValueError ? e.message : `not a ValueError: ${String(e)}`);
        }
      }
      await sleep(10); // the clock still moves
      return "went on";
    });
    expect(result).toBe("went on");
    expect(caught).toEqual([
      "sleep must be a number of milliseconds, not NaN",
      "sleep must be a number of milliseconds, not undefined",
      "cpu must be a finite number of milliseconds, not NaN",
      "cpu must be a finite number of milliseconds, not Infinity",
      "waitFor's timeout must be a number of milliseconds, not NaN",
    ]);
  });
});
