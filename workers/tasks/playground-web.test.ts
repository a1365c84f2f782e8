// playground/web used from inside a `run()` of playground/tasks, as the background-tasks lesson's
// challenge does: the web engine has no timers of its own, so a TestClient request made by a loop
// task runs inline in that task's step, and an endpoint that awaits the loop (a sleep, the durable
// queue's Redis) suspends the task on a loop future like any other await. Both modules read one run
// clock (workers/sandbox/run-clock.ts), which the loop places on its own axis while it runs.
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../trace.ts";
import { runClock } from "../sandbox/run-clock.ts";
import { webModule } from "../web/playground.ts";
import type { WebAppTrace } from "../web/app/trace.ts";
import { tasksModule } from "./playground.ts";
import type { TasksTrace } from "./trace.ts";

function modules() {
  const trace: TraceEvent[] = [];
  let real = 100;
  const clock = runClock(() => real);
  const env = { now: clock.now, placeClock: clock.place, trace: (e: TraceEvent) => trace.push(e) };
  return { tasks: tasksModule(env), web: webModule(env), trace, setReal: (t: number) => (real = t) };
}

const webEvents = (trace: TraceEvent[], request?: number) => (trace as WebAppTrace[]).filter((e) => e.source === "web" && (request === undefined || e.request === request));

describe("playground/web inside a tasks loop", () => {
  it("a route whose endpoint awaits a loop future answers through the TestClient from a loop task, in loop time", async () => {
    const { tasks, web } = modules();
    const app = new web.FastAPI();
    const order: string[] = [];
    app.post(
      "/signup",
      async (_params, { request }) => {
        const { email } = (await request.json()) as { email: string };
        order.push("endpoint awaits");
        await tasks.sleep(20);
        order.push("endpoint resumed");
        return { status: "welcome", email };
      },
      { statusCode: 202 },
    );
    let took = -1;
    const answer = await tasks.run(async () => {
      // Another task runs while the endpoint's task waits: the request really suspended on the loop.
      tasks.createTask(async () => void order.push("other task ran"), "other");
      const start = tasks.loopTime();
      const response = await new web.TestClient(app).post("/signup", { json: { email: "ada@example.com" } });
      took = tasks.loopTime() - start;
      return { status: response.status, body: response.json() };
    });
    expect(answer).toEqual({ status: 202, body: { status: "welcome", email: "ada@example.com" } });
    expect(took).toBe(20);
    expect(order).toEqual(["endpoint awaits", "other task ran", "endpoint resumed"]);
  });

  it("the endpoint can enqueue on the durable queue, whose worker then runs on the same loop", async () => {
    const { tasks, web } = modules();
    const sent: string[] = [];
    await tasks.run(async () => {
      const queue = await tasks.durableQueue<{ to: string }>(tasks.createRedis().createClient({ name: "api" }));
      queue.worker("worker-1", async (job) => {
        await tasks.sleep(300);
        sent.push(job.payload.to);
      });
      const app = new web.FastAPI();
      app.post("/signup", async (_params, { request }) => {
        const { email } = (await request.json()) as { email: string };
        await queue.add({ to: email }, { key: `welcome:${email}` });
        return { email };
      });
      const response = await new web.TestClient(app).post("/signup", { json: { email: "bob@example.com" } });
      expect(response.status).toBe(200);
      expect(sent, "nothing sent when the response arrived").toEqual([]);
      await tasks.sleep(1000);
      await queue.stop();
    });
    expect(sent).toEqual(["bob@example.com"]);
  });

  it("stamps the web events made while a loop runs on that loop's axis; a request outside any loop keeps the run's clock", async () => {
    const { tasks, web, trace, setReal } = modules();
    const app = new web.FastAPI();
    app.get("/slow", async () => {
      await tasks.sleep(40);
      return "ok";
    });
    const client = new web.TestClient(app);

    setReal(150);
    await client.get("/slow").catch(() => undefined); // outside a loop the sleep has no loop: the request fails, stamped all the same
    const outside = webEvents(trace, 1);
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.every((e) => e.t === 150)).toBe(true);

    // The first loop lasts 5 s of virtual time in no real time; the second is placed after it.
    await tasks.run(async () => void (await tasks.sleep(5000)));
    setReal(160);
    await tasks.run(async () => {
      await tasks.sleep(100);
      expect((await client.get("/slow")).text()).toBe('"ok"');
    });
    const loop2 = (trace as TasksTrace[]).filter((e) => e.source === "tasks" && e.loop === 2);
    const base = Math.min(...loop2.map((e) => e.t));
    expect(base).toBe(5150);
    const inside = webEvents(trace, 2);
    const at = (kind: string, phase?: string) => inside.find((e) => e.kind === kind && (phase === undefined || ("phase" in e && e.phase === phase)))!.t;
    expect(at("request")).toBe(base + 100);
    expect(at("endpoint", "start")).toBe(base + 100);
    expect(at("endpoint", "end")).toBe(base + 140);
    expect(at("response.end")).toBe(base + 140);
    // The main task's wait on the endpoint's sleep is the same moment on the loop's own lane.
    const resumed = loop2.find((e) => e.kind === "task" && e.task === "main" && e.phase === "resumed" && e.t > base + 100)!;
    expect(resumed.t).toBe(base + 140);

    // After the loop, the run's real clock again (behind the loop's axis end: as before).
    setReal(170);
    await client.get("/missing");
    expect(webEvents(trace, 3).every((e) => e.t === 170)).toBe(true);
  });
});
