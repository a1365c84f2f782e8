// The sandbox as the browser runs it — realm locked down, learner code in a Compartment, modules
// hardened — in a Node process of its own (testing/locked-runs.ts): every lesson that needs no
// hosted engine still passes with its solution, and learner code cannot fake the checks.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLessons } from "../../build/lessons";
import { VISUALIZATION_IDS } from "../../app/visualizations/ids";
import type { RunResult } from "./runner";
import { allPassed } from "./testing/all-passed";

const ROOT = join(import.meta.dirname, "../..");
const lessons = loadLessons(join(ROOT, "lessons"), { visualizations: VISUALIZATION_IDS }).filter((l) => l.meta.engines.length === 0);
const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");
const welcome = lessons.find((l) => l.meta.id === "welcome")!;

function lockedRuns(requests: { name: string; code: string; checks: string }[]): Map<string, { result: RunResult; output: string[] }> {
  const out = execFileSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "testing/locked-runs.ts")], {
    cwd: ROOT,
    input: JSON.stringify(requests),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return new Map((JSON.parse(out) as { name: string; result: RunResult; output: string[] }[]).map((r) => [r.name, r]));
}


/** Each is put in front of the welcome lesson's starter, which fails its checks: none may make them pass. */
const ATTACKS: Record<string, string> = {
  "replace Array.prototype[Symbol.iterator] to swap the checks list": `Array.prototype[Symbol.iterator] = function* () {};`,
  "replace chai's assert through an expect() of its own": `import { expect } from "playground/checks";\nObject.getPrototypeOf(expect(1)).assert = () => {};`,
  "wrap the worker's postMessage to set every passed to true": `const post = self.postMessage; self.postMessage = (m: any) => post(JSON.parse(JSON.stringify(m).replaceAll('"passed":false', '"passed":true')));`,
  "wrap postMessage found through globalThis": `(globalThis as any).postMessage = () => {};`,
  "reach the Function constructor to leave the compartment": `(function () {}).constructor("return this")().postMessage = () => {};`,
  "hand setTimeout a string of code": `setTimeout("postMessage = () => {}", 0);`,
  "replace Object.prototype.toString": `Object.prototype.toString = () => "[object Object]";`,
  "patch a playground module's class the checks also use": `import { TestClient } from "playground/web";\n(TestClient.prototype as any).get = () => ({ status: 200 });`,
};

/**
 * A learner's asyncio program (ordering, waitFor's cancel, the fire-and-forget trap, a FastAPI
 * route awaiting the durable queue from a loop task) and checks that read it.
 */
