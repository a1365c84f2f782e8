// console.* for learner code: each call becomes one text line, the newest `cap` lines are kept
// and the rest counted, and lines leave in batches so a flood of output cannot swamp the page.
import inspect from "object-inspect";
import { FlushPacer } from "./flush-pacer";

export type ConsoleLevel = "log" | "info" | "warn" | "error" | "debug";
export interface ConsoleLine {
  level: ConsoleLevel;
  text: string;
}
export interface ConsoleBatch {
  /** The newest lines since the last batch (at most the cap; older ones were never sent). */
  lines: ConsoleLine[];
  /** Lines written so far in this run, sent or not: the receiver counts what it never saw. */
  written: number;
}

const LEVELS: ConsoleLevel[] = ["log", "info", "warn", "error", "debug"];
const MAX_LINE_CHARS = 10_000;

/** One argument as text; learner values may be hostile (throwing getters, Proxies), so never throws. */
function formatArg(a: unknown): string {
  if (typeof a === "string") return a;
  try {
    if (a instanceof Error) {
      const stack: unknown = a.stack;
      const message = String(a.message);
      return typeof stack === "string" && stack.includes(message) ? stack : `${String(a.name)}: ${message}`;
    }
    return inspect(a, { depth: 4, maxStringLength: 2000 });
  } catch {
    return "[a value that cannot be shown: reading it threw]";
  }
}

export function formatArgs(args: unknown[]): string {
  const text = args.map(formatArg).join(" ");
  return text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}… (${text.length - MAX_LINE_CHARS} more characters)` : text;
}

export class ConsoleCapture {
  private kept: ConsoleLine[] = [];
  written = 0;
  private pending: ConsoleLine[] = [];
  private readonly pacer: FlushPacer;

  constructor(
    private readonly options: {
      cap: number;
      now: () => number;
      /** Receives lines at most every `flushEveryMs`, and whatever is left at `flush()`. */
      onBatch: (batch: ConsoleBatch) => void;
      flushEveryMs?: number;
      /** Runs `flush` later if the code yields (setTimeout by default). */
      schedule?: (flush: () => void, ms: number) => void;
    },
  ) {
    // The first line goes out at once: a run that then hangs must not take it down with it.
    this.pacer = new FlushPacer({ everyMs: options.flushEveryMs ?? 50, now: options.now, schedule: options.schedule, flush: () => this.flush() });
  }

  /** The newest `cap` lines, for checks to read. */
  lines(): ConsoleLine[] {
    return this.kept.slice(-this.options.cap);
  }

  write(level: ConsoleLevel, args: unknown[]): void {
    const line = { level, text: formatArgs(args) };
    this.written++;
    this.kept.push(line);
    this.pending.push(line);
    // Trim in chunks (amortized O(1)): a million-line loop must not cost a million array shifts.
    const cap = this.options.cap;
    if (this.kept.length >= 2 * cap) this.kept = this.kept.slice(-cap);
    if (this.pending.length >= 2 * cap) this.pending = this.pending.slice(-cap);
    this.pacer.wrote();
  }

  flush(): void {
    this.pacer.flushed();
    if (this.pending.length === 0) return;
    const lines = this.pending.slice(-this.options.cap);
    this.pending = [];
    this.options.onBatch({ lines, written: this.written });
  }

  /** A console object whose methods write here. */
  console(): Console {
    const target: Partial<Record<ConsoleLevel, (...args: unknown[]) => void>> = {};
    for (const level of LEVELS) target[level] = (...args) => this.write(level, args);
    const asLog = (...args: unknown[]) => this.write("log", args);
    const ignore = () => {};
    // Only functions of this capture: the host's console methods are not handed to learner code.
    return {
      ...target,
      trace: asLog, dir: asLog, dirxml: asLog, table: asLog, group: asLog, groupCollapsed: asLog, assert: (ok: unknown, ...args: unknown[]) => void (ok || this.write("error", ["Assertion failed:", ...args])),
      groupEnd: ignore, count: ignore, countReset: ignore, time: ignore, timeEnd: ignore, timeLog: ignore, timeStamp: ignore, profile: ignore, profileEnd: ignore, clear: ignore,
    } as unknown as Console;
  }
}
