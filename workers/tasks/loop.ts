// The event loop of `playground/tasks`: CPython 3.11's asyncio loop in virtual time.
//
// The loop (loop_rules of golden/asyncio.json, which the replay checks):
//  1. One FIFO ready queue. Each iteration: if nothing is ready, wait (in virtual time) for the
//     earliest timer or a worker thread's call_soon_threadsafe; move every due timer, in
//     (deadline, scheduling order), to the END of the ready queue; then run exactly the handles
//     queued at that moment: what they schedule waits for the next iteration.
//  2. createTask schedules the task's first step with callSoon. A task runs until it awaits a
//     future that is not done; awaiting a done future, or a coroutine, continues in the same step.
//  3. Completing a future schedules its done callbacks with callSoon, in registration order; a
//     waiting task is resumed by one of them (its wakeup, registered when it began to await).
//  4. cancel() cancels the future the task waits on, or marks the task so its next step throws
//     CancelledError into the coroutine at its await (task.ts).
// cpu(ms) is time.sleep on the loop thread: the whole loop, every timer included, waits; the
// GIL is free meanwhile (threads.ts). Time is virtual: waiting costs nothing real.
//
// Driving native async functions. Learner coroutines are ordinary `async` functions, and V8,
// not the loop, resumes them (in microtasks). The loop stays in charge this way:
//  - A task's step calls the coroutine (first step) or the resolve/reject it was suspended in,
//    then the loop WAITS: it runs nothing else until that step ends. Only one coroutine runs at
//    a time, exactly as on CPython's single loop thread.
//  - The step ends when the coroutine's chain calls `then` on a loop Future (what `await fut`
//    does, one microtask after the coroutine suspended): the loop registers the task's wakeup on
//    the future and runs its next handle right there, inside that `then` call. Or the step ends
//    when the coroutine's promise settles (returned or raised). A step that awaits a done future,
//    a coroutine or a plain promise goes on: those do not touch the loop.
//  - Everything else the coroutine awaits (inner async functions) runs inline, as awaiting a
//    coroutine does in Python. A coroutine must not await real timers or I/O promises: the loop
//    would wait for a `then` that never comes. Nor may it call an async function without
//    awaiting it: in Python that call would not even start, here it runs, and its own awaits reach
//    the loop as if the task had made them, so the task's step never ends where the loop expects.
//    Both leave a step in flight once the microtasks have run out, which no correct step does:
//    the loop looks after every real turn (one real timer, armed when a step is left running) and
//    fails such a task with a RuntimeError that says so, and goes on (stall()). The deadlock error
//    is for a loop with nothing left to run or wait for.
// So the order of everything observable is the order of the ready queue, whatever the number of
// microtasks between steps, and a run is deterministic.
import { GeneratorExit, RuntimeError, checkDuration, label } from "./errors.ts";
import { Future } from "./future.ts";
import { Handle, ReadyQueue, TimerHandle, Timers } from "./ready-queue.ts";
import { StrongSet, moduleGlobals, type Traceable } from "./reachability.ts";
import { Task, type CoroutineFunction, type TaskLoop } from "./task.ts";
import { Machine } from "./threads.ts";
import type { ProcessPool } from "./executors.ts";
import type { TaskPhase, TasksTracer } from "./trace.ts";
import { reportUnretrieved } from "./collector.ts";

/** The host's own timer, taken at load: the one real-time thing the loop uses (watchStall). */
const realSetTimeout: (fn: () => void, ms: number) => unknown = globalThis.setTimeout.bind(globalThis);

export interface ExceptionContext {
  message: string;
  /** The task's name, "future" for a plain future. */
  name?: string;
  exception?: unknown;
}

export interface LoopOptions {
  tracer?: TasksTracer;
  /** loop.set_exception_handler: by default the reports go to console.error. */
  exceptionHandler?: (ctx: ExceptionContext) => void;
  /**
   * The GIL's switch interval in loop milliseconds (default 5). The recordings ran every case
   * duration 10 times longer but the interval stayed 5 real ms: 0.5 ms of case time.
   */
  switchIntervalMs?: number;
  /** Called with each task as it is created (a task factory's hook). */
  onTaskCreated?: (task: Task<unknown>) => void;
}

