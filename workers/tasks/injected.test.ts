// A crash the page injects ("crash worker-1 at 150 ms of run() #2"): it lands on that run()'s
// loop at that virtual moment, after the moment's own work, marked as the page's; the durable
// queue delivers the job again and the in-memory one loses it; a worker that is not there, not
// running, or a moment that never comes is said, never a silent no-op.
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../trace.ts";
import type { InjectedEvent } from "../injections.ts";
import { tasksModule } from "./playground.ts";

type Placed = TraceEvent & { t: number; loop?: number; source: string; kind: string; phase?: string; worker?: string; by?: string; outcome?: string; id?: string; ids?: string[]; holding?: string[] };

function module(injected: InjectedEvent[], now = 100) {
  const trace: Placed[] = [];
  const api = tasksModule({ now: () => now, trace: (e) => trace.push(e as Placed), log: () => {}, injected });
  return { api, trace };
}

const crash = (loop: number, atMs: number, worker = "w1"): InjectedEvent => ({ action: "crash", loop, atMs, worker });

type Api = ReturnType<typeof module>["api"];

/** One job for two workers, each taking 300 ms to send it; 40 s pass (the visibility timeout is 30 s). */
async function signup(api: Api, kind: "durable" | "memory"): Promise<string[]> {
  const sent: string[] = [];
  await api.run(async () => {
    const queue = kind === "durable" ? await api.durableQueue<{ to: string }>(api.createRedis().createClient({ name: "api" })) : api.memoryQueue<{ to: string }>();
    for (const name of ["w1", "w2"]) {
      queue.worker(name, async (job) => {
        await job.once(async () => {
          await api.sleep(300);
          sent.push(`${job.payload.to} by ${job.worker}`);
        });
      });
    }
    await queue.add({ to: "ada@example.com" }, { key: "welcome:ada" });
    await api.sleep(40_000);
    await queue.stop();
  });
  return sent;
}

const inLoop = (trace: Placed[], loop: number) => trace.filter((e) => e.loop === loop);
const baseOf = (trace: Placed[], loop: number) => inLoop(trace, loop).find((e) => e.kind === "task" && e.phase === "created")!.t;

