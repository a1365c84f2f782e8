// The drain rule in one thread: time moves only when everything at the current instant has run.
import { describe, expect, it } from "vitest";
import { VirtualTime } from "./virtual-time.ts";

/** A message in flight: delivered `ms` later through the clock, as one-thread.ts posts. */
function post(time: VirtualTime, ms: number, deliver: () => void): void {
  time.inFlight++;
  time.clock.setTimeout(() => {
    time.inFlight--;
    deliver();
  }, ms);
}

describe("VirtualTime", () => {
  it("settle delivers what is in flight, and what that sets off, but leaves later timers alone", async () => {
    const time = new VirtualTime();
    const log: string[] = [];
    time.clock.setTimeout(() => log.push("heartbeat"), 1000);
    post(time, 0.25, async () => {
      log.push("request");
      await Promise.resolve();
      await Promise.resolve();
      post(time, 0.25, () => log.push(`reply at ${time.clock.now()}`));
    });
    await time.settle();
    expect(log).toEqual(["request", "reply at 0.5"]);
    expect(time.clock.now()).toBe(0.5);
  });

  it("sleep fires the timers due meanwhile, in time order, and concurrent sleeps end at their own times", async () => {
    const time = new VirtualTime();
    const log: string[] = [];
    time.clock.setTimeout(() => log.push(`timer at ${time.clock.now()}`), 150);
    await Promise.all([time.sleep(100).then(() => log.push(`slept 100 at ${time.clock.now()}`)), time.sleep(200).then(() => log.push(`slept 200 at ${time.clock.now()}`))]);
    expect(log).toEqual(["slept 100 at 100", "timer at 150", "slept 200 at 200"]);
  });

  it("lets an await chain that keeps reaching the engine run to its end before time moves", async () => {
    const time = new VirtualTime();
    let steps = 0;
    const chain = async () => {
      for (let i = 0; i < 1000; i++) {
        await Promise.resolve();
        time.activity++; // each step touches the engine
        steps++;
      }
    };
    post(time, 1, () => void chain());
    await time.settle();
    expect(steps).toBe(1000);
  });
});
