// to_thread and to_process: running a thread body off the loop, the result coming back as a
// callback the worker appends with call_soon_threadsafe (loop_rules (3)). That callback completes
// the asyncio future unless it was cancelled meanwhile: a thread cannot be stopped, cancelling or
// timing out the await only abandons it.
//
// The process pool is ProcessPoolExecutor(max_workers=2) with the fork start method: each worker
// is a child process on a core of its own with its own interpreter and GIL, so CPU work in two
// children really overlaps; its memory is a copy, so what a child logs stays in the child
// (ThreadContext.inChild) and only the pickled return value comes back. Modelled costs:
//   - starting a worker (fork) at its first job: WORKER_START_MS = 5 ms;
//   - pickling the call to the child and the result back, each: PICKLE_BASE_MS = 0.2 ms plus
//     1 ms per 100 kB of the value's JSON (about 100 MB/s, pickle plus the pipe).
import type { EventLoop } from "./loop.ts";
import type { Future } from "./future.ts";
import type { Outcome, ThreadBody, ThreadOp } from "./threads.ts";

export const PROCESS_WORKERS = 2;
export const WORKER_START_MS = 5;
export const PICKLE_BASE_MS = 0.2;
export const PICKLE_MS_PER_100KB = 1;

/** The pickle cost of sending value across a process boundary, in ms. */
export function pickleMs(value: unknown): number {
  let size: number;
  try {
    size = (JSON.stringify(value) ?? "").length;
  } catch {
    size = 0; // not JSON (a cycle, a bigint): counted as small
  }
  return PICKLE_BASE_MS + (size / 100_000) * PICKLE_MS_PER_100KB;
}

/** Completes fut with the outcome, unless fut was cancelled (abandoned) meanwhile. */
function copyState<T>(fut: Future<T>, outcome: Outcome<T>): void {
  if (fut.cancelled()) return;
  if (outcome.ok) fut.setResult(outcome.value);
  else fut.setException(outcome.error);
}

/** loop.run_in_executor(None, body): a worker thread of the default executor. */
export function runInThread<T>(loop: EventLoop, name: string, body: ThreadBody<T>): Future<T> {
  const fut = loop.createFuture<T>();
  loop.usedThreads = true;
  loop.machine.pendingJobs.add(fut);
  loop.machine.startThread(name, body, (outcome) => {
    loop.machine.pendingJobs.delete(fut);
    loop.callSoonThreadsafe((f: Future<T>) => copyState(f, outcome), fut);
  });
  return fut;
}

interface Job {
  name: string;
  body: ThreadBody<unknown>;
  fut: Future<unknown>;
}

/** ProcessPoolExecutor(max_workers=2): jobs wait FIFO for a free worker. */
export class ProcessPool {
  private readonly started: boolean[] = [];
  private readonly busy: boolean[] = [];
  private readonly queue: Job[] = [];

  constructor(
    private readonly loop: EventLoop,
    readonly workers = PROCESS_WORKERS,
  ) {
    for (let i = 0; i < workers; i++) {
      this.started.push(false);
      this.busy.push(false);
    }
  }

  submit<T>(name: string, body: ThreadBody<T>): Future<T> {
    const fut = this.loop.createFuture<T>();
    this.loop.machine.begin();
    this.loop.machine.pendingJobs.add(fut);
    this.queue.push({ name, body: body as ThreadBody<unknown>, fut: fut as Future<unknown> });
    this.dispatch();
    return fut;
  }

  private dispatch(): void {
    for (let w = 0; w < this.workers && this.queue.length > 0; w++) {
      if (this.busy[w]) continue;
      this.busy[w] = true;
      this.run(w, this.queue.shift()!);
    }
  }

  private run(w: number, job: Job): void {
    const clock = this.loop.machine.clock;
    const start = (this.started[w] ? 0 : WORKER_START_MS) + pickleMs(null);
    this.started[w] = true;
    const gen = job.body(this.loop.machine.context(job.name, true));
    // The child has its own interpreter: block and spin both just take time on its own core.
    const step = (): void => {
      let r: IteratorResult<ThreadOp, unknown>;
      try {
        r = gen.next();
      } catch (error) {
        return back({ ok: false, error });
      }
      if (r.done) return back({ ok: true, value: cloneResult(r.value) });
      clock.setTimeout(step, Math.max(0, r.value.ms));
    };
    const back = (outcome: Outcome<unknown>): void => {
      const cost = pickleMs(outcome.ok ? outcome.value : String(outcome.error));
      clock.setTimeout(() => {
        this.busy[w] = false;
        this.dispatch();
        // The pool's result-handler thread in the parent sets the future: it needs the GIL.
        this.loop.machine.runWithGil("process-pool", () => {
          this.loop.machine.pendingJobs.delete(job.fut);
          this.loop.callSoonThreadsafe((f: Future<unknown>) => copyState(f, outcome), job.fut);
        });
      }, cost);
    };
    clock.setTimeout(step, start);
  }
}

/** What comes back from a child is a copy (pickle), never the child's object. */
function cloneResult(v: unknown): unknown {
  return v === undefined ? undefined : structuredClone(v);
}
