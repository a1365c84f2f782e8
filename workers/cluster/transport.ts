// The seam between the coordinator (cluster.ts: clients, load balancer, broker) and its workers
// (node.ts: the learner's app). A transport starts workers, carries the messages of protocol.ts
// both ways, and owns time: its `clock` is the one the coordinator and the workers schedule on,
// and `settle` / `sleep` are how the coordinator lets things happen.
//
// Two transports fit it:
//   - one thread (one-thread.ts): every worker is a ClusterNode in this thread, messages go
//     through the clock after a small latency, time is virtual (Node tests, lessons run in Node);
//   - real Web Workers (web-workers.ts, the browser): each worker a Web Worker the page's cluster
//     host starts (host.ts), running a ClusterNode with a real clock in an SES compartment
//     (node-worker.ts), messages over a MessagePort straight to it; `settle` counts what each
//     worker has acknowledged; `sleep` waits real time; a worker killed from the page is reported
//     through `onCrash(…, "killed")`. Every message a worker sends is read through readFromNode
//     (read-message.ts) before it reaches the coordinator.
import type { FromNode, ToNode } from "./protocol.ts";

export type TimerId = number;

/** Time, as the coordinator and the workers see it (virtual in one thread, real in the browser). */
export interface Clock {
  /** Milliseconds since the cluster's transport began. */
  now(): number;
  setTimeout(fire: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
}

/** Real time (a Web Worker's, or the run's in the browser), read from `now`. */
export function realClock(now: () => number): Clock {
  return {
    now,
    setTimeout: (fire, ms) => setTimeout(fire, ms) as unknown as TimerId,
    clearTimeout: (id) => clearTimeout(id),
  };
}

/** The coordinator's end of one worker. */
export interface NodeLink {
  post(message: ToNode): void;
  /** Terminates the worker at once (Worker.terminate): nothing more arrives from it, in flight or not. */
  kill(): void;
}

export interface ClusterTransport {
  readonly clock: Clock;
  /**
   * Starts worker `worker` (a restarted worker gets the same number and a fresh realm).
   * `onMessage` receives what it sends; `onCrash` is told if it dies without the coordinator
   * asking (on its own, or `"killed"` from outside: the learner's kill button on the page).
   */
  spawn(
    worker: number,
    onMessage: (message: FromNode) => void,
    onCrash?: (error: string, how?: "crashed" | "killed") => void,
    /** The learner asked from outside (the page's restart button) for this worker to be started afresh. */
    onRestart?: () => void,
  ): NodeLink;
  /**
   * Resolves when nothing more is in flight: every message posted either way has been delivered
   * and handled, and what that set off has run. Timers that are not due yet (a heartbeat, a
   * learner's sleep) stay set: `sleep` is what moves time past them.
   */
  settle(): Promise<void>;
  /** Lets `ms` pass: every timer due meanwhile fires, and what it sets off runs. */
  sleep(ms: number): Promise<void>;
}

/**
 * Evaluates the learner's (transpiled, CommonJS) module in a worker with that worker's
 * `playground/*` modules and console, and resolves to its exports.
 */
export type Evaluate = (code: string, modules: Record<string, unknown>, console: Console) => Promise<Record<string, unknown>>;
