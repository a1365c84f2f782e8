// A run's trace on the page: streamed in while the run goes on, merged by time, capped, kept when
// the run stops (trace-receiver.ts, through the run session that uses it).
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../workers/trace";
import type { Sandbox } from "../../workers/sandbox/client";
import { TRACE_CAP, type TraceBatch } from "../../workers/sandbox/trace-stream";
import { createRunSession } from "./run-session";
import { seek } from "../playhead/playhead";

const engine = (t: number) => ({ t, source: "redis", kind: "command" }) as unknown as TraceEvent;
const check = (t: number, durationMs: number) => ({ t, source: "sandbox", kind: "check", name: "c", durationMs, passed: true }) as TraceEvent;

/** A sandbox that streams `batches` during its run, then ends as `ending` says. */
function fakeSandbox(batches: TraceBatch[], ending: "done" | "stopped") {
  return {
    listChecks: async () => [],
    stop: () => {},
    run: async (_request: unknown, options: { onTrace?: (b: TraceBatch) => void }) => {
      for (const b of batches) {
        options.onTrace?.(b);
        await new Promise((r) => setTimeout(r, 40)); // more than a frame apart
      }
      return ending === "done" ? { kind: "done" as const, result: { error: null, checks: [] } } : { kind: "stopped" as const };
    },
  } as unknown as Sandbox;
}

describe("a run's trace on the page", () => {
  it("arrives while the run goes on, sorted by time, with the run's end", async () => {
    const session = createRunSession({ sandbox: fakeSandbox([{ events: [engine(1), engine(2)], dropped: 0 }, { events: [engine(3), check(0.5, 4)], dropped: 0 }], "done"), checksSource: "", lesson: { timeoutMs: 5000, datasets: [] }, engines: [], onAllPassed: () => {} });
    const seen: number[] = [];
    session.store.subscribe((s) => seen.push(s.trace.length));
    await session.run("code");
    const { trace, traceEnd } = session.store.getState();
    expect(trace.map((e) => e.t)).toEqual([0.5, 1, 2, 3]);
    expect(traceEnd).toBe(4.5);
    expect(seen).toContain(2); // the first batch was in the store before the run ended
  });

  it("keeps what arrived when the run is stopped, and a new run follows the live edge again", async () => {
    const session = createRunSession({ sandbox: fakeSandbox([{ events: [engine(1)], dropped: 0 }], "stopped"), checksSource: "", lesson: { timeoutMs: 5000, datasets: [] }, engines: [], onAllPassed: () => {} });
    await session.run("code");
    expect(session.store.getState().trace).toHaveLength(1);
    seek(session.playhead, { count: 0, time: 0 });
    await session.run("code");
    expect(session.playhead.getState().pinned).toBeNull();
  });

  it("keeps at most TRACE_CAP events and says how many were dropped, here and in the sandbox", async () => {
    const many = Array.from({ length: TRACE_CAP + 10 }, (_, i) => engine(i));
    const session = createRunSession({ sandbox: fakeSandbox([{ events: many, dropped: 7 }, { events: [check(1, 1)], dropped: 7 }], "done"), checksSource: "", lesson: { timeoutMs: 5000, datasets: [] }, engines: [], onAllPassed: () => {} });
    await session.run("code");
    const { trace, traceDropped } = session.store.getState();
    expect(trace.length).toBe(TRACE_CAP + 1); // the sandbox's own event is kept past the cap
    expect(trace.some((e) => e.source === "sandbox")).toBe(true);
    expect(traceDropped).toBe(17);
  });
});
