// What a job queue reports (the durable one on Redis Streams and the in-memory one alike): each
// move of an entry between the stream, a worker's hands (the group's pending list), the
// dead-letter stream, or nowhere (lost), and each worker's life. Stamped with the tasks loop's
// virtual milliseconds, as the tasks engine's own events are, so one playhead orders them with
// the Redis commands that caused them. A visualization of the stream, the pending list and the
// dead letters renders from these alone.

interface QueueTraceBase {
  t: number;
  source: "queue";
  /** The queue's name (the stream's key for the durable queue). */
  queue: string;
  /** Which run() of the lesson's run the queue lived in: playground/tasks numbers them as the loop's own events. */
  loop?: number;
}

export type QueueTraceBody =
  /** A producer added a job (XADD). */
  | { kind: "added"; id: string; key: string }
  /** A worker took a job (XREADGROUP, or its own pending history after a restart): `deliveries` counts this one. */
  | { kind: "read"; worker: string; id: string; deliveries: number }
  /** The job was done and acknowledged (XACK): it leaves the pending list. */
  | { kind: "acked"; worker: string; id: string }
  /** The handler failed: the entry stays pending and is due again after `backoffMs`. */
  | { kind: "retry"; worker: string; id: string; deliveries: number; backoffMs: number; error: string }
  /**
   * A worker took over entries idle past the visibility timeout (XAUTOCLAIM); `deleted` are
   * pending IDs whose entries had left the stream (trimmed or XDEL'd), dropped from the list.
   */
  | { kind: "claimed"; worker: string; ids: string[]; deleted: string[] }
  /** Moved to the dead-letter stream (`deadId` there) after `deliveries` deliveries, and acknowledged. */
  | { kind: "dead-lettered"; worker: string; id: string; deadId: string; deliveries: number; error: string }
  /** The in-memory queue only: a crash took the job the worker held, and nothing will deliver it again. */
  | { kind: "lost"; worker: string; id: string }
  /** A job's side effect was skipped: its idempotency key says it was done already. */
  | { kind: "duplicate-skipped"; worker: string; id: string; key: string }
  /**
   * A worker started, crashed (killed mid-job: `holding` are the jobs it had un-acked; `error`
   * when its own code raised rather than being killed; `by: "page"` when the page's crash control
   * killed it, workers/injections.ts), restarted or stopped.
   */
  | { kind: "worker"; worker: string; phase: "started" | "crashed" | "restarted" | "stopped"; holding?: string[]; error?: string; by?: "page" };

export type QueueTrace = QueueTraceBase & QueueTraceBody;

export type QueueTracer = (event: QueueTrace) => void;
