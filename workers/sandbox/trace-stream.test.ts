import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../trace";
import { TRACE_BATCH_MAX, TraceStream, type TraceBatch } from "./trace-stream";

const engine = (t: number) => ({ t, source: "redis", kind: "command" }) as unknown as TraceEvent;
const check = (t: number) => ({ t, source: "sandbox", kind: "check", name: "c", durationMs: 1, passed: true }) as TraceEvent;

function stream(options: { cap?: number } = {}) {
  const batches: TraceBatch[] = [];
  const timers: (() => void)[] = [];
  let now = 0;
  const s = new TraceStream({ now: () => now, onBatch: (b) => batches.push(b), schedule: (f) => timers.push(f), ...options });
  return { s, batches, timers, tick: (ms: number) => (now += ms) };
}

describe("TraceStream", () => {
  it("sends the first event at once, then batches until a frame has passed or the code yields", () => {
    const { s, batches, timers, tick } = stream();
    s.push(engine(0));
    expect(batches).toHaveLength(1);
    for (let i = 1; i <= 100; i++) s.push(engine(i));
    expect(batches).toHaveLength(1); // same frame: held
    expect(timers).toHaveLength(1); // one timer, not one per event
    timers[0]();
    expect(batches.map((b) => b.events.length)).toEqual([1, 100]);
    tick(20);
    s.push(engine(200)); // a frame later, a tight loop flushes by itself
    expect(batches).toHaveLength(3);
  });

  it("never sends more than a batch's worth in one message", () => {
    const { s, batches } = stream();
    for (let i = 0; i < TRACE_BATCH_MAX * 2 + 5; i++) s.push(engine(i));
    s.flush();
    expect(Math.max(...batches.map((b) => b.events.length))).toBeLessThanOrEqual(TRACE_BATCH_MAX);
    expect(batches.reduce((n, b) => n + b.events.length, 0)).toBe(TRACE_BATCH_MAX * 2 + 5);
  });

  it("keeps at most the cap and counts the rest, but always keeps the sandbox's own events", () => {
    const { s, batches } = stream({ cap: 10 });
    for (let i = 0; i < 25; i++) s.push(engine(i));
    s.push(check(30));
    s.flush();
    const events = batches.flatMap((b) => b.events);
    expect(events).toHaveLength(11);
    expect(events.at(-1)!.source).toBe("sandbox");
    expect(batches.at(-1)!.dropped).toBe(15);
  });
});
