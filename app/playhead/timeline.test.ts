import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../workers/trace";
import { countAt, endOf, mergeByTime, momentAt, nextMoment, previousMoment, START } from "./timeline";

const ev = (t: number, kind = "x", durationMs?: number) => ({ t, source: "test", kind, ...(durationMs === undefined ? {} : { durationMs }) }) as unknown as TraceEvent;
/** When the run ended: its last event or duration (the page keeps this as events arrive). */
const endTime = (trace: readonly TraceEvent[]) => Math.max(0, ...trace.map(endOf));
const kinds = (trace: readonly TraceEvent[]) => trace.map((e) => `${e.kind}@${e.t}`);

describe("mergeByTime", () => {
  it("appends a later batch as it is", () => {
    expect(kinds(mergeByTime([ev(1, "a"), ev(2, "b")], [ev(2, "c"), ev(3, "d")]))).toEqual(["a@1", "b@2", "c@2", "d@3"]);
  });

  it("puts an event stamped with its start (a check, sent when it ends) before the events it contains, earlier arrivals first among equals", () => {
    const trace = [ev(1, "a"), ev(5, "b"), ev(6, "c")];
    expect(kinds(mergeByTime(trace, [ev(7, "d"), ev(5, "check", 3)]))).toEqual(["a@1", "b@5", "check@5", "c@6", "d@7"]);
  });
});

describe("moments", () => {
  const trace = [ev(0, "transpile"), ev(1, "a"), ev(1, "b"), ev(4, "check", 6)];
  const end = endTime(trace);

  it("counts the events at or before a time", () => {
    expect([countAt(trace, -1), countAt(trace, 0), countAt(trace, 1), countAt(trace, 3.9), countAt(trace, 99)]).toEqual([0, 1, 3, 3, 4]);
    expect(end).toBe(10);
  });

  it("steps one event at a time, events at the same time included, then to the end", () => {
    const seen: (string | null)[] = [];
    let m: ReturnType<typeof nextMoment> = START;
    for (let i = 0; i < 6; i++) {
      m = nextMoment(trace, m, end);
      seen.push(m && `${m.count}@${m.time}`);
    }
    expect(seen).toEqual(["1@0", "2@1", "3@1", "4@4", null, null]);
  });

  it("steps back from the end to the last event, and from between two events to the one shown", () => {
    expect(previousMoment(trace, null, end)).toEqual({ count: 4, time: 4 });
    expect(previousMoment(trace, momentAt(trace, 2.5), end)).toEqual({ count: 3, time: 1 });
    expect(previousMoment(trace, { count: 3, time: 1 }, end)).toEqual({ count: 2, time: 1 });
    expect(previousMoment(trace, { count: 1, time: 0 }, end)).toEqual(START);
  });

  it("from the end, skips a last event that ends the run (nothing to show between them)", () => {
    const flat = [ev(0, "a"), ev(2, "b")];
    expect(previousMoment(flat, null, endTime(flat))).toEqual({ count: 1, time: 0 });
  });
});
