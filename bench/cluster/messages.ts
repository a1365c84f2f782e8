// What the cluster bench's page (main.ts) and its driver (bench/cluster.bench.ts) share: the
// page's modes, picked by the URL's hash, and what one run of each measured.

/** `fanout-*`: one broadcast to 10,000 clients; `viz-*`: animation frames while messages flow. */
export type Mode = "fanout-ours" | "fanout-peer" | "viz-ours" | "viz-peer";
export const MODES: readonly Mode[] = ["fanout-ours", "fanout-peer", "viz-ours", "viz-peer"];

/** One timed broadcast, in milliseconds on the page's clock. */
export interface Broadcast {
  /** From the coordinator taking the client's send (its `in` event) to the last client's frame delivered (the last `out` event). */
  reachedMs: number;
  /** From the send to `cluster.settle()` resolving: everything in flight handled, and two quiet turns of the event loop. */
  settledMs: number;
  /** When the broker pushed the message to each worker (its `delivery` event), after the send; empty without a broker. */
  deliveryMs: number[];
  /** Per worker: its first and last frame out to a client, after the send. */
  firstOutMs: number[];
  lastOutMs: number[];
}

export interface FanoutResult {
  mode: "fanout-ours" | "fanout-peer";
  workers: number;
  clients: number;
  /** Clients that held every broadcast at the end (must equal `clients`). */
  reachedAll: number;
  /** startCluster, from the call to every worker loaded. */
  bootMs: number;
  /** connectMany(clients) and the settle after it: every handshake accepted. */
  connectMs: number;
  /** The first broadcast (untimed in the figure: the JIT is cold), then the timed ones. */
  warmup: Broadcast;
  timed: Broadcast[];
  /** Trace events the run's TraceStream took, all told. */
  traced: number;
}

export interface VizResult {
  mode: "viz-ours" | "viz-peer";
  /** Animation frames counted in the window, and the window's length. */
  frames: number;
  windowMs: number;
  fps: number;
  longestFrameGapMs: number;
  /** Long tasks (≥ 50 ms, PerformanceObserver) in the window, and the longest. */
  longTasks: number;
  longestTaskMs: number;
  /** Client messages that flowed in the window (viz-ours), and the trace's length at its end. */
  messages: number;
  events: number;
}
