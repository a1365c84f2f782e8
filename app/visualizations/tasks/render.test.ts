// The picture rendered to HTML from a trace the tasks engine produced, at two moments of the
// playhead: the lanes' text alternative follows the playhead, a destroyed task is told as such.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../../workers/trace";
import { EventLoop, createTask, gc, run, sleep, type TasksTrace } from "../../../workers/tasks/index.ts";
import { finishedRun, viewAt } from "../cluster/testing/view";
import Tasks from "./Tasks";
import { tasksModule } from "../../../workers/tasks/playground.ts";

const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

async function fireAndForget(): Promise<TraceEvent[]> {
  const events: TasksTrace[] = [];
  const loop = new EventLoop({ tracer: (e) => events.push(e), exceptionHandler: () => {} });
  await run(
    async () => {
      createTask(async () => {
        await loop.createFuture<void>();
      }, "send_email");
      await sleep(20);
      await gc();
      await sleep(5);
    },
    { loop },
  );
  return events.map((e) => ({ ...e, loop: 1 })) as unknown as TraceEvent[];
}

describe("the tasks picture, rendered", () => {
  it("shows a forgotten task pending before the collection and destroyed after it", async () => {
    const all = await fireAndForget();
    const render = (time: number | null) => words(renderToString(createElement(Tasks, { store: finishedRun(all), view: viewAt(all, time) })));
    const before = render(10);
    expect(before).toMatch(/send_email 0 ms 1 a future \(10 ms\) pending/);
    expect(before).toContain("by this moment");
    const after = render(null);
    expect(after).toContain("1 destroyed while pending");
    expect(after).toMatch(/send_email .* destroyed while pending \(nothing referenced it\) at 20 ms/);
  });

  it("offers to crash the workers running at the playhead's moment, and outside the run() to go to one", async () => {
    const all: TraceEvent[] = [];
    const api = tasksModule({ now: () => 0, trace: (e) => all.push(e), log: () => {} });
    await api.run(async () => {
      const queue = api.memoryQueue<string>();
      queue.worker("w1", async () => void (await api.sleep(300)));
      queue.worker("w2", async () => void (await api.sleep(300)));
      await queue.add("ada");
      await api.sleep(1000);
      await queue.stop();
    });
    all.sort((a, b) => a.t - b.t);
    const inject = () => {};
    const render = (time: number | null, withInject = true) =>
      renderToString(createElement(Tasks, { store: finishedRun(all), view: viewAt(all, time), inject: withInject ? inject : undefined }));
    const during = render(150);
    expect(during).toContain('aria-label="Crash w1 here, at 150 ms of run() #1; it holds 1"');
    expect(during).toContain('aria-label="Crash w2 here, at 150 ms of run() #1; it holds no job"');
    expect(words(during)).toMatch(/At 150 ms of run\(\) #1 ?, run your code again with a worker killed here/);
    const after = words(render(1500)); // past the run()'s last event
    expect(words(render(null))).toMatch(/No worker of jobs is running at 1 s of run\(\) #1 ?: nothing to crash here/);
    expect(after).toMatch(/To crash a worker, move the playhead into this run\(\): Show when w1 took 1/);
    expect(after).not.toContain("Crash w1 here");
    // Where the page cannot run code, no controls.
    expect(words(render(150, false))).not.toMatch(/Crash w1 here|Show when/);
  });

  it("lists the run()s above their pictures once there are three, marking the one the playhead is in", async () => {
    const all: TraceEvent[] = [];
    let t = 0;
    const api = tasksModule({ now: () => t, trace: (e) => all.push(e), log: () => {} });
    await api.run(async () => void (await api.sleep(100)));
    await api.run(async () => {
      const queue = api.memoryQueue<string>();
      queue.worker("w1", async () => void (await api.sleep(10)));
      await queue.add("ada");
      await api.sleep(50);
      await queue.stop();
    });
    t = 1000;
    await api.run(async () => void (await api.sleep(100)));
    all.sort((a, b) => a.t - b.t);
    const render = (time: number | null) => renderToString(createElement(Tasks, { store: finishedRun(all), view: viewAt(all, time) }));
    const end = render(null);
    expect(end).toContain('aria-label="The run()s of this run"');
    // main and the runner's two shutdown tasks
    expect(end).toContain('aria-label="run() #1: 3 tasks"');
    expect(end).toMatch(/aria-label="run\(\) #2: \d+ tasks, a job queue"/);
    expect(end).toContain('id="tasks-run-3"');
    expect(end).not.toContain("aria-current");
    // In the third run() (it starts at 1000 ms on the run's clock): that button is marked.
    expect(render(1050)).toContain('aria-current="true" aria-label="run() #3: 3 tasks (the playhead is in it)"');
    // Two run()s need no index.
    const two = all.filter((e) => (e as { loop?: number }).loop !== 3);
    expect(renderToString(createElement(Tasks, { store: finishedRun(two), view: viewAt(two, null) }))).not.toContain("The run()s of this run");
  });

  it("says what a run without tasks or queues lacks", () => {
    const html = renderToString(createElement(Tasks, { store: finishedRun([]), view: viewAt([], null) }));
    expect(words(html)).toContain("neither playground/tasks' event loop nor a job queue");
  });
});
