// The events the tasks picture reads, picked out of a run's trace: the tasks engine's (each
// task's life, the loop blocked, GIL hand-overs, real workers measured) and the job queues'.
import type { TraceEvent } from "../../../workers/trace";
import type { LoopBlockedTrace, TaskTrace, TasksTrace, WorkersMeasuredTrace } from "../../../workers/tasks/trace";
import type { QueueTrace } from "../../../workers/tasks/queue/trace";

export type { TaskPhase } from "../../../workers/tasks/trace";
export type TaskEvent = TaskTrace;
export type BlockedEvent = LoopBlockedTrace;
export type MeasuredEvent = WorkersMeasuredTrace;
export type TasksEvent = TasksTrace;
export type QueueEvent = QueueTrace;

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
