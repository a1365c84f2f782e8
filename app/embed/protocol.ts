// The messages between an embedded lesson (#/embed/<id>) and the page that frames it, version 1.
// Every message either way is an object `{ source: "backend-playground", version: 1, type, … }`;
// what the lesson sends is typed here, and what arrives is read through `readIncoming`, which
// takes only the shapes below (types and sizes checked) and says what is wrong with the rest, so a
// host's mistake gets an answer instead of silence. README, "Embedding a lesson", documents them
// for course authors; keep the two together.

export const SOURCE = "backend-playground";
export const VERSION = 1;
/** The longest code `setCode` accepts (characters): far past any lesson, short of filling memory. */
export const MAX_CODE = 1_000_000;
/** The longest `requestId` a host may tag a `getState` with. */
export const MAX_REQUEST_ID = 200;

/** How a run ended, or that one began. */
export type RunStatus = "running" | "passed" | "failed" | "error" | "timeout" | "stopped";

export interface CheckResult {
  name: string;
  passed: boolean;
  /** Why it failed, as the Checks pane says it. */
  message?: string;
}

/** What a lesson sends, without the envelope. */
export type LessonEvent =
  /** The lesson is loaded and takes messages. `storage: "memory"` when the browser refuses this frame storage: the learner's code lasts only while the page is open (ask `getState` to keep it). */
  | { type: "ready"; checks: string[]; storage: "saved" | "memory"; readonly: boolean }
  /** A run started (`running`) or ended; `message` is what the status line says. */
  | { type: "run"; status: RunStatus; message: string }
  /** Each check's result after a run that reached the checks. */
  | { type: "checks"; checks: CheckResult[]; passed: number; total: number }
  /** All checks passed for the first time on this page. `solutionShown`: the learner pressed Show solution before it, or ran the solution unedited. `before`: this browser had recorded the lesson completed already. */
  | { type: "completed"; solutionShown: boolean; before: boolean }
  /** The step now shown (0-based) of `count`, and whether it is done (its checks passed); sent when the page opens and at each change. A lesson without steps is one step. */
  | { type: "step"; index: number; count: number; title: string; done: boolean }
  /** The answer to `getState`: the learner's code and progress on this lesson. */
  | { type: "state"; requestId: string | null; code: string | null; completed: boolean; started: boolean; checks: CheckResult[] }
  /** An incoming message was not understood; nothing was done. */
  | { type: "error"; message: string; received: string | null };

export type LessonMessage = LessonEvent & { source: typeof SOURCE; version: typeof VERSION; lesson: string };

/** What a host may send, without the envelope. */
export type HostCommand =
  | { type: "setCode"; code: string }
  | { type: "run" }
  | { type: "reset" }
  | { type: "getState"; requestId: string | null };

export function envelope(lesson: string, event: LessonEvent): LessonMessage {
  return { source: SOURCE, version: VERSION, lesson, ...event };
}

export type Incoming =
  /** Not for us (another script's message): ignored without an answer. */
  | { kind: "ignore" }
  | { kind: "invalid"; message: string; received: string | null }
  | { kind: "command"; command: HostCommand };

const invalid = (message: string, received: string | null = null): Incoming => ({ kind: "invalid", message, received });

/**
 * Reads what arrived from the host. Only objects with `source: "backend-playground"` are ours;
 * of those, anything not exactly a command of version 1 is answered with an `error`.
 */
export function readIncoming(data: unknown): Incoming {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { kind: "ignore" };
  const m = data as Record<string, unknown>;
  if (m.source !== SOURCE) return { kind: "ignore" };
  const type = typeof m.type === "string" ? m.type.slice(0, 40) : null;
  if (m.version !== VERSION) return invalid(`version must be ${VERSION} (this lesson speaks version ${VERSION} of the protocol)`, type);
  switch (m.type) {
    case "setCode":
      if (typeof m.code !== "string") return invalid("setCode needs code: a string", type);
      if (m.code.length > MAX_CODE) return invalid(`setCode's code is ${m.code.length} characters; at most ${MAX_CODE}`, type);
      return { kind: "command", command: { type: "setCode", code: m.code } };
    case "run":
    case "reset":
      return { kind: "command", command: { type: m.type } };
    case "getState": {
      const id = m.requestId;
      if (id !== undefined && id !== null && (typeof id !== "string" || id.length > MAX_REQUEST_ID)) return invalid(`getState's requestId must be a string of at most ${MAX_REQUEST_ID} characters`, type);
      return { kind: "command", command: { type: "getState", requestId: typeof id === "string" ? id : null } };
    }
    default:
      return invalid(`unknown type ${type === null ? "(none)" : JSON.stringify(type)}: a host may send setCode, run, reset or getState`, type);
  }
}

/** Whether a message from `origin` may command the lesson, under the embed's ?origin= ("*" any, "" none). */
export function acceptsFrom(allowed: string, origin: string): boolean {
  return allowed === "*" || (allowed !== "" && allowed === origin);
}
