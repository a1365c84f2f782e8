// The fire-and-forget trap as a learner meets it: the loop holds tasks weakly, so a collection
// destroys a waiting task nothing references; a set with a discard callback fixes it.
import { describe, expect, it } from "vitest";
import { CancelledError, Event, EventLoop, GeneratorExit, TaskSet, createTask, gc, run, sleep, type ExceptionContext, type Task } from "./index.ts";

/** A reply future only the worker's frame holds (as an RPC client's table of pending requests). */
function worker(loop: EventLoop, log: string[]) {
  return async () => {
    const reply = loop.createFuture<number>();
    loop.stepping!.frame.add(reply);
    log.push("waiting");
    try {
      log.push(`got ${await reply}`);
    } catch (e) {
      log.push(e instanceof GeneratorExit ? "closed by gc" : e instanceof CancelledError ? "cancelled" : "other");
      throw e;
    } finally {
      log.push("finally");
    }
  };
}

function reporting(): { loop: EventLoop; reports: string[] } {
  const reports: string[] = [];
  const loop = new EventLoop({ exceptionHandler: (ctx: ExceptionContext) => reports.push(`${ctx.message} [${ctx.name}]`) });
  return { loop, reports };
}

describe("the fire-and-forget trap", () => {
  it("gc destroys a waiting task nothing references: GeneratorExit at its await, finally runs, the loop reports it", async () => {
    const { loop, reports } = reporting();
    const log: string[] = [];
    let task: Task<void> | undefined;
    await run(
      async () => {
        task = createTask(worker(loop, log), "send-email");
        await sleep(0);
        expect(loop.allTasks.has(task)).toBe(true);
        await gc();
        log.push("after gc");
      },
      { loop },
    );
    expect(log).toEqual(["waiting", "closed by gc", "finally", "after gc"]);
    expect(reports).toEqual(["Task was destroyed but it is pending! [send-email]"]);
    expect(task!.destroyed).toBe(true);
  });

  it("the fix: a set of tasks with a discard done callback keeps it alive until it finishes", async () => {
    const { loop, reports } = reporting();
    const log: string[] = [];
    const backgroundTasks = new TaskSet();
    let reply: import("./future.ts").Future<number> | undefined;
    await run(
      async () => {
        const task = createTask(async () => {
          reply = loop.createFuture<number>();
          log.push(`got ${await reply}`);
        });
        backgroundTasks.add(task);
        task.addDoneCallback((t) => backgroundTasks.discard(t as Task<void>));
        await sleep(0);
        await gc();
        reply!.setResult(42);
        await sleep(0);
        await sleep(0);
        log.push(`left ${backgroundTasks.size}`);
      },
      { loop },
    );
    expect(log).toEqual(["got 42", "left 0"]);
    expect(reports).toEqual([]);
  });

  it("a sleeping task survives gc: the loop's timer references it", async () => {
    const { loop, reports } = reporting();
    const done: string[] = [];
    await run(
      async () => {
        createTask(async () => {
          await sleep(20);
          done.push("woke");
        });
        await sleep(10);
        await gc();
        await sleep(20);
      },
      { loop },
    );
    expect(done).toEqual(["woke"]);
    expect(reports).toEqual([]);
  });

  it("reports an exception nobody retrieved right after the unreferenced task fails", async () => {
    const { loop, reports } = reporting();
    const log: string[] = [];
    await run(
      async () => {
        createTask(async () => {
          throw new Error("lost");
        }, "lost-task");
        await sleep(0);
        log.push(`reports after the failure: ${reports.length}`);
      },
      { loop },
    );
    expect(reports).toEqual(["Task exception was never retrieved [lost-task]"]);
    expect(log).toEqual(["reports after the failure: 1"]);
  });

  it("an Event made at module level holds its waiters; one made by a finished task does not", async () => {
    const { loop, reports } = reporting();
    const moduleEvent = new Event();
    const log: string[] = [];
    await run(
      async () => {
        createTask(async () => {
          await moduleEvent.wait();
          log.push("module waiter woke");
        }, "module-waiter");
        const maker = createTask(async () => {
          const local = new Event();
          createTask(async () => {
            await local.wait();
            log.push("never");
          }, "local-waiter");
        });
        await maker;
        await sleep(0);
        await gc();
        moduleEvent.set();
        await sleep(0);
        await sleep(0);
      },
      { loop },
    );
    expect(log).toEqual(["module waiter woke"]);
    expect(reports).toEqual(["Task was destroyed but it is pending! [local-waiter]"]);
  });
});
