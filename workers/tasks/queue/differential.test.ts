// The durable queue's commands, in the exact forms durable.ts sends them, against a real
// redis-server (7.0) and the engine, reply for reply: the replies the queue reads matter most
// (XAUTOCLAIM's cursor and deleted IDs, XPENDING's extended form and its delivery counts,
// XCLAIM … IDLE … JUSTID, the dead-letter MULTI, a consumer's history read after a restart).
// Idle times are real on both sides; the script sets them with XCLAIM … IDLE so thresholds fall
// far from the few milliseconds the script takes, and blanks them where they are printed.
import { describe, expect, it } from "vitest";
import { createRedis } from "../../redis/index.ts";
import { timeFree } from "../../redis/testing/random-stream-commands.ts";
import { useRealRedis } from "../../redis/testing/real-redis.ts";
import { big, outcome } from "../../redis/testing/resp-compare.ts";

const A = "1800000000000-0"; // welcome:1
const B = "1800000000000-1"; // welcome:2
const C = "1800000000005-0"; // no key
const D = "1800000000009-0";

const SCRIPT = [
  // durableQueue(): the group, from ID 0, with the stream; again (BUSYGROUP, which it ignores).
  "XGROUP CREATE jobs workers 0 MKSTREAM",
  "XGROUP CREATE jobs workers 0 MKSTREAM",
  // add()
  `XADD jobs ${A} key welcome:1 payload {"to":"a@x"}`,
  `XADD jobs ${B} key welcome:2 payload {"to":"b@x"}`,
  `XADD jobs ${C} payload {"to":"c@x"}`,
  // A worker starts: its own history (empty), nothing abandoned, then one new entry each.
  "XREADGROUP GROUP workers w1 COUNT 100 STREAMS jobs 0",
  "XAUTOCLAIM jobs workers w1 30000 0-0 COUNT 1",
  "XREADGROUP GROUP workers w1 COUNT 1 BLOCK 1000 STREAMS jobs >",
  "XREADGROUP GROUP workers w2 COUNT 1 BLOCK 1000 STREAMS jobs >",
  // Which delivery is this (extended form, one ID), and the summary.
  `XPENDING jobs workers ${A} ${A} 1`,
  "XPENDING jobs workers",
  // w2 succeeds: XACK (a second XACK finds nothing).
  `XACK jobs workers ${B}`,
  `XACK jobs workers ${B}`,
  // w1 fails: retry later — idle set to visibility − backoff, the delivery count left alone.
  `XCLAIM jobs workers w1 0 ${A} IDLE 25000 JUSTID`,
  "XPENDING jobs workers IDLE 24000 - + 10",
  "XPENDING jobs workers IDLE 26000 - + 10",
  // w2 takes C and dies; make it look 40 s old.
  "XREADGROUP GROUP workers w2 COUNT 1 BLOCK 1000 STREAMS jobs >",
  `XCLAIM jobs workers w2 0 ${C} IDLE 40000 JUSTID`,
  // w3's reclaim pass, one entry at a time: the cursor walks the pending list.
  "XAUTOCLAIM jobs workers w3 20000 0-0 COUNT 1",
  `XAUTOCLAIM jobs workers w3 20000 ${C} COUNT 1`,
  "XAUTOCLAIM jobs workers w3 20000 0-0 COUNT 1",
  "XPENDING jobs workers - + 10",
  // w3 restarts: its history read delivers both again (counts go up).
  "XREADGROUP GROUP workers w3 COUNT 100 STREAMS jobs 0",
  "XPENDING jobs workers - + 10 w3",
  // An entry deleted while pending: the history shows it without fields, XAUTOCLAIM drops it.
  `XADD jobs ${D} payload {"to":"d@x"}`,
  "XREADGROUP GROUP workers w1 COUNT 1 BLOCK 1000 STREAMS jobs >",
  `XDEL jobs ${D}`,
  "XREADGROUP GROUP workers w1 COUNT 100 STREAMS jobs 0",
  "XAUTOCLAIM jobs workers w2 0 0-0 COUNT 10",
  "XPENDING jobs workers",
  // Dead-lettering C: XADD to jobs:dead and XACK in one transaction.
  "MULTI",
  `XADD jobs:dead 1800000000100-0 id ${C} payload {"to":"c@x"} error Error:_boom deliveries 3`,
  `XACK jobs workers ${C}`,
  "EXEC",
  "XPENDING jobs workers",
  "XRANGE jobs:dead - +",
  // job.once(): the idempotency mark.
  "EXISTS done:welcome:1",
  "SET done:welcome:1 1 EX 86400",
  "EXISTS done:welcome:1",
];

describe("differential: the durable queue's commands against a real redis-server", () => {
  const realRedis = useRealRedis();

  it("gets the same replies as redis-server, command for command", async () => {
    const real = realRedis().client;
    await real.send(["FLUSHALL"]);
    const engine = createRedis({ now: Date.now }).connect();
    const mismatches: string[] = [];
    const replies: string[] = [];
    for (const line of SCRIPT) {
      const args = line.split(" ");
      const want = JSON.stringify(timeFree(await real.send(args), args), big);
      const got = JSON.stringify(timeFree(outcome(engine.execute(args)), args), big);
      replies.push(want);
      if (want !== got) mismatches.push(`${line}\n  redis:  ${want}\n  engine: ${got}`);
    }
    expect(mismatches, mismatches.join("\n")).toEqual([]);
    // The script did reach the states it means to compare (real Redis's own replies):
    const at = (line: string) => replies[SCRIPT.indexOf(line)];
    expect(at("XAUTOCLAIM jobs workers w3 20000 0-0 COUNT 1")).toContain(`"v":"${C}"`); // the cursor: C is next
    expect(at("XAUTOCLAIM jobs workers w2 0 0-0 COUNT 10")).toContain(`{"t":"array","v":[{"t":"bulk","v":"${D}"}]}`); // D deleted
    expect(at("XPENDING jobs workers IDLE 24000 - + 10")).toContain(`"v":"${A}"`);
    expect(at("XPENDING jobs workers IDLE 26000 - + 10")).toBe('{"t":"array","v":[]}');
    expect(replies[SCRIPT.lastIndexOf("XREADGROUP GROUP workers w1 COUNT 100 STREAMS jobs 0")]).toContain(`{"t":"bulk","v":"${D}"},{"t":"array","v":null}`);
    expect(at("EXEC")).toContain('"v":"1800000000100-0"');
  });
});
