// Which statements a model session answers itself: the ones whose effect is the session's own
// state (transaction control, settings, LISTEN / NOTIFY, advisory locks, prepared statements,
// DISCARD), which one real Postgres engine shared by many model connections cannot keep apart.
// Everything else is "plain" and goes to the Execute. A statement of these kinds written in a
// way this reader does not follow is plain too: Postgres judges it.
import { Cursor, NOT_OURS, type Arg } from "./cursor.ts";
import type { SetItem } from "./gucs.ts";
import type { SqlStatement } from "./sql.ts";

export type { Arg } from "./cursor.ts";

/** `fn(args) [AS column]` in a SELECT list. */
export interface FunctionItem {
  fn: string;
  args: Arg[];
  column: string;
}

export type Command =
  | { kind: "begin" }
  | { kind: "commit" }
  | { kind: "rollback" }
  | { kind: "savepoint"; name: string }
  | { kind: "release"; name: string }
  | { kind: "rollback_to"; name: string }
  | { kind: "set"; name: string; value: SetItem[] | "default"; local: boolean }
  /** RESET name; `name` null for RESET ALL. */
  | { kind: "reset"; name: string | null }
  | { kind: "show"; name: string }
  | { kind: "select"; items: FunctionItem[] }
  | { kind: "listen"; channel: string }
  /** UNLISTEN channel; `channel` null for UNLISTEN *. */
  | { kind: "unlisten"; channel: string | null }
  | { kind: "notify"; channel: string; payload: string }
  | { kind: "discard"; what: "ALL" | "PLANS" | "SEQUENCES" | "TEMP" }
  | { kind: "prepare"; name: string; text: string }
  /** EXECUTE name (args): each argument as written. */
  | { kind: "execute"; name: string; args: string[] }
  /** DEALLOCATE name; `name` null for DEALLOCATE ALL. */
  | { kind: "deallocate"; name: string | null }
  | { kind: "plain" };

export const SESSION_FUNCTIONS = new Set([
  "current_setting", "set_config", "pg_backend_pid", "pg_notify",
  ...["", "_shared"].flatMap((s) => [
    `pg_advisory_lock${s}`, `pg_try_advisory_lock${s}`, `pg_advisory_unlock${s}`,
    `pg_advisory_xact_lock${s}`, `pg_try_advisory_xact_lock${s}`,
  ]),
  "pg_advisory_unlock_all",
]);

const PLAIN: Command = { kind: "plain" };

/** What `statement` asks of the session, or plain. */
export function readCommand(statement: SqlStatement): Command {
  if (!statement.complete) return PLAIN;
  const c = new Cursor(statement);
  try {
    return read(c) ?? PLAIN;
  } catch (e) {
    if (e === NOT_OURS) return PLAIN;
    throw e;
  }
}

function read(c: Cursor): Command | undefined {
  const first = c.word();
  switch (first) {
    case "begin":
      c.acceptWord("work", "transaction");
      return { kind: "begin" }; // transaction modes (ISOLATION LEVEL …) are not modelled
    case "start":
      return c.acceptWord("transaction") ? { kind: "begin" } : undefined;
    case "commit":
    case "end":
      c.acceptWord("work", "transaction");
      return noChain(c, { kind: "commit" });
    case "abort":
    case "rollback":
      c.acceptWord("work", "transaction");
      if (first === "rollback" && c.acceptWord("to")) {
        c.acceptWord("savepoint");
        return c.end({ kind: "rollback_to", name: c.name() });
      }
      return noChain(c, { kind: "rollback" });
    case "savepoint":
      return c.end({ kind: "savepoint", name: c.name() });
    case "release":
      c.acceptWord("savepoint");
      return c.end({ kind: "release", name: c.name() });
    case "set":
      return readSet(c);
    case "reset":
      if (c.acceptWord("all")) return c.end({ kind: "reset", name: null });
      return c.end({ kind: "reset", name: readSettingName(c) });
    case "show":
      return c.end({ kind: "show", name: readSettingName(c) });
    case "select":
      return readSelect(c);
    case "listen":
      return c.end({ kind: "listen", channel: c.name() });
    case "unlisten":
      return c.end({ kind: "unlisten", channel: c.acceptOp("*") ? null : c.name() });
    case "notify": {
      const channel = c.name();
      const payload = c.acceptOp(",") ? c.string() : "";
      return c.end({ kind: "notify", channel, payload });
    }
    case "discard": {
      const what = c.word();
      const map: Record<string, "ALL" | "PLANS" | "SEQUENCES" | "TEMP"> = { all: "ALL", plans: "PLANS", sequences: "SEQUENCES", temp: "TEMP", temporary: "TEMP" };
      return map[what] ? c.end({ kind: "discard", what: map[what] }) : undefined;
    }
    case "prepare":
      return readPrepare(c);
    case "execute":
      return readExecute(c);
    case "deallocate":
      c.acceptWord("prepare");
      return c.end({ kind: "deallocate", name: c.acceptWord("all") ? null : c.name() });
  }
  return undefined;
}

