// Worker threads under a GIL, and the loop thread competing for it, in virtual time.
//
// A thread body is a generator: the code between two yields runs at one instant holding the GIL;
// `yield th.block(ms)` is time.sleep / blocking I/O (the GIL is released for ms); `yield
// th.cpu(ms)` is ms of pure-Python CPU work (it needs the GIL for ms of running, so it takes
// longer while others share it); `yield th.spin(ms)` is the recordings' busy loop: it holds the
// GIL whenever it has it until the wall clock reaches now + ms, however little it ran. The GIL as CPython
// 3.11 hands it over (Python/ceval_gil.h), simplified to what is observable in virtual time:
//  - a thread that wants the GIL while it is free takes it at once; otherwise it queues (FIFO);
//  - a spinning holder is made to drop it once the switch interval (5 ms, sys.getswitchinterval())
//    has passed since it took it or since the first waiter came, whichever is later; it then
//    queues behind the waiters and the first waiter takes it;
//  - the loop thread holds the GIL while it runs handles (in zero virtual time) and releases it
//    while it waits for timers or threads and during cpu() (time.sleep releases the GIL).
// So CPU-bound work on 4 threads takes as long as on 1 (one runs at a time), blocking work
// overlaps, and a spinning thread delays the loop's timers by up to 5 ms. A finished thread
// hands its result to the loop with call_soon_threadsafe (executors.ts).
import { VirtualClock, type TimerId } from "../shared/virtual-clock.ts";
import type { Traceable } from "./reachability.ts";
import type { TasksTracer } from "./trace.ts";

export const SWITCH_INTERVAL_MS = 5;

export interface ThreadOp {
  op: "block" | "spin" | "cpu";
  ms: number;
}

export interface ThreadContext {
  readonly name: string;
  /** True in a child process: its memory (and its log) is its own. */
  readonly inChild: boolean;
  block(ms: number): ThreadOp;
  spin(ms: number): ThreadOp;
  cpu(ms: number): ThreadOp;
  now(): number;
}

export type ThreadBody<T> = (th: ThreadContext) => Generator<ThreadOp, T, void>;

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Actor {
  name: string;
  onGrant(): void;
  /** Running under the GIL: `remaining` ms of CPU work, or (a spin) until the clock reads `until`. */
  spin: { remaining: number; since: number; timer: TimerId; until: number | null } | null;
}

/** What the machine needs from the loop. */
export interface MachineLoop {
  time(): number;
  readonly tracer: TasksTracer | undefined;
}

export interface MachineOptions {
  /** sys.getswitchinterval() in the loop's milliseconds (default SWITCH_INTERVAL_MS). */
  switchIntervalMs?: number;
}

export class Machine implements Traceable {
  readonly clock = new VirtualClock();
  /** Set when a thread called call_soon_threadsafe: the waiting loop wakes. */
  posted = false;
  /** False until the first thread: the loop then waits for its timers only (the fast path). */
  private used = false;
  private holder: Actor | null;
  private lastHolder: string | null = "loop";
  private holderSince = 0;
  private waiters: Actor[] = [];
  private switchTimer: TimerId | undefined;
  private loopHasGil = true;
  private readonly loopActor: Actor = { name: "loop", onGrant: () => (this.loopHasGil = true), spin: null };
  /** Futures that running jobs will complete: roots for the collector (executor -> future). */
  readonly pendingJobs = new Set<Traceable>();
  private liveThreads = 0;
  private whenIdle: (() => void)[] = [];

  private readonly switchIntervalMs: number;

  constructor(
    private readonly loop: MachineLoop,
    options: MachineOptions = {},
  ) {
    this.holder = this.loopActor;
    this.switchIntervalMs = options.switchIntervalMs ?? SWITCH_INTERVAL_MS;
  }

  refs(out: Traceable[]): void {
    for (const j of this.pendingJobs) out.push(j);
  }

  /** The loop waits (select) until deadline or a thread's post; returns when it holds the GIL again. */
  loopWaits(now: number, deadline: number): number {
    if (!this.used) return deadline;
    this.clock.advanceTo(now);
    this.posted = false;
    this.release(this.loopActor);
    let wake: number;
    for (;;) {
      if (this.posted) {
        wake = this.clock.now();
        break;
      }
      const at = this.clock.nextAt();
      if (at === undefined || at > deadline) {
        if (deadline === Infinity) return Infinity;
        this.clock.advanceTo(deadline);
        wake = deadline;
        break;
      }
      this.clock.step();
    }
    return this.acquireLoop(wake);
  }

  /** cpu(ms) on the loop thread: time.sleep, the GIL released meanwhile. Returns when it is back. */
  loopSleeps(start: number, end: number): number {
    if (!this.used) return end;
    this.clock.advanceTo(start);
    this.release(this.loopActor);
    this.clock.advanceTo(end);
    return this.acquireLoop(end);
  }

  private acquireLoop(t: number): number {
    this.clock.advanceTo(t);
    this.loopHasGil = false;
    this.request(this.loopActor);
    while (!this.loopHasGil) if (!this.clock.step()) throw new Error("the GIL is never released");
    return this.clock.now();
  }

