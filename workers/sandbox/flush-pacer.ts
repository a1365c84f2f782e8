// When a batcher in the sandbox (console lines, trace events) sends what it holds: at once if
// `everyMs` have passed since it last did, else once by timer. A learner's tight loop never yields
// to a timer, so the writes themselves drive the flushing; code that yields and then waits forever
// is flushed by the timer.
export class FlushPacer {
  private last = -Infinity;
  private scheduled = false;

  constructor(
    private readonly options: {
      everyMs: number;
      now: () => number;
      flush: () => void;
      /** Runs `flush` later if the code yields (setTimeout by default). */
      schedule?: (flush: () => void, ms: number) => void;
    },
  ) {}

  /** Something was written: flush now or soon. */
  wrote(): void {
    if (this.options.now() - this.last >= this.options.everyMs) this.options.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      (this.options.schedule ?? setTimeout)(() => {
        this.scheduled = false;
        this.options.flush();
      }, this.options.everyMs);
    }
  }

  /** A flush happened (call it from the flush itself). */
  flushed(): void {
    this.last = this.options.now();
  }
}