/** `await YIELD` is asyncio.sleep(0): a bare yield, the task's next step is call_soon'ed. */
export const YIELD = {
  then(ok: (v: undefined) => void, fail: (e: unknown) => void): void {
    const loop = EventLoop.running;
    if (!loop) throw new Error("sleep(0) outside a running event loop");
    loop.bareYield(ok, fail);
  },
};

export class EventLoop implements TaskLoop {
  /** The loop whose handles are running (get_running_loop). */
  static running: EventLoop | null = null;

  private ready = new ReadyQueue();
  readonly timers = new Timers();
  readonly machine: Machine;
  private clock = 0;
  /** The task whose step is running: the loop runs nothing else until it ends. */
  stepping: Task<unknown> | null = null;
  private pumping = false;
  private stallTimer = false;
  private batch = 0;
  private stopping = false;
  private stopped: { resolve: () => void; reject: (e: unknown) => void } | null = null;
  /** Pending tasks not destroyed (asyncio's weak _all_tasks), in creation order. */
  readonly allTasks = new Set<Task<unknown>>();
  /** What the runner holds strongly (tasks kept, the background set, global objects). */
  readonly runnerRefs = new StrongSet<Traceable>();
  readonly unretrieved = new Set<Future<unknown>>();
  private serial = 0;
  closed = false;
  /** The default executor has run a thread (shutdown_default_executor then waits for them). */
  usedThreads = false;
  processPool: ProcessPool | null = null;
  readonly tracer: TasksTracer | undefined;
  readonly tracing: boolean;
  private readonly handler: (ctx: ExceptionContext) => void;
  private readonly onTaskCreated: ((task: Task<unknown>) => void) | undefined;

  constructor(options: LoopOptions = {}) {
    this.tracer = options.tracer;
    this.tracing = options.tracer !== undefined;
    this.handler =
      options.exceptionHandler ??
      ((ctx) => console.error(`${ctx.message}${ctx.name ? ` [${ctx.name}]` : ""}${ctx.exception ? ` ${label(ctx.exception)}` : ""}`));
    this.onTaskCreated = options.onTaskCreated;
    this.machine = new Machine(this, { switchIntervalMs: options.switchIntervalMs });
  }

  /** Handles queued to run (this iteration's rest and the next's): a moment's work not yet done. */
  get readyCount(): number {
    return this.ready.length;
  }

  /** Virtual milliseconds since the loop was made. */
  time(): number {
    return this.clock;
  }

  callSoon<A>(fn: (arg: A) => void, arg: A, holder: Traceable | null = null): Handle<A> {
    const h = new Handle(fn, arg, holder);
    this.ready.push(h as unknown as Handle<never>);
    return h;
  }

  /** From a worker thread: appended at once (the thread's moment), and wakes the loop. */
  callSoonThreadsafe<A>(fn: (arg: A) => void, arg: A, holder: Traceable | null = null): void {
    if (this.closed) return;
    this.callSoon(fn, arg, holder);
    this.machine.posted = true;
  }

  callLater<A>(delayMs: number, fn: (arg: A) => void, arg: A, holder: Traceable | null = null): TimerHandle<A> {
    checkDuration("callLater's delay", delayMs, true);
    return this.callAt(this.clock + Math.max(0, delayMs), fn, arg, holder);
  }

  callAt<A>(when: number, fn: (arg: A) => void, arg: A, holder: Traceable | null = null): TimerHandle<A> {
    checkDuration("callAt's time", when, true);
    const h = new TimerHandle(fn, arg, holder, Math.max(when, this.clock), this.timers);
    this.timers.add(h as unknown as TimerHandle<never>, (due) => this.ready.push(due));
    return h;
  }

  createFuture<T>(): Future<T> {
    return new Future<T>(this);
  }

