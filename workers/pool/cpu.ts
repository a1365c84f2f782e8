// The server's processors, shared by the statements running at once: the reason a pool bigger
// than the server is no faster. Each statement needs `work` ms of one core (its measured time on
// PGlite). With `cores` or fewer running, each runs at full speed; with more, they share the
// cores evenly (processor sharing, as an operating system's scheduler approximates for CPU-bound
// backends): each progresses at cores / running. So past the core count, throughput stays flat
// and every statement takes longer — the latency a too-large pool buys.
import type { TimerId, VirtualClock } from "../shared/virtual-clock.ts";

interface Job {
  remaining: number;
  done: () => void;
}

export class Processors {
  private readonly jobs = new Set<Job>();
  private last: number;
  private timer: TimerId | undefined;

  constructor(
    private readonly clock: VirtualClock,
    readonly cores: number,
  ) {
    if (!(cores >= 1)) throw new RangeError("a server needs at least one core");
    this.last = clock.now();
  }

  /** Statements running now. */
  get running(): number {
    return this.jobs.size;
  }

  /** Runs `work` ms of CPU; `done` is called on the clock when it is finished. */
  run(work: number, done: () => void): void {
    this.settle();
    this.jobs.add({ remaining: Math.max(0, work), done });
    this.schedule();
  }

  private rate(): number {
    return this.jobs.size <= this.cores ? 1 : this.cores / this.jobs.size;
  }

  /** Charges the time since the last change to every running job. */
  private settle(): void {
    const now = this.clock.now();
    const progress = (now - this.last) * this.rate();
    this.last = now;
    if (progress > 0) for (const job of this.jobs) job.remaining -= progress;
  }

  private schedule(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.jobs.size === 0) return;
    let next = Infinity;
    for (const job of this.jobs) next = Math.min(next, job.remaining);
    this.timer = this.clock.setTimeout(() => this.finish(), Math.max(0, next) / this.rate());
  }

  private finish(): void {
    this.settle();
    // Every job whose work is done (within rounding) finishes now, in the order it started.
    const finished = [...this.jobs].filter((job) => job.remaining <= 1e-9);
    for (const job of finished) this.jobs.delete(job);
    this.schedule();
    for (const job of finished) job.done();
  }
}
