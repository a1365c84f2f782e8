// Every kind of trace event the tasks engine emits, from one small program each.
import { describe, expect, it } from "vitest";
import { EventLoop, createTask, gc, run, sleep, toThread, type TasksTrace, type ThreadContext } from "./index.ts";

async function traced(main: (loop: EventLoop) => Promise<unknown>): Promise<TasksTrace[]> {
  const events: TasksTrace[] = [];
  const loop = new EventLoop({ tracer: (e) => events.push(e), exceptionHandler: () => {} });
  await run(() => main(loop), { loop });
  return events;
}

const phasesOf = (events: TasksTrace[], task: string) =>
  events.flatMap((e) => (e.kind === "task" && e.task === task ? [e.phase] : []));

describe("tasks trace", () => {
  it("follows a task from created to finished, with what it awaited", async () => {
    const events = await traced(async () => {
      const t = createTask(async () => {
        await sleep(10);
        return "ok";
      }, "job");
      await t;
    });
    expect(phasesOf(events, "job")).toEqual(["created", "started", "awaited", "resumed", "finished"]);
    const finished = events.find((e) => e.kind === "task" && e.task === "job" && e.phase === "finished");
    expect(finished).toMatchObject({ outcome: 'returned "ok"', t: 10 });
    const awaited = events.find((e) => e.kind === "task" && e.task === "main" && e.phase === "awaited");
    expect(awaited).toMatchObject({ on: "job" });
  });

  it("marks cancelled and destroyed tasks", async () => {
    const events = await traced(async (loop) => {
      const c = createTask(() => sleep(100), "cancelled-one");
      createTask(async () => {
        await loop.createFuture<void>();
      }, "forgotten");
      await sleep(0);
      c.cancel();
      await gc();
      await sleep(0);
    });
    expect(phasesOf(events, "cancelled-one").at(-1)).toBe("cancelled");
    expect(phasesOf(events, "forgotten").at(-1)).toBe("destroyed");
  });

  it("reports a blocked loop with its duration and the task that blocked it", async () => {
    const events = await traced(async (loop) => {
      await sleep(5);
      loop.cpu(30);
    });
    expect(events.filter((e) => e.kind === "loop-blocked")).toEqual([{ t: 5, source: "tasks", kind: "loop-blocked", task: "main", durationMs: 30 }]);
  });

  it("shows the GIL passing between the loop and worker threads", async () => {
    const events = await traced(async () => {
      await toThread(function* spin(th: ThreadContext) {
        yield th.cpu(12);
        return 1;
      }, "spinner");
    });
    const gil = events.filter((e) => e.kind === "gil");
    expect(gil[0]).toMatchObject({ from: "loop", to: "spinner", t: 0 });
    expect(gil.some((e) => e.kind === "gil" && e.from === "spinner" && e.to === "loop" && e.t === 12)).toBe(true);
  });
});
