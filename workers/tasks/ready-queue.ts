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

/** A FIFO of handles without Array.shift's O(n). */
export class ReadyQueue {
  private items: Handle<never>[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(h: Handle<never>): void {
    this.items.push(h);
  }

  shift(): Handle<never> | undefined {
    if (this.head >= this.items.length) return undefined;
    const h = this.items[this.head];
    this.items[this.head++] = undefined as never;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return h;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  refs(out: Traceable[]): void {
    for (let i = this.head; i < this.items.length; i++) out.push(this.items[i]);
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
