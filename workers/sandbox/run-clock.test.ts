// One run clock for every engine of a run: the real clock, or a running loop's placed time.
import { describe, expect, it } from "vitest";
import { runClock } from "./run-clock";
import { runLesson } from "./runner";
import { PLAYGROUND_MODULES } from "./registry";
import type { TraceEvent } from "../trace";

describe("runClock", () => {
  it("reads the real clock, the placed time while placed, and the real clock again once released", () => {
    let real = 7;
    let loop = 1000;
    const clock = runClock(() => real);
    expect(clock.now()).toBe(7);
    const release = clock.place(() => loop);
    expect(clock.now()).toBe(1000);
    loop = 1040;
    real = 9;
    expect(clock.now()).toBe(1040);
    expect(() => clock.place(() => 0)).toThrow("already placed");
    release();
    expect(clock.now()).toBe(9);
    release(); // a second release changes nothing
    const again = clock.place(() => 5);
    expect(clock.now()).toBe(5);
    again();
  });
});

const CODE = `
import { run, sleep } from "playground/tasks";
import { FastAPI, TestClient } from "playground/web";
const app = new FastAPI();
app.post("/signup", async () => { await sleep(25); return { ok: true }; }, { statusCode: 202 });
export async function signups() {
  const statuses: number[] = [];
  statuses.push((await new TestClient(app).get("/signup")).status);
  await run(async () => void (await sleep(3000)));
  await run(async () => {
    await sleep(10);
    statuses.push((await new TestClient(app).post("/signup")).status);
  });
  return statuses;
}
`;
const CHECKS = `
import { defineChecks, expect } from "playground/checks";
export default defineChecks([{ name: "signups", run: async ({ signups }: any) => expect(await signups()).to.deep.equal([405, 202]) }]);
`;

describe("the run's engines share the run clock", () => {
  it("playground/web stamps a request made inside a playground/tasks loop on that loop's axis, and one outside on the run's clock", async () => {
    const trace: TraceEvent[] = [];
    // The real clock stands still: whatever moves on the axis, the loops moved.
    const result = await runLesson({ code: CODE, checks: CHECKS }, { now: () => 500, modules: PLAYGROUND_MODULES, onConsole: () => {}, onTrace: (b) => trace.push(...b.events) });
    expect(result.checks.map((c) => [c.name, c.passed, c.message ?? null])).toEqual([["signups", true, null]]);
    const web = trace.filter((e) => e.source === "web") as (TraceEvent & { request: number; kind: string; phase?: string })[];
    expect(web.filter((e) => e.request === 1).every((e) => e.t === 0)).toBe(true);
    const second = web.filter((e) => e.request === 2);
    // The second loop starts where the first ended (3000); the request is 10 ms in, the endpoint sleeps 25.
    expect(second.find((e) => e.kind === "request")!.t).toBe(3010);
    expect(second.find((e) => e.kind === "endpoint" && e.phase === "end")!.t).toBe(3035);
  });
});
