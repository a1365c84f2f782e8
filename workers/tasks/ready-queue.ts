// The loop's two queues: the FIFO ready queue of handles (call_soon) and the timers (call_later),
// a heap by (deadline, scheduling order) kept by the shared VirtualClock. A handle remembers what
// it holds (its callback's owner and argument) for the collector.
import { VirtualClock, type TimerId } from "../shared/virtual-clock.ts";
import { isTraceable, type Traceable } from "./reachability.ts";

export class Handle<A = unknown> implements Traceable {
  cancelled = false;
  constructor(
    readonly fn: (arg: A) => void,
    readonly arg: A,
    readonly holder: Traceable | null,
  ) {}

  cancel(): void {
    this.cancelled = true;
  }

  refs(out: Traceable[]): void {
    if (this.cancelled) return; // a cancelled handle drops its callback and arguments
    if (this.holder) out.push(this.holder);
    if (isTraceable(this.arg)) out.push(this.arg);
  }
}

/** A FIFO of handles: a ring buffer that doubles when full (no shifting, no garbage per handle). */
export class ReadyQueue {
  private items: (Handle<never> | undefined)[] = new Array(1024);
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(h: Handle<never>): void {
    const cap = this.items.length;
    if (this.count === cap) {
      const grown: (Handle<never> | undefined)[] = new Array(cap * 2);
      for (let i = 0; i < cap; i++) grown[i] = this.items[(this.head + i) & (cap - 1)];
      this.items = grown;
      this.head = 0;
    }
    this.items[(this.head + this.count) & (this.items.length - 1)] = h;
    this.count++;
  }

  shift(): Handle<never> | undefined {
    if (this.count === 0) return undefined;
    const h = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.count--;
    return h;
  }

  clear(): void {
    this.items = new Array(1024);
    this.head = 0;
    this.count = 0;
  }

  refs(out: Traceable[]): void {
    const mask = this.items.length - 1;
    for (let i = 0; i < this.count; i++) out.push(this.items[(this.head + i) & mask]!);
  }
}

export class TimerHandle<A = unknown> extends Handle<A> {
  id: TimerId = 0;
  constructor(
    fn: (arg: A) => void,
    arg: A,
    holder: Traceable | null,
    readonly when: number,
    private readonly timers: Timers,
  ) {
    super(fn, arg, holder);
  }

  cancel(): void {
    if (this.cancelled) return;
    super.cancel();
    this.timers.drop(this as unknown as TimerHandle<never>);
  }
}

export class Timers {
  private clock = new VirtualClock();
  private live = new Map<TimerId, TimerHandle<never>>();

  add(h: TimerHandle<never>, onDue: (h: TimerHandle<never>) => void): void {
    h.id = this.clock.setTimeout(() => {
      this.live.delete(h.id);
      onDue(h);
    }, h.when - this.clock.now());
    this.live.set(h.id, h);
  }

  drop(h: TimerHandle<never>): void {
    if (this.live.delete(h.id)) this.clock.clearTimeout(h.id);
  }

  nextAt(): number | undefined {
    return this.clock.nextAt();
  }

  /** Hands every timer due at or before t to onDue (given at add), in deadline order. */
  moveDue(t: number): void {
    this.clock.advanceTo(t);
  }

  get size(): number {
    return this.live.size;
  }

  clear(): void {
    for (const h of this.live.values()) h.cancelled = true;
    this.live.clear();
    this.clock = new VirtualClock(this.clock.now());
  }

  refs(out: Traceable[]): void {
    for (const h of this.live.values()) out.push(h);
  }
}
