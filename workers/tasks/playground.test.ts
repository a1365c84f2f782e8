// playground/tasks as lesson code gets it: loops placed on the run's trace axis, the loop's own
// reports in the run's console, and measureWorkers on the cluster's workers (in Node: the cluster's
// test host, the same host, wire and worker code as the browser's, served in-process).
import { afterEach, describe, expect, it } from "vitest";
import { transpile } from "../sandbox/transpile.ts";
import type { TraceEvent } from "../trace.ts";
import { jobWorkersFor } from "../cluster/job-workers.ts";
import { createClusterTestHost, type ClusterTestHost } from "../cluster/test-host.ts";
import { LEARNER_FILE } from "../cluster/node.ts";
import { MEASURE_IN_WORKER, tasksModule } from "./playground.ts";
import { NO_WORKERS, type WorkerPool } from "./real-workers.ts";
import type { TasksTrace } from "./trace.ts";

function module(workers: WorkerPool | null = null, inWorker = false) {
  const trace: TraceEvent[] = [];
  const lines: string[] = [];
  let now = 100;
  const api = tasksModule({ now: () => now, trace: (e) => trace.push(e), log: (level, text) => lines.push(`${level} ${text}`), workers, inWorker });
  return { api, trace: trace as TasksTrace[], lines, setNow: (t: number) => (now = t) };
}

describe("playground/tasks", () => {
  it("runs a program in virtual time and stamps its events from now on the run's clock, numbered by loop", async () => {
    const { api, trace } = module();
    const order: string[] = [];
    const value = await api.run(async () => {
      const slow = api.createTask(async () => {
        await api.sleep(1000);
        order.push("slow");
        return 1;
      }, "slow");
      const fast = api.createTask(async () => {
        await api.sleep(10);
        order.push("fast");
        return 2;
      }, "fast");
      return (await slow) + (await fast);
    });
    expect(value).toBe(3);
    expect(order).toEqual(["fast", "slow"]);
    const slowDone = trace.find((e) => e.kind === "task" && e.task === "slow" && e.phase === "finished")!;
    expect(slowDone.t).toBe(1100);
    expect(trace.every((e) => e.loop === 1)).toBe(true);
  });

  it("places a second run after the first one's virtual time, even though the run's clock has hardly moved", async () => {
    const { api, trace, setNow } = module();
    await api.run(async () => void (await api.sleep(5000)));
    setNow(120);
    await api.run(async () => {
      api.cpu(30);
    });
    const second = trace.filter((e) => e.loop === 2);
    expect(second.length).toBeGreaterThan(0);
    expect(Math.min(...second.map((e) => e.t))).toBe(5100);
    const blocked = second.find((e) => e.kind === "loop-blocked")!;
    expect(blocked).toMatchObject({ task: "main", durationMs: 30 });
  });

  it("the fire-and-forget trap: an unkept task is destroyed by gc() with the loop's message in the console; a TaskSet keeps it", async () => {
    const { api, trace, lines } = module();
    const log: string[] = [];
    const waiter = (name: string) => async () => {
      const reply = new api.Event(); // a local of this task's frame: only the task holds it
      try {
        await reply.wait();
      } finally {
        log.push(`${name} finally`);
      }
    };
    await api.run(async () => {
      api.createTask(waiter("lost"), "send-email");
      const kept = new api.TaskSet();
      const task = api.createTask(waiter("kept"), "kept-email");
      kept.add(task);
      task.addDoneCallback((t) => kept.discard(t as typeof task));
      await api.sleep(0);
      await api.gc();
      log.push(`kept destroyed: ${task.destroyed}`);
    });
    expect(lines).toEqual(["error Task was destroyed but it is pending!\ntask: <Task pending name='send-email'>"]);
    expect(log[0]).toBe("lost finally");
    expect(log).toContain("kept destroyed: false");
    expect(trace.some((e) => e.kind === "task" && e.task === "send-email" && e.phase === "destroyed")).toBe(true);
    expect(trace.some((e) => e.kind === "task" && e.task === "kept-email" && e.phase === "destroyed")).toBe(false);
  });

  it("a task's exception nobody retrieved is reported as asyncio's handler words it", async () => {
    const { api, lines } = module();
    await api.run(async () => {
      api.createTask(async () => {
        throw new RangeError("boom");
      }, "doomed");
      await api.sleep(10);
    });
    expect(lines).toEqual(["error Task exception was never retrieved\nfuture: <Task finished name='doomed' exception=RangeError('boom')>\nRangeError: boom"]);
  });

  it("offers the durable queue: a crashed worker's job comes back, and its events join the loop's on the run's axis", async () => {
    const { api, trace } = module();
    await api.run(async () => void (await api.sleep(1000)));
    const sent: string[] = [];
    await api.run(async () => {
      const redis = api.createRedis();
      const queue = await api.durableQueue<{ to: string }>(redis.createClient(), { visibilityMs: 5000, pollMs: 100, backoffMs: 100 });
      const handler = async (job: { payload: { to: string }; worker: string; once(effect: () => Promise<void>): Promise<boolean> }) => {
        await job.once(async () => {
          await api.sleep(50);
          sent.push(`${job.payload.to} by ${job.worker}`);
        });
      };
      const w1 = queue.worker("w1", handler);
      await queue.add({ to: "ada@example.com" }, { key: "welcome:ada" });
      api.callLater(20, () => w1.crash());
      api.createTask(async () => {
        await api.sleep(100);
        queue.worker("w2", handler);
      });
      await api.sleep(8000);
      await queue.stop();
    });
    expect(sent).toEqual(["ada@example.com by w2"]);
    const queueEvents = (trace as unknown as { source: string; kind: string; t: number; loop?: number }[]).filter((e) => e.source === "queue");
    expect(queueEvents.length).toBeGreaterThan(0);
    expect(queueEvents.every((e) => e.loop === 2 && e.t >= 1100)).toBe(true);
    expect(queueEvents.map((e) => e.kind)).toEqual(expect.arrayContaining(["added", "claimed", "acked"]));
  });

  it("rejects with what main raised, and says what run() takes", async () => {
    const { api } = module();
    await expect(api.run(async () => api.waitFor(() => api.sleep(100), 10))).rejects.toBeInstanceOf(api.TimeoutError);
    await expect(api.run(Promise.resolve(1) as never)).rejects.toThrow(/run\(\) takes an async function/);
  });

  it("measureWorkers without the cluster engine says how to get real workers; inside a worker it refuses", async () => {
    await expect(module().api.measureWorkers({ exportName: "work", jobs: [[1]] })).rejects.toThrow(NO_WORKERS);
    await expect(module(null, true).api.measureWorkers({ exportName: "work", jobs: [[1]] })).rejects.toThrow(MEASURE_IN_WORKER);
    await expect(module().api.measureWorkers({ exportName: "work", jobs: [[1]], workers: [8] })).rejects.toThrow(/from 1 to 4/);
  });
});

