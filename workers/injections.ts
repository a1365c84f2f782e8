// Events the page asks a run to inject into its engines: "crash worker-1 at 150 ms of run() #3".
// A run in virtual time ends before a person could press anything, so the page cannot act while
// it runs; instead it runs the code again with the event scheduled, and since a run is
// deterministic, everything before that moment happens again. The list travels in the run
// request (workers/sandbox/protocol.ts) and reaches the engines through their module env; it is
// read here, on both sides of the boundary, and anything not exactly this shape is refused with
// a message saying what is wrong.

/** Kill a job-queue worker of the `loop`-th run() (the trace's `loop`) at `atMs` of its virtual time. */
export interface InjectedCrash {
  action: "crash";
  loop: number;
  atMs: number;
  worker: string;
}

export type InjectedEvent = InjectedCrash;

export const INJECTED_LIMITS = { events: 8, workerName: 100, loop: 1_000_000, atMs: 1e9 } as const;

export type ReadInjected = { ok: true; events: InjectedEvent[] } | { ok: false; message: string };

const FIELDS = ["action", "loop", "atMs", "worker"];

const shown = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : Array.isArray(v) ? "a list" : v === null ? "null" : typeof v === "object" ? "an object" : String(v));

function readOne(v: unknown, at: string): InjectedEvent | string {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return `${at} must be an object like { action: "crash", loop: 3, atMs: 150, worker: "worker-1" } (got ${shown(v)})`;
  const record = v as Record<string, unknown>;
  const unknown = Object.keys(record).find((k) => !FIELDS.includes(k));
  if (unknown !== undefined) return `${at} has a field it does not know: ${JSON.stringify(unknown)}`;
  if (record.action !== "crash") return `${at}.action must be "crash" (got ${shown(record.action)})`;
  const { loop, atMs, worker } = record;
  if (typeof loop !== "number" || !Number.isInteger(loop) || loop < 1 || loop > INJECTED_LIMITS.loop) return `${at}.loop must be a run()'s number, a whole number from 1 (got ${shown(loop)})`;
  if (typeof atMs !== "number" || !Number.isFinite(atMs) || atMs < 0 || atMs > INJECTED_LIMITS.atMs) return `${at}.atMs must be milliseconds of that run(), a number from 0 (got ${shown(atMs)})`;
  if (typeof worker !== "string" || worker.length === 0 || worker.length > INJECTED_LIMITS.workerName) return `${at}.worker must be a worker's name, 1 to ${INJECTED_LIMITS.workerName} characters (got ${shown(worker)})`;
  return { action: "crash", loop, atMs, worker };
}

/** The list if it is one, copied; else what is wrong with it. `undefined` is no list: nothing injected. */
export function readInjected(v: unknown): ReadInjected {
  if (v === undefined) return { ok: true, events: [] };
  if (!Array.isArray(v)) return { ok: false, message: `the injected events must be a list (got ${shown(v)})` };
  if (v.length > INJECTED_LIMITS.events) return { ok: false, message: `at most ${INJECTED_LIMITS.events} injected events per run (got ${v.length})` };
  const events: InjectedEvent[] = [];
  for (const [i, item] of v.entries()) {
    const read = readOne(item, `injected event ${i + 1}`);
    if (typeof read === "string") return { ok: false, message: read };
    events.push(read);
  }
  return { ok: true, events };
}