/** The end of COMMIT / ROLLBACK: nothing, or AND NO CHAIN (AND CHAIN is not modelled). */
function noChain(c: Cursor, command: Command): Command | undefined {
  if (c.atEnd()) return command;
  return c.acceptWord("and") && c.acceptWord("no") && c.acceptWord("chain") ? c.end(command) : undefined;
}

function readSet(c: Cursor): Command | undefined {
  const local = c.acceptWord("local") !== undefined;
  if (!local && c.acceptWord("session")) {
    if (c.peekWord("authorization", "characteristics")) return undefined;
  }
  if (c.peekWord("transaction", "role", "constraints", "session")) return undefined;
  if (c.acceptWord("time")) {
    if (!c.acceptWord("zone")) return undefined;
    if (c.acceptWord("default") || c.acceptWord("local")) return c.end({ kind: "set", name: "TimeZone", value: "default", local });
    return c.end({ kind: "set", name: "TimeZone", value: [c.item()], local });
  }
  const name = readSettingName(c);
  if (!c.acceptWord("to") && !c.acceptOp("=")) return undefined;
  if (c.acceptWord("default")) return c.end({ kind: "set", name, value: "default", local });
  const items = [c.item()];
  while (c.acceptOp(",")) items.push(c.item());
  return c.end({ kind: "set", name, value: items, local });
}

/** A setting's name: `work_mem`, `"work_mem"`, `myapp.user_id`, or SHOW's TIME ZONE and friends. */
function readSettingName(c: Cursor): string {
  if (c.acceptWord("time")) return c.acceptWord("zone") ? "TimeZone" : c.fail();
  if (c.acceptWord("transaction")) {
    return c.acceptWord("isolation") && c.acceptWord("level") ? "transaction_isolation" : c.fail();
  }
  if (c.peekWord("all", "session")) c.fail(); // SHOW ALL, SHOW SESSION AUTHORIZATION: Postgres's
  let name = c.name();
  while (c.acceptOp(".")) name += `.${c.name()}`;
  return name;
}

function readSelect(c: Cursor): Command | undefined {
  const items: FunctionItem[] = [];
  do {
    const fn = c.word();
    if (!SESSION_FUNCTIONS.has(fn)) return undefined;
    c.op("(");
    const args: Arg[] = [];
    if (!c.acceptOp(")")) {
      do args.push(c.arg());
      while (c.acceptOp(","));
      c.op(")");
    }
    c.skipCast();
    let column = fn;
    if (c.acceptWord("as")) column = c.name();
    else if (c.peekKind("word", "ident") && !c.peekWord("from", "where")) column = c.name();
    items.push({ fn, args, column });
  } while (c.acceptOp(","));
  return c.end({ kind: "select", items });
}

function readPrepare(c: Cursor): Command | undefined {
  if (c.peekWord("transaction")) return undefined;
  const name = c.name();
  if (c.acceptOp("(")) while (!c.acceptOp(")")) c.any();
  if (!c.acceptWord("as")) return undefined;
  return { kind: "prepare", name, text: c.rest() };
}

function readExecute(c: Cursor): Command | undefined {
  const name = c.name();
  const args: string[] = [];
  if (c.acceptOp("(")) {
    do args.push(c.expressionText());
    while (c.acceptOp(","));
    c.op(")");
  }
  return c.end({ kind: "execute", name, args });
}
