// Streams on the engine's own clock, where a real server cannot be compared: IDs from "*", idle
// times, visibility timeouts and BLOCK timeouts all follow the clock the host passes in. The
// replies' shapes and errors are checked against redis-server in differential-streams.test.ts.
import { describe, expect, it } from "vitest";
import { createRedis, NIL_ARRAY, Pending, type Reply } from "./index.ts";

function setup(start = 1_700_000_000_000) {
  let now = start;
  const server = createRedis({ now: () => now });
  const c = server.connect();
  const run = (line: string): Reply => c.execute(line.split(" ")) as Reply;
  return {
    server,
    c,
    run,
    advance(ms: number) {
      now += ms;
      server.tick();
    },
    set(ms: number) {
      now = ms;
    },
  };
}

/** A queue "q" with group "workers" whose consumer w1 has read one job and not acknowledged it. */
function delivered(job: string) {
  const t = setup();
  t.run("XGROUP CREATE q workers $ MKSTREAM");
  t.run(`XADD q 1-0 job ${job}`);
  t.run("XREADGROUP GROUP workers w1 COUNT 1 STREAMS q >");
  return t;
}

describe("streams on the engine's clock", () => {
  it("makes '*' IDs from the clock's milliseconds, and a sequence within one millisecond or when the clock goes back", () => {
    const t = setup(5000);
    expect(t.run("XADD s * a 1")).toBe("5000-0");
    expect(t.run("XADD s * a 2")).toBe("5000-1");
    t.set(4000);
    expect(t.run("XADD s * a 3")).toBe("5000-2");
    t.set(6000);
    expect(t.run("XADD s * a 4")).toBe("6000-0");
    expect(t.run("XADD s 6000-* a 5")).toBe("6000-1");
    expect(t.run("XADD s 7000-* a 6")).toBe("7000-0");
  });

  it("measures pending idle times and consumer idle times on the clock", () => {
    const t = delivered("a");
    t.advance(2500);
    expect(t.run("XPENDING q workers - + 10")).toEqual([["1-0", "w1", 2500, 1]]);
    expect(t.run("XPENDING q workers IDLE 3000 - + 10")).toEqual([]);
    expect(t.run("XINFO CONSUMERS q workers")).toEqual([["name", "w1", "pending", 1, "idle", 2500]]);
  });

  it("reclaims a crashed worker's job after the visibility timeout, counting deliveries", () => {
    const t = delivered("email");
    // w1 crashes without XACK. Before the timeout nothing is reclaimed...
    t.advance(10_000);
    expect(t.run("XAUTOCLAIM q workers w2 30000 0")).toEqual(["0-0", [], []]);
    // ...after it, w2 gets the job with its second delivery.
    t.advance(25_000);
    expect(t.run("XAUTOCLAIM q workers w2 30000 0")).toEqual(["0-0", [["1-0", ["job", "email"]]], []]);
    expect(t.run("XPENDING q workers - + 10")).toEqual([["1-0", "w2", 0, 2]]);
    expect(t.run("XACK q workers 1-0")).toBe(1);
    expect(t.run("XPENDING q workers")).toEqual([0, null, null, NIL_ARRAY]);
  });

  it("times out BLOCK on the clock: a nil reply once its milliseconds have passed, BLOCK 0 never", async () => {
    const t = setup();
    const reader = t.server.connect();
    const forever = t.server.connect();
    const timed = reader.execute(["XREAD", "BLOCK", "1000", "STREAMS", "s", "$"]);
    const waiting = forever.execute(["XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"]);
    expect(timed).toBeInstanceOf(Pending);
    // No group yet: XREADGROUP answers at once with NOGROUP.
    expect(waiting).toMatchObject({ message: expect.stringContaining("NOGROUP") });
    t.advance(999);
    expect(reader.block).not.toBeNull();
    t.advance(2);
    await expect((timed as Pending).promise).resolves.toBe(NIL_ARRAY);
    t.run("XGROUP CREATE s g $ MKSTREAM");
    const blocked = forever.execute(["XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"]) as Pending;
    t.advance(1_000_000);
    expect(forever.block).not.toBeNull();
    t.run("XADD s 9-0 k v");
    await expect(blocked.promise).resolves.toEqual([["s", [["9-0", ["k", "v"]]]]]);
  });

  it("marks WATCHed streams dirty on XADD, XDEL and XTRIM but not on reads through a group", () => {
    const t = setup();
    t.run("XADD s 1-0 a 1");
    t.run("XGROUP CREATE s g 0");
    const other = t.server.connect();
    const tx = (between: string) => {
      t.run("WATCH s");
      other.execute(between.split(" "));
      t.run("MULTI");
      t.run("XLEN s");
      return t.run("EXEC");
    };
    expect(tx("XREADGROUP GROUP g c STREAMS s >")).toEqual([1]);
    expect(tx("XADD s 2-0 a 2")).toBe(NIL_ARRAY);
    expect(tx("XDEL s 1-0")).toBe(NIL_ARRAY);
    expect(tx("XTRIM s MAXLEN 0")).toBe(NIL_ARRAY);
    expect(tx("XTRIM s MAXLEN 0")).toEqual([0]);
  });
});