describe("measureWorkers on the cluster's workers", () => {
  let testHost: ClusterTestHost | null = null;
  afterEach(async () => {
    await testHost?.close();
    testHost = null;
  });

  async function pool(learner: string) {
    testHost = createClusterTestHost();
    const run = await testHost.host.prepareRun({} as never);
    const lines: string[] = [];
    const workers = jobWorkersFor({
      now: () => performance.now(),
      port: (name) => (name === "cluster" ? run.port : undefined),
      learnerCode: () => transpile(learner, LEARNER_FILE),
      log: (level, text) => lines.push(`${level} ${text}`),
    });
    return { workers, lines, run };
  }

  const CPU = `
import { measureWorkers, isMainThread } from "playground/tasks";
if (isMainThread) throw new Error("the workers' form of playground/tasks says it is the main thread");
await measureWorkers({ exportName: "sumTo", jobs: [[1]] }).catch((e) => console.log("in the worker:", e.message.slice(0, 40)));
export function sumTo(n: number) { let s = 0; for (let i = 1; i <= n; i++) s += i; console.log("summed", n); return s; }
export function broken() { throw new RangeError("no"); }
export function leaky() { return { not: "plain" }; }
`;

  it("runs every job on 1, 2 and 4 workers, each importing the module afresh, and traces each measurement", async () => {
    const { workers, lines } = await pool(CPU);
    const { api, trace } = module(workers);
    const timings = await api.measureWorkers({ exportName: "sumTo", jobs: [[1000], [2000], [3000], [4000]] });
    expect(timings.map((t) => t.workers)).toEqual([1, 2, 4]);
    expect(timings[0].speedup).toBe(1);
    for (const t of timings) expect(t.ms).toBeGreaterThanOrEqual(0);
    // Every job ran once per measurement, its console line relayed from the worker that ran it.
    expect(lines.filter((l) => l.includes("summed")).length).toBe(12);
    expect(lines.some((l) => l.startsWith("log [worker 4] summed"))).toBe(true);
    expect(lines.filter((l) => l.includes("in the worker: measureWorkers() ran inside a worker")).length).toBe(7);
    const events = trace.filter((e) => e.kind === "workers-measured");
    expect(events.map((e) => [e.workers, e.jobs, e.exportName])).toEqual([
      [1, 4, "sumTo"],
      [2, 4, "sumTo"],
      [4, 4, "sumTo"],
    ]);
  });

  it("a job that throws, a value that cannot travel, or a missing export rejects saying so", async () => {
    const { workers } = await pool(CPU);
    const { api } = module(workers);
    await expect(api.measureWorkers({ exportName: "broken", jobs: [[]], workers: [1] })).rejects.toThrow("worker 1: RangeError: no");
    await expect(api.measureWorkers({ exportName: "leaky", jobs: [[]], workers: [1] })).rejects.toThrow(/cannot send back/);
    await expect(api.measureWorkers({ exportName: "nope", jobs: [[]], workers: [1] })).rejects.toThrow("worker 1: The module has no exported function named 'nope'");
  });

  it("a module that fails to load in the worker rejects with its error", async () => {
    const { workers } = await pool(`throw new Error("top-level boom");\nexport const x = 1;`);
    const { api } = module(workers);
    await expect(api.measureWorkers({ exportName: "x", jobs: [[]], workers: [2] })).rejects.toThrow("could not load your module: Error: top-level boom");
  });
});
