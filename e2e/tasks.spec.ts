// playground/tasks in the browser's sandbox (SES lockdown, the module hardened): learner code
// drives asyncio's loop, its trace reaches the page, the fire-and-forget trap prints the loop's
// own message, a task that never yields is still stopped by the run's limit, and measureWorkers
// runs the learner's CPU-bound export on real Web Workers started by the cluster's host.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test, expect, openLesson, output, runCode, status, visualization } from "./fixtures";
import type { Page } from "@playwright/test";

const welcomeStarter = () => readFileSync(resolve("lessons/welcome/starter.ts"), "utf8");

async function settled(page: Page, timeout = 30_000): Promise<string> {
  await expect(status(page)).not.toHaveText("Running…", { timeout });
  return (await status(page).textContent()) ?? "";
}

test("learner code runs asyncio's loop in the locked-down sandbox: its trace arrives and an unkept task is destroyed with the loop's message", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await openLesson(page);
  await runCode(
    page,
    `import { run, createTask, sleep, gc, Event, TaskSet } from "playground/tasks";
const order: string[] = [];
await run(async () => {
  const kept = new TaskSet();
  for (let i = 0; i < 20; i++) {
    const t = createTask(async () => { await sleep(300 * (20 - i)); order.push("job-" + i); }, "job-" + i);
    kept.add(t);
  }
  createTask(async () => { const reply = new Event(); await reply.wait(); }, "send-email");
  await sleep(0);
  await gc();
  await sleep(7000);
});
console.log("first done:", order[0], "last done:", order[19]);
${welcomeStarter()}`,
  );
  await settled(page);
  await expect(output(page)).toContainText("Task was destroyed but it is pending!");
  await expect(output(page)).toContainText("task: <Task pending name='send-email'>");
  await expect(output(page)).toContainText("first done: job-19 last done: job-0");
  // The trace arrived: 21 tasks' lives (created, started, awaited, resumed, finished, destroyed)
  // and the loop's 7 virtual seconds placed on the run's axis, though the run took far less.
  const slider = visualization(page).getByRole("slider", { name: "Moment in the run" });
  const text = (await slider.getAttribute("aria-valuetext")) ?? "";
  const events = Number(/event [\d,]+ of ([\d,]+)/.exec(text)?.[1].replace(/,/g, "") ?? 0);
  expect(events, text).toBeGreaterThan(21 * 4);
  expect(Number(await slider.getAttribute("aria-valuemax")), text).toBeGreaterThanOrEqual(7000);
  expect(errors).toEqual([]);
});

test("the durable queue from playground/tasks: a worker crashed mid-job, the job delivered again after the visibility timeout, the email sent once", async ({ page }) => {
  await openLesson(page);
  await runCode(
    page,
    `import { run, sleep, callLater, createRedis, durableQueue } from "playground/tasks";
const sent: string[] = [];
await run(async () => {
  const queue = await durableQueue<string>(createRedis().createClient(), { visibilityMs: 5000, pollMs: 100, backoffMs: 100 });
  const handler = async (job: any) => { await job.once(async () => { await sleep(50); sent.push(job.payload + " by " + job.worker); }); };
  const w1 = queue.worker("w1", handler);
  await queue.add("welcome ada", { key: "welcome:ada" });
  callLater(20, () => w1.crash()); // mid-send: w1 took the job, the email is not out yet
  callLater(100, () => void queue.worker("w2", handler));
  await sleep(8000);
  await queue.stop();
});
console.log("sent:", JSON.stringify(sent));
${welcomeStarter()}`,
  );
  await settled(page);
  await expect(output(page)).toContainText('sent: ["welcome ada by w2"]');
});

for (const [what, body] of Object.entries({
  "a task that never yields (while (true) {})": "while (true) {}",
  "a task that yields forever in virtual time": "for (;;) await sleep(0);",
})) {
  test(`${what} is stopped by the run's time limit`, async ({ page }) => {
    await openLesson(page);
    const started = Date.now();
    await runCode(page, `import { run, createTask, sleep } from "playground/tasks";\nawait run(async () => { createTask(async () => { ${body} }, "spin"); await sleep(10); });\n${welcomeStarter()}`);
    const said = await settled(page, 20_000);
    expect(said).toBe("Stopped after 5 s");
    expect(Date.now() - started).toBeLessThan(15_000);
    // The page is still usable: the next run works.
    await runCode(page, `console.log("next run");\n${welcomeStarter()}`);
    await expect(output(page)).toContainText("next run", { timeout: 10_000 });
  });
}

test("measureWorkers runs the learner's CPU-bound export on 1, 2 and 4 real Web Workers, each locked down", async ({ page }) => {
  await openLesson(page, "#/lessons/websockets");
  const workers: string[] = [];
  page.on("worker", (w) => workers.push(w.url()));
  await runCode(
    page,
    `import { measureWorkers, isMainThread, Lock } from "playground/tasks";
export function primesBelow(n: number): number {
  let count = 0;
  for (let i = 2; i < n; i++) { let p = true; for (let d = 2; d * d <= i; d++) if (i % d === 0) { p = false; break; } if (p) count++; }
  return count;
}
export function escape(): null {
  console.log("inside:", [typeof (globalThis as any).postMessage, typeof (globalThis as any).self, typeof (globalThis as any).fetch, Object.isFrozen(Object.prototype), Object.isFrozen(Lock.prototype)].join(","));
  return null;
}
if (isMainThread) {
  const timings = await measureWorkers({ exportName: "primesBelow", jobs: Array.from({ length: 8 }, () => [60000]) });
  console.log("timings", JSON.stringify(timings.map((t) => [t.workers, t.ms > 0, t.speedup > 0])));
  const box = await measureWorkers({ exportName: "escape", jobs: [[]], workers: [1] });
  console.log("measured", box.length);
}
export const app = null;
`,
  );
  await settled(page, 60_000);
  await expect(output(page)).toContainText('timings [[1,true,true],[2,true,true],[4,true,true]]');
  await expect(output(page)).toContainText("measured 1");
  // In the worker, learner code is in a Compartment of a locked-down realm, its modules hardened, as in the sandbox.
  await expect(output(page)).toContainText("[worker 1] inside: undefined,undefined,function,true,true");
  // 1 + 2 + 4 + 1 workers, each a Web Worker of its own started from a blob: URL.
  expect(workers.filter((u) => u.startsWith("blob:")).length).toBeGreaterThanOrEqual(8);
});
