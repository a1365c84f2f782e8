// The session functions a model session evaluates itself (statements.ts SESSION_FUNCTIONS), with
// Postgres's results as node-postgres returns them: a void function gives "", a boolean a
// boolean, pg_backend_pid an int4 (a number), a setting a string; a strict function given NULL
// returns NULL. An advisory lock that must wait is handed back to the session, which owns waiting.
import type { ServerError } from "../server.ts";
import type { Notice } from "../wire.ts";
import type { AdvisoryLocks, LockMode, LockOwner } from "./locks.ts";
import type { Settings } from "./settings.ts";
import type { Arg, FunctionItem } from "./statements.ts";

export interface FunctionScope {
  readonly pid: number;
  readonly owner: LockOwner;
  readonly settings: Settings;
  readonly locks: AdvisoryLocks;
  /** NOTIFY's checks and queueing, shared with the NOTIFY statement. */
  notify(channel: string, payload: string): ServerError | undefined;
  notice(notice: Notice): void;
}

export type Evaluation =
  | { value: unknown }
  | { error: ServerError }
  /** pg_advisory_lock and friends: take this lock, waiting as long as it takes, then the value is "". */
  | { wait: { key: string; mode: LockMode; xact: boolean } };

const error = (message: string, code: string): { error: ServerError } => ({ error: { message, code, severity: "ERROR" } });

/** An advisory lock key: one bigint, or two int4 (a separate key space, as in Postgres). */
function lockKey(fn: string, args: Arg[]): string | { error: ServerError } | null {
  if (args.some((a) => a.kind === "null")) return null;
  const ints = args.map((a) => (/^-?\d+$/.test(a.text.trim()) ? BigInt(a.text.trim()) : undefined));
  if (ints.some((n) => n === undefined)) return error(`invalid input syntax for type bigint: "${args.find((_, i) => ints[i] === undefined)!.text}"`, "22P02");
  if (args.length === 1) return `${ints[0]}`;
  if (args.length === 2) return `${ints[0]}:${ints[1]}`;
  return error(`function ${fn}(${args.map((a) => (a.kind === "string" ? "unknown" : "integer")).join(", ")}) does not exist`, "42883");
}

export function evaluate(scope: FunctionScope, item: FunctionItem): Evaluation {
  const { fn, args } = item;
  if (fn === "pg_backend_pid") return { value: scope.pid };
  if (fn === "current_setting") {
    if (args[0]?.kind === "null") return { value: null };
    const shown = scope.settings.show(args[0]?.text ?? "");
    if ("error" in shown) return args[1]?.text === "true" ? { value: null } : shown;
    return { value: shown.value };
  }
  if (fn === "set_config") {
    if (args[0]?.kind === "null") return error("SET requires parameter name", "22023");
    const failed = scope.settings.set(args[0].text, [{ kind: "string", text: args[1]?.text ?? "" }], args[2]?.text === "true");
    return failed ? { error: failed } : { value: scope.settings.value(args[0].text.toLowerCase()) };
  }
  if (fn === "pg_notify") {
    const failed = scope.notify(args[0]?.kind === "null" ? "" : (args[0]?.text ?? ""), args[1]?.text ?? "");
    return failed ? { error: failed } : { value: "" };
  }
  if (fn === "pg_advisory_unlock_all") {
    scope.locks.unlockAll(scope.owner);
    return { value: "" };
  }
  return advisory(scope, fn, args);
}

function advisory(scope: FunctionScope, fn: string, args: Arg[]): Evaluation {
  const key = lockKey(fn, args);
  if (key === null) return { value: null };
  if (typeof key !== "string") return key;
  const mode: LockMode = fn.endsWith("_shared") ? "share" : "exclusive";
  const xact = fn.includes("_xact_");
  if (fn.startsWith("pg_try_")) return { value: scope.locks.tryAcquire(scope.owner, key, mode, xact) };
  if (fn.startsWith("pg_advisory_unlock")) {
    const released = scope.locks.unlock(scope.owner, key, mode);
    if (!released) {
      const type = mode === "share" ? "ShareLock" : "ExclusiveLock";
      scope.notice({ severity: "WARNING", code: "01000", message: `you don't own a lock of type ${type}` });
    }
    return { value: released };
  }
  return { wait: { key, mode, xact } };
}