const TASKS_CODE = `
import { run, createTask, sleep, gather, waitFor, gc, Event, Queue, CancelledError, TimeoutError, Lock, createRedis, durableQueue, loopTime } from "playground/tasks";
import { FastAPI, TestClient } from "playground/web";
export async function order() {
  const log: string[] = [];
  await run(async () => {
    const q = new Queue<number>(1);
    const producer = createTask(async () => { for (const n of [1, 2, 3]) { await q.put(n); log.push("put " + n); } }, "producer");
    const consumer = createTask(async () => { for (let i = 0; i < 3; i++) { log.push("got " + (await q.get())); await sleep(10); } }, "consumer");
    await gather([producer, consumer]);
    createTask(async () => { const e = new Event(); await e.wait(); }, "send-email");
    await sleep(0);
    await gc();
  });
  return log;
}
export async function cancel() {
  const seen: string[] = [];
  await run(async () => {
    try {
      await waitFor(async () => { try { await sleep(1000); } catch (e) { seen.push(e instanceof CancelledError ? "cancelled" : "other"); throw e; } finally { seen.push("finally"); } }, 50);
    } catch (e) { seen.push(e instanceof TimeoutError ? "timeout" : String(e)); }
  });
  return seen;
}
export async function queued() {
  const sent: string[] = [];
  await run(async () => {
    const queue = await durableQueue<string>(createRedis().createClient(), { pollMs: 100 });
    queue.worker("w1", async (job) => { await job.once(async () => { sent.push(job.payload); }); });
    await queue.add("welcome", { key: "k1" });
    await queue.add("welcome again", { key: "k1" });
    await sleep(1000);
    await queue.stop();
  });
  return sent;
}
export async function routed() {
  const app = new FastAPI();
  const sent: string[] = [];
  let took = -1;
  let status = 0;
  await run(async () => {
    const queue = await durableQueue<string>(createRedis().createClient(), { pollMs: 100 });
    queue.worker("w1", async (job) => { await sleep(300); sent.push(job.payload); });
    app.post("/signup", async (_p, { request }) => {
      const { email } = (await request.json()) as { email: string };
      await sleep(5);
      await queue.add(email, { key: "welcome:" + email });
      return { email };
    }, { statusCode: 202 });
    const start = loopTime();
    status = (await new TestClient(app).post("/signup", { json: { email: "ada" } })).status;
    took = loopTime() - start;
    await sleep(1000);
    await queue.stop();
  });
  return { status, took, sent };
}
export function patchLock() {
  try { (Lock.prototype as any).acquire = async () => true; return "patched"; } catch { return "refused"; }
}
`;
const TASKS_CHECKS = `
import { defineChecks, expect } from "playground/checks";
export default defineChecks([
  { name: "order", run: async ({ order }) => expect(await order()).to.deep.equal(["put 1", "got 1", "put 2", "got 2", "put 3", "got 3"]) },
  { name: "cancel", run: async ({ cancel }) => expect(await cancel()).to.deep.equal(["cancelled", "finally", "timeout"]) },
  { name: "queue", run: async ({ queued }) => expect(await queued()).to.deep.equal(["welcome"]) },
  { name: "route", run: async ({ routed }) => expect(await routed()).to.deep.equal({ status: 202, took: 5, sent: ["ada"] }) },
  { name: "hardened", run: ({ patchLock }) => expect(patchLock()).to.equal("refused") },
]);
`;

describe("the sandbox, locked down as in the browser", () => {
  const requests = lessons.flatMap((l) => [
    { name: `${l.meta.id}/solution`, code: read(l.dir, "solution.ts"), checks: read(l.dir, "checks.ts") },
    { name: `${l.meta.id}/starter`, code: read(l.dir, "starter.ts"), checks: read(l.dir, "checks.ts") },
  ]);
  const starter = read(welcome.dir, "starter.ts");
  const checks = read(welcome.dir, "checks.ts");
  for (const [name, attack] of Object.entries(ATTACKS)) requests.push({ name: `attack: ${name}`, code: `${attack}\n${starter}`, checks });
  requests.push({
    name: "attack: the real solution, under attack, still passes honestly",
    code: `try { Array.prototype.push = () => 0; } catch {}\n${read(welcome.dir, "solution.ts")}`,
    checks,
  });
  requests.push({ name: "tasks: asyncio's loop drives learner coroutines", code: TASKS_CODE, checks: TASKS_CHECKS });
  const results = lockedRuns(requests);

  for (const lesson of lessons) {
    it(`${lesson.meta.id}: the solution passes every check and the starter does not`, () => {
      const solution = results.get(`${lesson.meta.id}/solution`)!;
      expect(solution.result.error).toBeNull();
      expect(solution.result.checks.filter((c) => !c.passed)).toEqual([]);
      expect(allPassed(results.get(`${lesson.meta.id}/starter`)!.result)).toBe(false);
    });
  }

  for (const name of Object.keys(ATTACKS)) {
    it(`cannot fake the checks: ${name}`, () => {
      const { result } = results.get(`attack: ${name}`)!;
      expect(allPassed(result)).toBe(false);
    });
  }

  it("playground/tasks drives native async functions through its futures' then in the hardened realm, a playground/web route's too", () => {
    const { result, output } = results.get("tasks: asyncio's loop drives learner coroutines")!;
    expect(result.error).toBeNull();
    expect(result.checks.map((c) => [c.name, c.passed, c.message ?? null])).toEqual([
      ["order", true, null],
      ["cancel", true, null],
      ["queue", true, null],
      ["route", true, null],
      ["hardened", true, null],
    ]);
    expect(output).toContain("Task was destroyed but it is pending!\ntask: <Task pending name='send-email'>");
  });

  it("a solution that tries to change an intrinsic first is refused, and still passes", () => {
    expect(allPassed(results.get("attack: the real solution, under attack, still passes honestly")!.result)).toBe(true);
  });
});
