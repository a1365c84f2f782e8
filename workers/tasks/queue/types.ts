// The one interface both job queues offer (durable.ts on Redis Streams, memory.ts on a JavaScript
// array), so a lesson can run the same producer, handler and crash against each and compare.

export interface Job<P = unknown> {
  /** The entry's ID (a stream ID for the durable queue). */
  readonly id: string;
  /** The idempotency key the producer gave (the ID when it gave none). */
  readonly key: string;
  readonly payload: P;
  /** Which delivery this is: 1 the first time, more after a crash or a failure. */
  readonly deliveries: number;
  /** The worker running it. */
  readonly worker: string;
  /**
   * Runs `effect` unless a delivery of a job with the same key already ran it to the end, and
   * remembers that it did. Delivery is at least once; this makes the effect once, except in the
   * window between the effect finishing and the mark being written (see each queue's once).
   * Resolves to whether the effect ran.
   */
  once(effect: () => Promise<void> | void): Promise<boolean>;
}

export type Handler<P = unknown> = (job: Job<P>) => PromiseLike<unknown> | void;

export type WorkerState = "running" | "crashed" | "stopped";

export interface QueueWorker {
  readonly name: string;
  readonly state: WorkerState;
  /** IDs of the jobs it has taken and not finished (acknowledged, retried or dead-lettered). */
  holding(): string[];
  /** Kills it at once, as `kill -9` kills a process: whatever it holds stays un-acknowledged. */
  crash(): void;
  /** Starts it again after a crash or a stop, under the same name. */
  restart(): void;
  /** Stops it after the job in hand (or at once when it has none). */
  stop(): Promise<void>;
}

export interface RetryPolicy {
  /** After this many deliveries a failing job goes to the dead letters (default 5). */
  maxDeliveries?: number;
  /** The wait before the first retry; it doubles with each delivery (default 1000 ms). */
  backoffMs?: number;
}

export interface JobQueue<P = unknown> {
  readonly name: string;
  /** Adds a job; `key` is its idempotency key. Resolves to the job's ID. */
  add(payload: P, options?: { key?: string }): Promise<string>;
  /** Starts a worker (a task on the running loop) that runs `handler` for each job it takes. */
  worker(name: string, handler: Handler<P>): QueueWorker;
  /** Its workers, in the order they were started (the page's crash buttons find them here: controls.ts). */
  workers(): QueueWorker[];
  /** Stops every worker. */
  stop(): Promise<void>;
}

/** The wait before the next delivery after `deliveries` failed ones: backoffMs, 2×, 4×… */
export function backoffFor(deliveries: number, backoffMs: number): number {
  return backoffMs * 2 ** (deliveries - 1);
}

/** Settings that must be whole numbers ≥ a minimum (Redis takes whole ms; BLOCK 0 waits forever). */
export function checkWhole(settings: object, mins: Record<string, number>): void {
  for (const [name, min] of Object.entries(mins)) {
    const v = (settings as Record<string, unknown>)[name];
    if (typeof v !== "number" || !Number.isInteger(v) || v < min) throw new RangeError(`${name} must be a whole number ≥ ${min} (got ${String(v)})`);
  }
}