  createTask<T>(coro: CoroutineFunction<T>, name?: string): Task<T> {
    const serial = ++this.serial;
    const task = new Task<T>(this, coro, name ?? `Task-${serial}`, serial);
    this.allTasks.add(task as Task<unknown>);
    this.scheduleStep(task as Task<unknown>);
    if (this.tracing) this.traceTask(task as Task<unknown>, "created");
    this.onTaskCreated?.(task as Task<unknown>);
    return task;
  }

  /** The loop's exception handler (loop.call_exception_handler). */
  report(ctx: ExceptionContext): void {
    this.handler(ctx);
  }

  // --- the step protocol (task.ts calls these) ---

  beginStep(task: Task<unknown>): void {
    this.stepping = task;
  }

  /** After the microtasks run out, a step still in flight is stuck (the header says why). */
  private watchStall(): void {
    if (this.stallTimer) return;
    this.stallTimer = true;
    realSetTimeout(() => {
      this.stallTimer = false;
      const task = this.stepping;
      if (task !== null && this.stopped !== null) this.stall(task);
    }, 0);
  }

  private stall(task: Task<unknown>): void {
    task.abandon(
      new RuntimeError(
        `task '${task.name}' was left waiting for something the event loop cannot see. Usually an async function was called ` +
          "without await somewhere (in Python the call would not even start; here it runs, and its awaits take the place of " +
          "whichever task is running): await it, or start it with createTask(). Or a task awaited a real timer, fetch or " +
          "other I/O, which the loop's virtual time cannot wait for.",
      ),
    );
  }

  endStep(task: Task<unknown>): void {
    if (this.stepping === task) this.stepping = null;
    if (task.done()) {
      this.allTasks.delete(task);
      const exc = task.peekException();
      if (!this.tracing) {
        // nothing to report
      } else if (task.cancelled()) this.traceTask(task, "cancelled");
      else this.traceTask(task, "finished", { outcome: exc ? `raised ${label(exc.exc)}` : `returned ${safeJson(task.peekValue())}` });
    }
    this.afterHandle();
    this.pump();
  }

  awaitFrom(fut: Future<unknown>, ok: (v: unknown) => void, fail: (e: unknown) => void): void {
    const task = this.stepping;
    if (task === null || EventLoop.running !== this) {
      // Not from a task's step (a test awaiting a task from outside the loop): a plain callback.
      fut.addDoneCallback((f) => settle(f, ok, fail));
      return;
    }
    if (task.closing) return fail(new GeneratorExit()); // awaiting while being closed: unwind
    if (fut.done()) return settle(fut, ok, fail); // no suspension: the step goes on
    if (fut === task) return fail(new RuntimeError(`Task cannot await on itself: ${task.name}`));
    task.resumeOk = ok;
    task.resumeFail = fail;
    fut.addDoneCallback(task.wakeup, task);
    task.futWaiter = fut;
    if (task.mustCancel && fut.cancel(task.cancelMessage)) task.mustCancel = false;
    this.traceTask(task, "awaited", { on: fut instanceof Task ? fut.name : fut.displayName });
    this.suspend();
  }

  /** call_soon(task.__step), with the task's own reusable handle. */
  private scheduleStep(task: Task<unknown>): void {
    let h = task.stepHandle as Handle<Task<unknown>> | null;
    if (h === null || h.cancelled) task.stepHandle = h = new Handle(Task.stepSoon, task, null);
    this.ready.push(h as unknown as Handle<never>);
  }

  bareYield(ok: (v: undefined) => void, fail: (e: unknown) => void): void {
    const task = this.stepping;
    if (task === null) {
      this.callSoon(() => ok(undefined), null);
      return;
    }
    if (task.closing) return fail(new GeneratorExit());
    task.resumeOk = ok as (v: unknown) => void;
    task.resumeFail = fail;
    this.scheduleStep(task);
    if (this.tracing) this.traceTask(task, "awaited", { on: "yield" });
    this.suspend();
  }

  private suspend(): void {
    this.stepping = null;
    this.afterHandle();
    this.pump();
  }

