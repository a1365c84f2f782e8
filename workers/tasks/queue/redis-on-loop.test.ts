// The Redis engine on the tasks loop's clock: a blocked XREADGROUP suspends only its own task, is
// served at the virtual instant of the XADD that fills it, times out at its virtual deadline, and
// every Redis event is stamped on the loop's milliseconds.
import { describe, expect, it } from "vitest";
import { createTask } from "../api.ts";
import { runningLoop, sleep } from "../combinators.ts";
import { CancelledError } from "../errors.ts";
import { run } from "../runner.ts";
import { EPOCH, redisOnLoop } from "./redis-on-loop.ts";

describe("Redis on the loop's clock", () => {
  it("a BLOCK read times out at its virtual deadline (strictly past it, as Redis does), not in real time", async () => {
    const started = Date.now();
    const [reply, at] = await run(async () => {
      const redis = redisOnLoop();
      const c = redis.createClient();
      await c.sendCommand(["XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"]);
      const reply = await c.sendCommand(["XREADGROUP", "GROUP", "g", "c1", "BLOCK", "5000", "STREAMS", "s", ">"]);
      return [reply, runningLoop().time()];
    });
    expect(reply).toBeNull();
    expect(at).toBe(5001);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("an XADD in another task serves the blocked reader at that instant; the reader resumes before later timers", async () => {
    const log = await run(async () => {
      const log: string[] = [];
      const redis = redisOnLoop();
      const reader = redis.createClient({ name: "reader" });
      const writer = redis.createClient({ name: "writer" });
      await reader.sendCommand(["XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"]);
      const task = createTask(async () => {
        const r = (await reader.sendCommand(["XREADGROUP", "GROUP", "g", "c1", "BLOCK", "0", "STREAMS", "s", ">"])) as [string, [string, string[]][]][];
        log.push(`${runningLoop().time()} read ${r[0][1][0][0]} ${r[0][1][0][1].join("=")}`);
      });
      await sleep(300);
      log.push(`${runningLoop().time()} xadd ${String(await writer.sendCommand(["XADD", "s", "*", "to", "a@x"]))}`);
      await sleep(1);
      log.push(`${runningLoop().time()} main`);
      await task;
      return log;
    });
    expect(log).toEqual([`300 xadd ${EPOCH + 300}-0`, `300 read ${EPOCH + 300}-0 to=a@x`, "301 main"]);
  });

  it("stamps Redis's events on the loop's milliseconds, the BLOCK deadline too", async () => {
    const events: Record<string, unknown>[] = [];
    const record = (e: object) => events.push({ ...e });
    await run(async () => {
      const redis = redisOnLoop({ trace: record });
      const c = redis.createClient({ name: "c" });
      await sleep(250);
      await c.sendCommand(["XREAD", "BLOCK", "100", "STREAMS", "s", "$"]);
      await c.set("k", "v", { PX: 1000 });
    });
    const pick = (kind: string) => events.find((e) => e.kind === kind)!;
    expect(pick("block")).toMatchObject({ t: 250, deadline: 350 });
    expect(pick("unblock")).toMatchObject({ t: 351, reason: "timeout" });
    expect(pick("expire")).toMatchObject({ t: 351, at: 1351 });
    expect(events.filter((e) => e.source === "redis-client").map((e) => [e.command, e.t, e.latencyMs])).toEqual([
      ["XREAD", 250, 101],
      ["SET", 351, 0],
    ]);
  });

  it("a task cancelled while blocked ends cancelled, and the loop goes on", async () => {
    const outcome = await run(async () => {
      const redis = redisOnLoop();
      const c = redis.createClient();
      const task = createTask(() => c.sendCommand(["XREAD", "BLOCK", "0", "STREAMS", "s", "$"]));
      await sleep(10);
      task.cancel();
      try {
        await task;
        return "returned";
      } catch (e) {
        return e instanceof CancelledError ? `cancelled at ${runningLoop().time()}` : String(e);
      }
    });
    expect(outcome).toBe("cancelled at 10");
  });

  it("the tasks trace shows a blocked reader's task awaiting its Redis command", async () => {
    const awaited: string[] = [];
    await run(
      async () => {
        const c = redisOnLoop().createClient();
        await createTask(() => c.sendCommand(["XREAD", "BLOCK", "20", "STREAMS", "s", "$"]), "reader");
      },
      { tracer: (e) => void (e.kind === "task" && e.phase === "awaited" && awaited.push(`${e.t} ${e.task} on ${e.on}`)) },
    );
    expect(awaited).toEqual(["0 main on reader", "0 reader on redis XREAD"]);
  });
});