describe("playground/tasks: a crash the page injects", () => {
  it("lands on the named run() at that virtual ms, marked as the page's, and the durable queue delivers the job again", async () => {
    const { api, trace } = module([crash(2, 150)]);
    await api.run(async () => void (await api.sleep(1000))); // run() #1: no queue, untouched
    const sent = await signup(api, "durable");
    expect(sent).toEqual(["ada@example.com by w2"]);

    const second = inLoop(trace, 2);
    const base = baseOf(trace, 2);
    const injected = second.find((e) => e.kind === "injected")!;
    expect(injected).toMatchObject({ source: "tasks", outcome: "crashed", worker: "w1", atMs: 150, loopMs: 150, queue: "jobs", holding: ["1800000000000-0"] });
    expect(injected.t - base).toBe(150);
    const crashed = second.find((e) => e.source === "queue" && e.kind === "worker" && e.phase === "crashed")!;
    expect(crashed).toMatchObject({ worker: "w1", by: "page", holding: ["1800000000000-0"] });
    expect(crashed.t - base).toBe(150);
    // The page's request comes first in the trace, then the worker's death, then the reclaim 30 s on.
    expect(second.indexOf(injected)).toBeLessThan(second.indexOf(crashed));
    const claimed = second.find((e) => e.source === "queue" && e.kind === "claimed")!;
    expect(claimed).toMatchObject({ worker: "w2", ids: ["1800000000000-0"] });
    expect(claimed.t - crashed.t).toBeGreaterThanOrEqual(30_000 - 150);
    expect(inLoop(trace, 1).some((e) => e.kind === "injected")).toBe(false);
  });

  it("the in-memory queue loses the job on the same crash", async () => {
    const { api, trace } = module([crash(1, 150)]);
    expect(await signup(api, "memory")).toEqual([]);
    expect(trace.find((e) => e.kind === "injected")).toMatchObject({ outcome: "crashed", worker: "w1", loopMs: 150 });
    const lost = trace.find((e) => e.source === "queue" && e.kind === "lost")!;
    expect(lost).toMatchObject({ worker: "w1", id: "1", t: 100 + 150 });
  });

  it("everything before the moment happens again exactly: the trace up to it is the uninjected run's", async () => {
    const plain = module([]);
    await signup(plain.api, "durable");
    const injected = module([crash(1, 150)]);
    await signup(injected.api, "durable");
    const upTo = (trace: Placed[]) => trace.filter((e) => e.t < 100 + 150).map((e) => JSON.stringify(e));
    expect(upTo(injected.trace)).toEqual(upTo(plain.trace));
    expect(upTo(plain.trace).length).toBeGreaterThan(10);
  });

  it("lands at the end of its millisecond: at the moment the worker takes the job, the worker dies holding it", async () => {
    // At 0 ms the job is added and w1 takes it, all in that one moment.
    const { api, trace } = module([crash(1, 0)]);
    const sent = await signup(api, "durable");
    expect(trace.find((e) => e.kind === "injected")).toMatchObject({ outcome: "crashed", loopMs: 0, holding: ["1800000000000-0"] });
    const read = trace.find((e) => e.source === "queue" && e.kind === "read")!;
    const crashed = trace.find((e) => e.source === "queue" && e.kind === "worker" && e.phase === "crashed")!;
    expect(trace.indexOf(read)).toBeLessThan(trace.indexOf(crashed));
    expect(sent).toEqual(["ada@example.com by w2"]);
  });

  it("a worker that is not there, or not running then, is said; nothing crashes", async () => {
    const { api, trace } = module([crash(1, 150, "w9"), crash(2, 150, "w1")]);
    expect(await signup(api, "durable")).toEqual(["ada@example.com by w1"]);
    await api.run(async () => {
      const queue = api.memoryQueue<string>();
      queue.worker("w1", async () => void (await api.sleep(1000)));
      await api.sleep(100);
      await queue.stop(); // w1 is stopped at 100 ms
      await api.sleep(100);
    });
    const reports = trace.filter((e) => e.kind === "injected");
    expect(reports).toMatchObject([
      { loop: 1, outcome: "no-such-worker", worker: "w9", workers: ["w1", "w2"] },
      { loop: 2, outcome: "not-running", worker: "w1", state: "stopped", queue: "jobs" },
    ]);
    expect(trace.some((e) => e.kind === "worker" && e.phase === "crashed")).toBe(false);
  });

  it("a moment after the run() ended, or a run() that never came, is said too", async () => {
    const { api, trace } = module([crash(1, 90_000), crash(5, 10)]);
    await signup(api, "memory");
    expect(trace.filter((e) => e.kind === "injected")).toMatchObject([{ loop: 1, outcome: "loop-ended", atMs: 90_000 }]);
    // run() #5 never ran: there is no report of it; the page says so from its absence.
    expect(trace.some((e) => e.kind === "injected" && e.loop === 5)).toBe(false);
  });

  it("a crash lands late when the loop was blocked over its moment, and says when", async () => {
    const { api, trace } = module([crash(1, 150)]);
    await api.run(async () => {
      const queue = api.memoryQueue<string>();
      queue.worker("w1", async () => void (await api.sleep(1000)));
      await queue.add("job");
      await api.sleep(100);
      api.cpu(200); // the loop's thread is busy from 100 to 300 ms
      await api.sleep(2000);
      await queue.stop();
    });
    expect(trace.find((e) => e.kind === "injected")).toMatchObject({ outcome: "crashed", atMs: 150, loopMs: 300 });
  });

  it("two crashes at one moment both land", async () => {
    const { api, trace } = module([crash(1, 150, "w1"), crash(1, 150, "w2")]);
    await signup(api, "durable");
    expect(trace.filter((e) => e.kind === "injected").map((e) => [e.worker, e.outcome])).toEqual([
      ["w1", "crashed"],
      ["w2", "crashed"],
    ]);
  });
});
