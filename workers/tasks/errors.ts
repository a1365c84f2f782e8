// asyncio's exceptions as JavaScript classes, and the label Python prints for one ("Type" or
// "Type: message"). CancelledError and GeneratorExit stand for BaseException subclasses: learner
// code that catches everything should re-throw them (`if (e instanceof CancelledError) throw e`).

/** The root of the BaseException-only errors: `except Exception` does not catch these. */
export class BaseExceptionError extends Error {}

/** asyncio.CancelledError: thrown into a task at its current await by Task.cancel(). */
export class CancelledError extends BaseExceptionError {
  constructor(message = "") {
    super(message);
    this.name = "CancelledError";
  }
}

/** Thrown into a coroutine at its await when the garbage collector closes it. */
export class GeneratorExit extends BaseExceptionError {
  constructor() {
    super("");
    this.name = "GeneratorExit";
  }
}

/** asyncio.TimeoutError (the builtin TimeoutError in 3.11): raised by waitFor at its timeout. */
export class TimeoutError extends Error {
  constructor(message = "") {
    super(message);
    this.name = "TimeoutError";
  }
}

/**
 * A duration that is not a number of milliseconds (NaN, or Infinity where time must pass): said at
 * once, since a NaN deadline would stop the virtual clock for good. Python's own is a ValueError.
 */
export class ValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ValueError";
  }
}

/** Throws ValueError unless `ms` is a number (not NaN; Infinity only where `forever` allows it). */
export function checkDuration(what: string, ms: number, forever = false): void {
  if (typeof ms !== "number" || Number.isNaN(ms) || (!forever && !Number.isFinite(ms))) {
    throw new ValueError(`${what} must be a ${forever ? "" : "finite "}number of milliseconds, not ${String(ms)}`);
  }
}

export class RuntimeError extends Error {
  constructor(message = "") {
    super(message);
    this.name = "RuntimeError";
  }
}

export class InvalidStateError extends Error {
  constructor(message = "") {
    super(message);
    this.name = "InvalidStateError";
  }
}

export class QueueEmpty extends Error {
  constructor() {
    super("");
    this.name = "QueueEmpty";
  }
}

export class QueueFull extends Error {
  constructor() {
    super("");
    this.name = "QueueFull";
  }
}

/** The last line Python prints for an exception: "Type" when the message is empty, else "Type: message". */
export function label(e: unknown): string {
  if (e instanceof Error) return e.message === "" ? e.name : `${e.name}: ${e.message}`;
  return `Error: ${String(e)}`;
}
