// The trace-stream bench page (bench/trace-stream.bench.ts). The URL's hash picks the mode:
//   #ours  the page's real end of a run's trace: each message read by readSandboxMessage, its batch
//          handed to receiveTrace, which updates a zustand store at most once per animation frame
//   #peer  the naive way: one message per event, pushed into an array, one store update per event
// window.runTraceBench() starts the worker's events and resolves when the store holds all of them,
// with how long that took and how the main thread fared meanwhile (long tasks, gaps between
// animation frames, the latency of a setTimeout(0) ping loop).
import { createStore, type StoreApi } from "zustand/vanilla";
import { receiveTrace, type TraceState } from "../../app/lesson/trace-receiver";
import { readSandboxMessage } from "../../workers/sandbox/protocol";
import { TRACE_CAP } from "../../workers/sandbox/trace-stream";
import type { BenchMessage, Mode, RunResult } from "./messages";

const mode: Mode = location.hash === "#peer" ? "peer" : "ours";
const EVENTS = TRACE_CAP;

// From page load on, so no long task is missed; only those overlapping the window count.
const longTasks: PerformanceEntry[] = [];
const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
observer.observe({ type: "longtask", buffered: true });

const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
const workerReady = new Promise<void>((resolve) => {
  worker.addEventListener("message", (e: MessageEvent) => (e.data as BenchMessage).type === "ready" && resolve(), { once: true });
});

const profile: RunResult["profile"] = {
  longestHandlerMs: 0,
  dataMs: 0,
  readMs: 0,
  receiveMs: 0,
  setStateMs: 0,
  setStateCalls: 0,
  longestSetStateMs: 0,
  longestMessage: { ms: 0, events: 0, dataMs: 0, readMs: 0, receiveMs: 0 },
};

/** Times every setState of `store` (for ours: receiveTrace's filter, reduce and mergeByTime, and the listeners). */
function timeSetState<T>(store: StoreApi<T>): void {
  const setState = store.setState;
  store.setState = ((...args: Parameters<typeof setState>) => {
    const t0 = performance.now();
    setState(...args);
    const ms = performance.now() - t0;
    profile.setStateMs += ms;
    profile.setStateCalls++;
    profile.longestSetStateMs = Math.max(profile.longestSetStateMs, ms);
    profile.longestHandlerMs = Math.max(profile.longestHandlerMs, ms);
  }) as typeof setState;
}

type Produced = Extract<BenchMessage, { type: "produced" }>;

/**
 * Takes the worker's messages the way this page's mode does; `done` runs when the store holds
 * every event, `produced` when the worker says it has sent them all. Returns how many are stored.
 */
function consume(done: () => void, produced: (m: Produced) => void): () => number {
  if (mode === "ours") {
    const store = createStore<TraceState>(() => ({ trace: [], traceDropped: 0, traceEnd: 0 }));
    timeSetState(store);
    const receiver = receiveTrace(store, () => true);
    store.subscribe((s) => s.trace.length >= EVENTS && done());
    worker.onmessage = (e: MessageEvent) => {
      const t0 = performance.now();
      const data: unknown = e.data;
      const t1 = performance.now();
      if ((data as BenchMessage).type === "produced") produced(data as Produced);
      else {
        const message = readSandboxMessage(data);
        const t2 = performance.now();
        if (message?.type === "trace") receiver.receive(message.batch);
        const t3 = performance.now();
        profile.readMs += t2 - t1;
        profile.receiveMs += t3 - t2;
        if (t3 - t0 > profile.longestMessage.ms) {
          const events = message?.type === "trace" ? message.batch.events.length : 0;
          profile.longestMessage = { ms: t3 - t0, events, dataMs: t1 - t0, readMs: t2 - t1, receiveMs: t3 - t2 };
        }
      }
      profile.dataMs += t1 - t0;
      profile.longestHandlerMs = Math.max(profile.longestHandlerMs, performance.now() - t0);
    };
    return () => store.getState().trace.length;
  }
  const events: unknown[] = [];
  const store = createStore<{ count: number }>(() => ({ count: 0 }));
  timeSetState(store);
  store.subscribe((s) => s.count >= EVENTS && done());
  worker.onmessage = (e: MessageEvent) => {
    const t0 = performance.now();
    const data = e.data as BenchMessage;
    const t1 = performance.now();
    if (data.type === "produced") produced(data);
    else if (data.type === "event") {
      events.push(data.event);
      store.setState({ count: events.length });
    }
    profile.dataMs += t1 - t0;
    profile.longestHandlerMs = Math.max(profile.longestHandlerMs, performance.now() - t0);
  };
  return () => store.getState().count;
}

async function runTraceBench(): Promise<RunResult> {
  await workerReady;
  let produced: Produced | null = null;
  let doneAt = 0;
  let finished!: () => void;
  const allStored = new Promise<void>((resolve) => (finished = resolve));
  const stored = consume(
    () => {
      if (doneAt) return;
      doneAt = performance.now();
      finished();
    },
    (m) => (produced = m),
  );

  // The main thread's responsiveness while it lasts: frames and a setTimeout(0) ping loop.
  let running = true;
  let lastFrame = 0;
  let longestFrameGapMs = 0;
  let frames = 0;
  const frame = (now: number) => {
    if (lastFrame) longestFrameGapMs = Math.max(longestFrameGapMs, now - lastFrame);
    lastFrame = now;
    frames++;
    // One frame after the end, so a long task at the very end still shows as a gap.
    if (running) requestAnimationFrame(frame);
  };
  let pingScheduled = 0;
  let maxPingMs = 0;
  let pings = 0;
  const ping = () => {
    const now = performance.now();
    maxPingMs = Math.max(maxPingMs, now - pingScheduled);
    pings++;
    if (!running) return;
    pingScheduled = now;
    setTimeout(ping, 0);
  };
  // Both loops start on the frame before "go", so the window is watched from its first moment.
  await new Promise<void>((resolve) =>
    requestAnimationFrame((now) => {
      lastFrame = now;
      requestAnimationFrame(frame);
      pingScheduled = performance.now();
      setTimeout(ping, 0);
      resolve();
    }),
  );

  const goAt = performance.now();
  worker.postMessage({ mode, events: EVENTS });
  await allStored;
  running = false;
  // The last frame and ping, and the long task entries (delivered after their task ends).
  await new Promise((resolve) => setTimeout(resolve, 250));
  longTasks.push(...observer.takeRecords());
  const during = longTasks.filter((t) => t.startTime < doneAt && t.startTime + t.duration > goAt);
  const p = produced as Produced | null;
  const workerStart = p ? p.startedAt - performance.timeOrigin : goAt;
  const deliverMs = doneAt - goAt;
  return {
    mode,
    events: EVENTS,
    stored: stored(),
    messages: p?.messages ?? 0,
    deliverMs,
    eventsPerSec: EVENTS / (deliverMs / 1000),
    fromWorkerStartMs: doneAt - workerStart,
    workerMs: p ? p.endedAt - p.startedAt : NaN,
    longestTaskMs: Math.max(0, ...during.map((t) => t.duration)),
    longTasks: during.length,
    longestFrameGapMs,
    frames,
    maxPingMs,
    pings,
    profile,
  };
}

Object.assign(window, { runTraceBench, traceBenchMode: mode });
document.getElementById("status")!.textContent = `ready: ${mode}`;
