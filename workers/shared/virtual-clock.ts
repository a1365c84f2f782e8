// Virtual time for the simulating engines (pool, cluster, dns): a run's connections, pools,
// nodes and name servers live on this clock, not on the wall's, so a 30 ms connection set-up or
// a 10 s idle timeout costs nothing to simulate and every run of the same script gives the same
// timeline. Timers fire in time order (in the order they were set among equals); `advanceTo`
// runs everything due, synchronously. Each engine drives it its own way (pool/simulation.ts,
// cluster/virtual-time.ts, dns/sim-clock.ts), all with drainInstant's rule below.
export type TimerId = number;

interface Timer {
  id: TimerId;
  at: number;
  seq: number;
  fire: () => void;
}

export class VirtualClock {
  private time = 0;
  private seq = 0;
  private nextId = 1;
  /** A binary min-heap by (at, seq). */
  private heap: Timer[] = [];
  private cancelled = new Set<TimerId>();

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  /** Runs `fire` `ms` from now (at least 0): later than everything already due at that moment. */
  setTimeout(fire: () => void, ms: number): TimerId {
    const id = this.nextId++;
    this.push({ id, at: this.time + Math.max(0, ms), seq: this.seq++, fire });
    return id;
  }

  clearTimeout(id: TimerId | undefined): void {
    if (id !== undefined) this.cancelled.add(id);
  }

  /** When the next timer is due, or undefined when none is set. */
  nextAt(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.at;
  }

  /** Fires the next due timer (moving the clock to it); false when none is set. */
  step(): boolean {
    this.dropCancelled();
    const timer = this.pop();
    if (!timer) return false;
    this.time = Math.max(this.time, timer.at);
    timer.fire();
    return true;
  }

  /** Fires every timer due at or before `t`, in order, then sets the clock to `t`. */
  advanceTo(t: number): void {
    for (let at = this.nextAt(); at !== undefined && at <= t; at = this.nextAt()) this.step();
    this.time = Math.max(this.time, t);
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.cancelled.has(this.heap[0].id)) {
      this.cancelled.delete(this.heap[0].id);
      this.pop();
    }
  }

  private before(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private pop(): Timer | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.before(heap[l], heap[m])) m = l;
        if (r < heap.length && this.before(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Runs every continuation scheduled at this instant: a hop is one microtask queued behind
 * everything queued so far (what `await null` is, without a promise per hop), and the drain ends
 * once `quietHops` hops in a row pass with `activity()` unchanged (no engine call, timer or
 * message meanwhile). The rule the pool's simulation and the cluster's one-thread transport share
 * (simulation.ts, THE RULE 1).
 */
export function drainInstant(activity: () => number, quietHops: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = activity();
    let quiet = 0;
    const hop = () => {
      const now = activity();
      if (now !== seen) {
        seen = now;
        quiet = 0;
      } else if (++quiet >= quietHops) return resolve();
      queueMicrotask(hop);
    };
    queueMicrotask(hop);
  });
}
