// The lanes drawn from traces the tasks engine itself produced (not hand-written events).
import { describe, expect, it } from "vitest";
import { EventLoop, createTask, gc, run, sleep, type TasksTrace } from "../../../workers/tasks/index.ts";
import { endingText, loopPictures } from "./lanes";
import type { TasksEvent } from "./read";

async function traced(main: (loop: EventLoop) => Promise<unknown>): Promise<TasksEvent[]> {
  const events: TasksTrace[] = [];
  const loop = new EventLoop({ tracer: (e) => events.push(e), exceptionHandler: () => {} });
  await run(() => main(loop), { loop });
  return events as TasksEvent[];
}

describe("event loop lanes", () => {
  it("gives each task a lane: ready, then running steps and the waits between them", async () => {
    const [picture] = loopPictures(
      await traced(async () => {
        const job = createTask(async () => {
          await sleep(10);
          await sleep(5);
          return 1;
        }, "job");
        await job;
      }),
    );
    const job = picture.lanes.find((l) => l.task === "job")!;
    expect(job.segments.map((s) => [s.kind, s.from, s.to, s.on])).toEqual([
      ["ready", 0, 0, undefined],
      ["running", 0, 0, undefined],
      ["waiting", 0, 10, "sleep"],
      ["running", 10, 10, undefined],
      ["waiting", 10, 15, "sleep"],
      ["running", 15, 15, undefined],
    ]);
    expect(job.steps).toBe(3);
    expect(endingText(job.ending)).toBe("returned 1");
    // asyncio.run ends with its own two shutdown tasks, as CPython does.
    expect(picture.lanes.map((l) => l.task)).toEqual(["main", "job", "shutdown_asyncgens", "shutdown_default_executor"]);
    expect(picture.end).toBe(15);
  });

  it("marks the loop blocked across its duration, and a forgotten task destroyed where it vanished", async () => {
    const [picture] = loopPictures(
      await traced(async (loop) => {
        createTask(async () => {
          await loop.createFuture<void>();
        }, "forgotten");
        await sleep(2);
        loop.cpu(30);
        await gc();
        await sleep(0);
      }),
    );
    expect(picture.blocked).toEqual([{ from: 2, to: 32, task: "main" }]);
    const forgotten = picture.lanes.find((l) => l.task === "forgotten")!;
    expect(forgotten.ending).toEqual({ how: "destroyed", t: 32 });
    expect(forgotten.segments.at(-1)).toMatchObject({ kind: "waiting", to: 32 });
  });

  it("keeps a segment open at the moment shown when the trace stops mid-wait", async () => {
    const events = await traced(async () => {
      await sleep(100);
    });
    const cut = events.filter((e) => e.t < 50);
    const [picture] = loopPictures(cut);
    expect(picture.lanes[0].segments.at(-1)).toMatchObject({ kind: "waiting", to: null });
    expect(picture.lanes[0].ending).toBeNull();
  });

  it("draws one picture per asyncio.run, by the loop number the playground stamps", async () => {
    const first = (await traced(async () => sleep(1))).map((e) => ({ ...e, loop: 1 }));
    const second = (await traced(async () => sleep(1))).map((e) => ({ ...e, t: e.t + 5, loop: 2 }));
    expect(loopPictures([...first, ...second]).map((p) => [p.loop, p.start, p.end])).toEqual([
      [1, 0, 1],
      [2, 5, 6],
    ]);
  });
});