  /** Starts a thread of the loop's process on the body; onDone runs in it, holding the GIL. */
  startThread<T>(name: string, body: ThreadBody<T>, onDone: (outcome: Outcome<T>) => void): void {
    this.begin();
    this.liveThreads++;
    const gen = body(this.context(name, false));
    const actor: Actor = {
      name,
      spin: null,
      onGrant: () => (actor.spin ? this.resumeSpin(actor) : this.segment(actor, gen, onDone)),
    };
    this.request(actor);
  }

  /** Runs fn once every thread has ended (shutdown_default_executor joins them). */
  onThreadsDone(fn: () => void): void {
    if (this.liveThreads === 0) fn();
    else this.whenIdle.push(fn);
  }

  /** A short piece of Python in a helper thread of this process (a result handler): needs the GIL. */
  runWithGil(name: string, fn: () => void): void {
    const actor: Actor = {
      name,
      spin: null,
      onGrant: () => {
        fn();
        this.release(actor);
      },
    };
    this.request(actor);
  }

  /** Makes virtual time available to threads: syncs the machine's clock with the loop's. */
  begin(): void {
    if (!this.used) {
      this.used = true;
      this.holderSince = this.loop.time();
    }
    this.clock.advanceTo(this.loop.time());
  }

  context(name: string, inChild: boolean): ThreadContext {
    return {
      name,
      inChild,
      block: (ms) => ({ op: "block", ms }),
      spin: (ms) => ({ op: "spin", ms }),
      cpu: (ms) => ({ op: "cpu", ms }),
      now: () => this.clock.now(),
    };
  }

  // --- the GIL ---

  private request(actor: Actor): void {
    if (this.holder === null) return this.grant(actor);
    this.waiters.push(actor);
    this.armSwitch();
  }

  private grant(actor: Actor): void {
    this.holder = actor;
    this.holderSince = this.clock.now();
    const tracer = this.loop.tracer;
    if (tracer && this.lastHolder !== actor.name)
      tracer({ t: this.clock.now(), source: "tasks", kind: "gil", from: this.lastHolder, to: actor.name });
    this.lastHolder = actor.name;
    actor.onGrant();
  }

  private release(actor: Actor): void {
    if (this.holder !== actor) return;
    this.holder = null;
    if (this.switchTimer !== undefined) this.clock.clearTimeout(this.switchTimer);
    this.switchTimer = undefined;
    const next = this.waiters.shift();
    if (next) this.grant(next);
  }

  /** A spinning holder with someone waiting drops the GIL after the switch interval. */
  private armSwitch(): void {
    const h = this.holder;
    if (this.switchTimer !== undefined || !h || !h.spin || this.waiters.length === 0) return;
    const at = Math.max(this.holderSince, this.clock.now()) + this.switchIntervalMs;
    this.switchTimer = this.clock.setTimeout(() => {
      this.switchTimer = undefined;
      const holder = this.holder;
      if (!holder || !holder.spin || this.waiters.length === 0) return;
      if (holder.spin.until === null) holder.spin.remaining -= this.clock.now() - holder.spin.since;
      this.clock.clearTimeout(holder.spin.timer);
      this.holder = null;
      this.waiters.push(holder);
      this.grant(this.waiters.shift()!);
    }, at - this.clock.now());
  }

  private resumeSpin(actor: Actor): void {
    const spin = actor.spin!;
    const now = this.clock.now();
    spin.since = now;
    const left = spin.until === null ? spin.remaining : Math.max(0, spin.until - now);
    spin.timer = this.clock.setTimeout(() => this.endSpin(actor), left);
    this.armSwitch();
  }

  private endSpin(actor: Actor): void {
    actor.spin = null;
    actor.onGrant();
  }

  /** Runs the thread's code up to its next block or spin (or its end), holding the GIL. */
  private segment<T>(actor: Actor, gen: Generator<ThreadOp, T, void>, onDone: (o: Outcome<T>) => void): void {
    let r: IteratorResult<ThreadOp, T>;
    try {
      r = gen.next();
    } catch (error) {
      return this.end(actor, onDone, { ok: false, error });
    }
    if (r.done) return this.end(actor, onDone, { ok: true, value: r.value });
    const { op, ms } = r.value;
    if (op === "block") {
      this.release(actor);
      this.clock.setTimeout(() => this.request(actor), ms);
    } else {
      const now = this.clock.now();
      actor.spin = { remaining: Math.max(0, ms), since: now, timer: 0, until: op === "spin" ? now + Math.max(0, ms) : null };
      this.resumeSpin(actor);
    }
  }

  private end<T>(actor: Actor, onDone: (o: Outcome<T>) => void, outcome: Outcome<T>): void {
    onDone(outcome);
    this.release(actor);
    if (--this.liveThreads === 0) {
      const waiting = this.whenIdle;
      this.whenIdle = [];
      for (const fn of waiting) fn();
    }
  }
}