  /** time.sleep(ms) on the loop thread: CPU work that blocks the loop and every timer. */
  cpu(ms: number): void {
    checkDuration("cpu", ms);
    if (ms <= 0) return;
    const start = this.clock;
    this.clock = this.machine.loopSleeps(start, start + ms);
    if (this.tracer) this.tracer({ t: start, source: "tasks", kind: "loop-blocked", task: this.stepping?.name ?? null, durationMs: this.clock - start });
  }

  // --- running ---

  /** Runs the loop until fut is done and the iteration that saw it ends (run_until_complete). */
  runUntilComplete(fut: Future<unknown>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.stopped = { resolve, reject };
      const stop = () => {
        this.stopping = true;
      };
      fut.addDoneCallback(stop, null);
      this.pump();
    });
  }

  /** Runs handles until a step is in flight or the loop stops. Re-entered when a step ends. */
  private pump(): void {
    if (this.pumping || this.stepping || !this.stopped) return;
    this.pumping = true;
    EventLoop.running = this;
    try {
      for (;;) {
        if (this.stepping) return this.watchStall();
        if (this.batch === 0) {
          if (this.stopping) return this.finishRun();
          if (!this.startIteration()) return;
          continue;
        }
        const h = this.ready.shift()!;
        this.batch--;
        if (h.cancelled) continue;
        try {
          (h.fn as (a: unknown) => void)(h.arg);
        } catch (e) {
          this.report({ message: "Exception in callback", exception: e });
        }
        if (!this.stepping) this.afterHandle();
      }
    } catch (e) {
      this.fail(e);
    } finally {
      this.pumping = false;
    }
  }

  private finishRun(): void {
    this.stopping = false;
    const stopped = this.stopped!;
    this.stopped = null;
    EventLoop.running = null;
    stopped.resolve();
  }

  private fail(e: unknown): void {
    const stopped = this.stopped;
    this.stopped = null;
    EventLoop.running = null;
    stopped?.reject(e);
  }

  /** Waits for work if none is ready, moves due timers, counts the iteration's handles. */
  private startIteration(): boolean {
    if (this.ready.length === 0) {
      const deadline = this.timers.nextAt() ?? Infinity;
      // Overdue timers (after a cpu block) are due now: time never goes back.
      const wake = this.machine.loopWaits(this.clock, Math.max(this.clock, deadline));
      if (wake === Infinity) {
        this.fail(
          new DeadlockError(
            "the event loop has nothing left to run but the awaited task has not finished: something awaits a future nobody will complete, or a promise that is not the loop's",
          ),
        );
        return false;
      }
      this.clock = wake;
    }
    this.timers.moveDue(this.clock);
    this.batch = this.ready.length;
    return true;
  }

  /** After each handle: reports the failed futures that nothing references any more. */
  private afterHandle(): void {
    if (this.unretrieved.size > 0) reportUnretrieved(this);
  }

  noteUnretrieved(fut: Future<unknown>): void {
    this.unretrieved.add(fut);
  }

  /** The roots of the reference graph (reachability.ts). */
  roots(): Traceable[] {
    const out: Traceable[] = [this.runnerRefs, moduleGlobals];
    this.ready.refs(out);
    this.timers.refs(out);
    this.machine.refs(out);
    if (this.stepping) out.push(this.stepping);
    return out;
  }

  /** loop.close(): drops the ready queue and the timers. */
  close(): void {
    this.closed = true;
    this.ready.clear();
    this.timers.clear();
    this.batch = 0;
  }

  traceTask(task: Task<unknown>, phase: TaskPhase, extra?: { on?: string; outcome?: string }): void {
    if (this.tracer) this.tracer({ t: this.clock, source: "tasks", kind: "task", phase, task: task.name, ...extra });
  }

}

export class DeadlockError extends Error {}

function settle(fut: Future<unknown>, ok: (v: unknown) => void, fail: (e: unknown) => void): void {
  let v: unknown;
  try {
    v = fut.result();
  } catch (e) {
    fail(e);
    return;
  }
  ok(v);
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? "null";
  } catch {
    return String(v);
  }
}
