// The in-memory alternative: the same interface as the durable queue, over a JavaScript array
// (the tasks engine's Queue, which is asyncio.Queue: an array with waiters). It is what "just
// push it on a list and have a worker pull from it" gives you, and it works — until a worker
// dies. A worker takes a job by removing it from the array; nothing else remembers the job, so a
// crash mid-job loses it: no pending list, no visibility timeout, nobody delivers it again.
// (The jobs still waiting in the array would go too if the whole process died.)
import { CancelledError, label } from "../errors.ts";
import { callLater } from "../api.ts";
import { runningLoop } from "../combinators.ts";
import { Queue, type TaskSet } from "../sync.ts";
import type { QueueTracer } from "./trace.ts";
import { backoffFor, checkWhole, type Handler, type JobQueue, type QueueWorker, type RetryPolicy } from "./types.ts";
import { Crew, WorkerTask } from "./worker-task.ts";

export interface MemoryQueueOptions extends RetryPolicy {
  name?: string;
  trace?: QueueTracer;
}

interface Held<P> {
  id: string;
  key: string;
  payload: P;
  deliveries: number;
}

export interface MemoryJobQueue<P> extends JobQueue<P> {
  /** Jobs waiting in the array. */
  waiting(): number;
  /** Jobs that failed maxDeliveries times. */
  readonly dead: { id: string; key: string; payload: P; error: string }[];
}

export function memoryQueue<P = unknown>(options: MemoryQueueOptions = {}): MemoryJobQueue<P> {
  const settings = {
    name: options.name ?? "jobs",
    maxDeliveries: options.maxDeliveries ?? 5,
    backoffMs: options.backoffMs ?? 1000,
    trace: options.trace,
  };
  checkWhole(settings, { maxDeliveries: 1, backoffMs: 0 });
  return new MemoryQueue<P>(settings);
}

type Settings = Required<Omit<MemoryQueueOptions, "trace">> & { trace: QueueTracer | undefined };

class MemoryQueue<P> implements MemoryJobQueue<P> {
  readonly jobs = new Queue<Held<P>>();
  readonly dead: { id: string; key: string; payload: P; error: string }[] = [];
  /** Idempotency keys of effects done, in this process's memory. */
  readonly done = new Set<string>();
  private readonly crew = new Crew();
  private readonly loop = runningLoop();
  private serial = 0;

  constructor(readonly settings: Settings) {}

  get name(): string {
    return this.settings.name;
  }

  waiting(): number {
    return this.jobs.qsize();
  }

  async add(payload: P, options: { key?: string } = {}): Promise<string> {
    const id = String(++this.serial);
    const key = options.key ?? id;
    this.jobs.putNowait({ id, key, payload, deliveries: 0 });
    this.settings.trace?.({ t: this.loop.time(), source: "queue", queue: this.name, kind: "added", id, key });
    return id;
  }

  worker(name: string, handler: Handler<P>): QueueWorker {
    return this.crew.hire(new MemoryWorker<P>(name, this, handler, this.crew.kept));
  }

  workers(): QueueWorker[] {
    return this.crew.list();
  }

  stop(): Promise<void> {
    return this.crew.stop();
  }
}

class MemoryWorker<P> extends WorkerTask {
  /** The jobs in this worker's hands: the only place they exist while it runs them. */
  private readonly inHand = new Map<string, Held<P>>();

  constructor(
    name: string,
    private readonly queue: MemoryQueue<P>,
    private readonly handler: Handler<P>,
    kept: TaskSet,
  ) {
    super(name, queue.name, kept, queue.settings.trace);
  }

  protected async work(): Promise<void> {
    const { jobs, settings, done } = this.queue;
    while (this.taking) {
      const held = await jobs.get(); // removed from the array: from now on only this worker has it
      held.deliveries++;
      this.inHand.set(held.id, held);
      this.held.add(held.id);
      this.trace({ kind: "read", worker: this.name, id: held.id, deliveries: held.deliveries });
      const once = async (effect: () => Promise<void> | void) => {
        if (done.has(held.key)) {
          this.trace({ kind: "duplicate-skipped", worker: this.name, id: held.id, key: held.key });
          return false;
        }
        await effect();
        done.add(held.key);
        return true;
      };
      try {
        await this.running(async () => await this.handler({ ...held, worker: this.name, once }));
        this.trace({ kind: "acked", worker: this.name, id: held.id });
      } catch (e) {
        if (e instanceof CancelledError || this.state === "crashed") throw e;
        if (held.deliveries >= settings.maxDeliveries) {
          this.queue.dead.push({ id: held.id, key: held.key, payload: held.payload, error: label(e) });
          this.trace({ kind: "dead-lettered", worker: this.name, id: held.id, deadId: held.id, deliveries: held.deliveries, error: label(e) });
        } else {
          const backoffMs = backoffFor(held.deliveries, settings.backoffMs);
          callLater(backoffMs, () => jobs.putNowait(held));
          this.trace({ kind: "retry", worker: this.name, id: held.id, deliveries: held.deliveries, backoffMs, error: label(e) });
        }
      }
      this.inHand.delete(held.id);
      this.held.delete(held.id);
    }
  }

  /** The process's memory goes with it: the jobs in hand are gone. */
  protected kill(): void {
    for (const held of this.inHand.values()) this.trace({ kind: "lost", worker: this.name, id: held.id });
    this.inHand.clear();
  }

  protected revive(): void {}
}
