// A worker's life, shared by both queues: it runs as one task of the tasks loop (so many workers
// compete on one thread in virtual time), is crashed, restarted and stopped from code or from the
// page (`crash()` is the hook a button calls), and reports each change to the queue's trace.
//
// A crash is as close to `kill -9` as a task can come: the task is cancelled at the await it is
// suspended in and its connection closed, so none of the worker's own code runs again and no
// command of it reaches Redis. (A handler's own `finally` still runs, as cancellation runs it;
// a killed process would run none — keep side effects out of `finally`.)
import { CancelledError, label } from "../errors.ts";
import { runningLoop } from "../combinators.ts";
import type { EventLoop } from "../loop.ts";
import { TaskSet } from "../sync.ts";
import type { Task } from "../task.ts";
import type { QueueTraceBody, QueueTracer } from "./trace.ts";
import type { QueueWorker, WorkerState } from "./types.ts";

export abstract class WorkerTask implements QueueWorker {
  state: WorkerState = "running";
  protected readonly loop: EventLoop;
  private task: Task<void> | null = null;
  /** Jobs taken and not yet finished, in the order taken. */
  protected readonly held = new Set<string>();
  /** Whether the handler is running (stop() then waits for it to end). */
  private busy = false;

  constructor(
    readonly name: string,
    private readonly queueName: string,
    /** What keeps the worker tasks alive: the loop holds tasks only weakly, as asyncio does. */
    private readonly kept: TaskSet,
    private readonly tracer: QueueTracer | undefined,
  ) {
    this.loop = runningLoop();
  }

  /** The worker's body: take jobs until cancelled. */
  protected abstract work(): Promise<void>;
  /** What dies with the process (the durable worker's connection, the memory worker's jobs in hand). */
  protected abstract kill(): void;
  /** A fresh start after a crash or a stop (a new connection). */
  protected abstract revive(): void;

  /** Starts the worker's task. */
  start(phase: "started" | "restarted" = "started"): void {
    this.state = "running";
    this.trace({ kind: "worker", worker: this.name, phase });
    const task = this.loop.createTask(() => this.work(), this.name);
    this.task = task;
    this.kept.add(task as Task<unknown>);
    task.addDoneCallback(() => {
      this.kept.discard(task as Task<unknown>);
      // The worker's own code raised (its group destroyed under it, say): the process dies of it.
      if (task.cancelled() || this.task !== task || this.state !== "running") return;
      const error = task.exception();
      if (error === null) return;
      this.state = "crashed";
      this.trace({ kind: "worker", worker: this.name, phase: "crashed", holding: this.holding(), error: label(error) });
      this.kill();
      this.held.clear();
    }, null);
  }

  holding(): string[] {
    return [...this.held];
  }

  /** `by: "page"` marks a crash the page injected (workers/injections.ts); lesson code's own crash() passes nothing. */
  crash(by?: "page"): void {
    if (this.state !== "running") return;
    this.state = "crashed";
    this.trace({ kind: "worker", worker: this.name, phase: "crashed", holding: this.holding(), ...(by ? { by } : {}) });
    // Cancel first: the task leaves its await with CancelledError before anything else it waits on
    // can complete, then its connection goes as a dead process's socket does.
    this.task?.cancel();
    this.kill();
    this.held.clear();
  }

  restart(): void {
    if (this.state === "running") return;
    this.revive();
    this.start("restarted");
  }

  async stop(): Promise<void> {
    if (this.state !== "running") return;
    this.state = "stopped";
    const task = this.task;
    if (task === null) return;
    if (!this.busy) task.cancel();
    try {
      await task;
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
    }
    this.kill();
    this.trace({ kind: "worker", worker: this.name, phase: "stopped" });
  }

  /** Runs one job's handler; a stop waits for it, a crash does not. */
  protected async running<T>(job: () => Promise<T>): Promise<T> {
    this.busy = true;
    try {
      return await job();
    } finally {
      this.busy = false;
    }
  }

  /** Whether the worker should take another job (a stop lets the job in hand finish first). */
  protected get taking(): boolean {
    return this.state === "running";
  }

  protected trace(body: QueueTraceBody): void {
    this.tracer?.({ t: this.loop.time(), source: "queue", queue: this.queueName, ...body });
  }
}

/** A queue's workers: the set that keeps their tasks alive, and stopping them all. */
export class Crew {
  /** The loop holds tasks only weakly, as asyncio does: this is what keeps the workers running. */
  readonly kept = new TaskSet();
  private readonly all: WorkerTask[] = [];

  hire<W extends WorkerTask>(worker: W): W {
    this.all.push(worker);
    worker.start();
    return worker;
  }

  list(): WorkerTask[] {
    return [...this.all];
  }

  async stop(): Promise<void> {
    for (const w of this.all) await w.stop();
  }
}
