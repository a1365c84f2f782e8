// The events the tasks picture reads, picked out of a run's trace: the tasks engine's (each
// task's life, the loop blocked, GIL hand-overs, real workers measured) and the job queues'.
// Structural types kept to the fields drawn, so the picture depends on the trace's shape only.
import type { TraceEvent } from "../../../workers/trace";

export type TaskPhase = "created" | "started" | "awaited" | "resumed" | "finished" | "cancelled" | "destroyed";

export interface TaskEvent {
  t: number;
  kind: "task";
  loop?: number;
  phase: TaskPhase;
  task: string;
  on?: string;
  outcome?: string;
}
export interface BlockedEvent {
  t: number;
  kind: "loop-blocked";
  loop?: number;
  task: string | null;
  durationMs: number;
}
export interface GilEvent {
  t: number;
  kind: "gil";
  loop?: number;
  from: string | null;
  to: string;
}
export interface MeasuredEvent {
  t: number;
  kind: "workers-measured";
  exportName: string;
  jobs: number;
  workers: number;
  ms: number;
  speedup: number;
}
export type TasksEvent = TaskEvent | BlockedEvent | GilEvent | MeasuredEvent;

interface QueueBase {
  t: number;
  queue: string;
  /** The run() it happened in (playground/tasks numbers each): each run's queue is its own. */
  loop?: number;
}
export type QueueEvent = QueueBase &
  (
    | { kind: "added"; id: string; key: string }
    | { kind: "read"; worker: string; id: string; deliveries: number }
    | { kind: "acked"; worker: string; id: string }
    | { kind: "retry"; worker: string; id: string; deliveries: number; backoffMs: number; error: string }
    | { kind: "claimed"; worker: string; ids: string[]; deleted: string[] }
    | { kind: "dead-lettered"; worker: string; id: string; deadId: string; deliveries: number; error: string }
    | { kind: "lost"; worker: string; id: string }
    | { kind: "duplicate-skipped"; worker: string; id: string; key: string }
    | { kind: "worker"; worker: string; phase: "started" | "crashed" | "restarted" | "stopped"; holding?: string[] }
  );

export interface TasksRun {
  tasks: TasksEvent[];
  queue: QueueEvent[];
}

export function readRun(trace: readonly TraceEvent[]): TasksRun {
  const tasks: TasksEvent[] = [];
  const queue: QueueEvent[] = [];
  for (const e of trace as readonly { source?: string }[]) {
    if (e.source === "tasks") tasks.push(e as unknown as TasksEvent);
    else if (e.source === "queue") queue.push(e as unknown as QueueEvent);
  }
  return { tasks, queue };
}
