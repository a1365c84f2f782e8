// What the trace-stream bench page (main.ts) and its worker (worker.ts) say to each other, besides
// the trace itself: the page's "go", and the worker's "ready" and "produced". In mode "ours" the
// events travel as the sandbox sends them, `{ type: "trace", id, batch }` (workers/sandbox/
// protocol.ts); in mode "peer" each event is its own `{ type: "event", event }` message.
import type { RedisTrace } from "../../workers/redis/trace";

export type Mode = "ours" | "peer";

export interface Go {
  mode: Mode;
  events: number;
}

export type BenchMessage =
  | { type: "ready" }
  /** Times are absolute (performance.timeOrigin + performance.now()), so the page can put them on its own clock. */
  | { type: "produced"; startedAt: number; endedAt: number; messages: number }
  | { type: "event"; event: RedisTrace };

/** The n-th synthetic event: what a Redis GET from learner code emits (workers/redis/trace.ts). */
export function syntheticEvent(i: number, t: number): RedisTrace {
  const key = "k" + i;
  return { t, source: "redis", kind: "command", conn: 1, db: 0, name: "get", args: [key], key, hit: (i & 1) === 0 };
}

/** What one run of the page measured (main.ts), in milliseconds on the page's clock unless named otherwise. */
export interface RunResult {
  mode: Mode;
  events: number;
  /** Events in the store at the end (must equal `events`). */
  stored: number;
  /** Messages the worker posted. */
  messages: number;
  /** From the page's "go" to the moment the store held every event. */
  deliverMs: number;
  eventsPerSec: number;
  /** From the worker's first event to the store holding every event. */
  fromWorkerStartMs: number;
  /** How long the worker took to produce and post every event. */
  workerMs: number;
  /** The longest long task (PerformanceObserver "longtask", ≥ 50 ms only) overlapping the window; 0 if none. */
  longestTaskMs: number;
  longTasks: number;
  /** The longest gap between two animation frames during the window. */
  longestFrameGapMs: number;
  frames: number;
  /** The longest a setTimeout(0) ping waited during the window (nested timers are clamped to 4 ms). */
  maxPingMs: number;
  pings: number;
  /** The page's own handlers, timed: the longest single one (a message, or a store update) and the totals. */
  profile: {
    longestHandlerMs: number;
    /** `event.data` on first access: Chromium deserializes the message there. */
    dataMs: number;
    readMs: number;
    receiveMs: number;
    setStateMs: number;
    setStateCalls: number;
    longestSetStateMs: number;
    /** The message whose handler took longest (`ms`): its events and where the time went. */
    longestMessage: { ms: number; events: number; dataMs: number; readMs: number; receiveMs: number };
  };
}
