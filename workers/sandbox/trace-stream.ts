// A run's trace events leave the sandbox while the run goes on, in batches: at most one message
// about every frame (16 ms), or sooner when a batch fills, never one message per event. A run
// keeps at most TRACE_CAP events and counts the rest; the sandbox's own events (compile, module,
// each check) are always kept, so a flood from an engine never hides how the run ended.
// (docs/architecture.md, "The trace and the playhead").
import type { TraceEvent } from "../trace";
import { FlushPacer } from "./flush-pacer";

/** Events a run keeps; the page keeps no more either. */
export const TRACE_CAP = 250_000;
/** Events per message at most: decoding a message is one task on the page, so it stays short (bench app.trace_stream: 10,000 made 45–60 ms tasks on a busy 2-core machine, 2,500 about 35 ms). */
export const TRACE_BATCH_MAX = 2_500;
const FLUSH_EVERY_MS = 16;

export interface TraceBatch {
  events: TraceEvent[];
  /** Events of this run not kept so far (in all batches until now): the receiver says how many. */
  dropped: number;
}

export class TraceStream {
  private pending: TraceEvent[] = [];
  private kept = 0;
  private dropped = 0;
  private sentDropped = 0;
  private readonly pacer: FlushPacer;

  constructor(
    private readonly options: {
      now: () => number;
      onBatch: (batch: TraceBatch) => void;
      cap?: number;
      /** Runs `flush` later if the code yields (setTimeout by default). */
      schedule?: (flush: () => void, ms: number) => void;
    },
  ) {
    this.pacer = new FlushPacer({ everyMs: FLUSH_EVERY_MS, now: options.now, schedule: options.schedule, flush: () => this.flush() });
  }

  push(event: TraceEvent): void {
    if (this.kept >= (this.options.cap ?? TRACE_CAP) && event.source !== "sandbox") this.dropped++;
    else {
      this.kept++;
      this.pending.push(event);
    }
    if (this.pending.length >= TRACE_BATCH_MAX) this.flush();
    else this.pacer.wrote();
  }

  flush(): void {
    this.pacer.flushed();
    if (this.pending.length === 0 && this.dropped === this.sentDropped) return;
    const events = this.pending;
    this.pending = [];
    this.sentDropped = this.dropped;
    this.options.onBatch({ events, dropped: this.dropped });
  }
}
