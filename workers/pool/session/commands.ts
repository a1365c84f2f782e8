// What each statement a model session answers itself does, in Postgres 15's words: its effect on
// the session, its command tag (node-postgres's result.command), its rows, its WARNINGs and its
// errors. Plain statements are run by the session on the Execute (session.ts).
import type { StatementResult } from "../execute.ts";
import type { ServerError } from "../server.ts";
import { evaluate, type FunctionScope } from "./functions.ts";
import type { LockMode } from "./locks.ts";
import { splitStatements, type SqlToken } from "./sql.ts";
import { readCommand, type Command, type FunctionItem } from "./statements.ts";
import type { Transaction } from "./transaction.ts";

export type Outcome = { result: StatementResult } | { error: ServerError };

export interface CommandScope extends FunctionScope {
  readonly tx: Transaction;
  /** Named prepared statements (PREPARE and the protocol's Parse share one namespace). */
  readonly prepared: Map<string, string>;
  /** Calls `then` when a statement the session answers itself has taken its (small) time. */
  after(then: () => void): void;
  /** A plain statement, on the Execute; `done` is called when its time is up. */
  runPlain(sql: string, done: (outcome: Outcome) => void): void;
  /** Waits for an advisory lock under the session's timeouts; an error if one ran out first. */
  waitForLock(request: { key: string; mode: LockMode; xact: boolean }, done: (error?: ServerError) => void): void;
}

const tag = (command: string): Outcome => ({ result: { command, rowCount: null, rows: [] } });
const error = (message: string, code: string): Outcome => ({ error: { message, code, severity: "ERROR" } });
const warning = (scope: CommandScope, code: string, message: string) => scope.notice({ severity: "WARNING", code, message });

/** Whether a failed transaction block accepts the statement (only its end does). */
export const endsTransaction = (command: Command) => command.kind === "commit" || command.kind === "rollback" || command.kind === "rollback_to";

/** Runs `command` (read from `text`); `done` gets the outcome when the statement's time is up. */
export function perform(scope: CommandScope, command: Command, text: string, done: (outcome: Outcome) => void): void {
  const answer = (outcome: Outcome) => scope.after(() => done(outcome));
  const { tx } = scope;
  const inBlock = tx.block === "explicit";
  switch (command.kind) {
    case "plain":
      return scope.runPlain(text, done);
    case "begin":
      if (inBlock) warning(scope, "25001", "there is already a transaction in progress");
      tx.begin("explicit");
      return answer(tag("BEGIN"));
    case "commit": {
      if (!inBlock) warning(scope, "25P01", "there is no transaction in progress");
      const failed = tx.failed;
      if (failed) tx.rollback();
      else tx.commit();
      return answer(tag(failed ? "ROLLBACK" : "COMMIT"));
    }
    case "rollback":
      if (!inBlock) warning(scope, "25P01", "there is no transaction in progress");
      tx.rollback();
      return answer(tag("ROLLBACK"));
    case "savepoint":
      if (!inBlock) return answer(error("SAVEPOINT can only be used in transaction blocks", "25P01"));
      tx.savepoint(command.name);
      return answer(tag("SAVEPOINT"));
    case "release": {
      if (!inBlock) return answer(error("RELEASE SAVEPOINT can only be used in transaction blocks", "25P01"));
      const failed = tx.release(command.name);
      return answer(failed ? { error: failed } : tag("RELEASE"));
    }
    case "rollback_to": {
      if (!inBlock) return answer(error("ROLLBACK TO SAVEPOINT can only be used in transaction blocks", "25P01"));
      const failed = tx.rollbackTo(command.name);
      return answer(failed ? { error: failed } : tag("ROLLBACK"));
    }
    case "set": {
      if (command.local && !inBlock) warning(scope, "25P01", "SET LOCAL can only be used in transaction blocks");
      const failed = scope.settings.set(command.name, command.value, command.local);
      return answer(failed ? { error: failed } : tag("SET"));
    }
    case "reset": {
      if (command.name === null) scope.settings.resetAll();
      const failed = command.name === null ? undefined : scope.settings.set(command.name, "default", false);
      return answer(failed ? { error: failed } : tag("RESET"));
    }
    case "show": {
      const shown = scope.settings.show(command.name);
      if ("error" in shown) return answer(shown);
      return answer({ result: { command: "SHOW", rowCount: null, rows: [{ [shown.column]: shown.value }] } });
    }
    case "select":
      return select(scope, command.items, answer);
    case "listen":
    case "unlisten":
      tx.listen(command.channel, command.kind === "listen");
      return answer(tag(command.kind.toUpperCase()));
    case "notify": {
      const failed = scope.notify(command.channel, command.payload);
      return answer(failed ? { error: failed } : tag("NOTIFY"));
    }
    case "discard":
      return answer(discard(scope, command.what));
    case "prepare": {
      if (scope.prepared.has(command.name)) return answer(error(`prepared statement "${command.name}" already exists`, "42P05"));
      const refused = preparable(command.text);
      if (refused) return answer(refused);
      scope.prepared.set(command.name, command.text);
      return answer(tag("PREPARE"));
    }
    case "execute":
      return execute(scope, command.name, command.args, answer, done);
    case "deallocate":
      if (command.name === null) scope.prepared.clear();
      else if (!scope.prepared.delete(command.name)) return answer(error(`prepared statement "${command.name}" does not exist`, "26000"));
      return answer(tag("DEALLOCATE"));
  }
}

/** DISCARD ALL is RESET ALL, DEALLOCATE ALL, UNLISTEN * and pg_advisory_unlock_all() at once. */
function discard(scope: CommandScope, what: "ALL" | "PLANS" | "SEQUENCES" | "TEMP"): Outcome {
  if (what !== "ALL") return tag("DISCARD");
  if (scope.tx.block === "explicit" || scope.tx.block === "implicit") return error("DISCARD ALL cannot run inside a transaction block", "25001");
  scope.settings.resetAll();
  scope.prepared.clear();
  scope.tx.listen(null, false);
  scope.locks.unlockAll(scope.owner);
  return tag("DISCARD");
}

function select(scope: CommandScope, items: FunctionItem[], answer: (outcome: Outcome) => void): void {
  const row: Record<string, unknown> = {};
  const next = (i: number): void => {
    if (i === items.length) return answer({ result: { command: "SELECT", rowCount: 1, rows: [row] } });
    const evaluation = evaluate(scope, items[i]);
    if ("error" in evaluation) return answer(evaluation);
    if ("wait" in evaluation) {
      return scope.waitForLock(evaluation.wait, (failed) => {
        if (failed) return answer({ error: failed });
        row[items[i].column] = "";
        next(i + 1);
      });
    }
    row[items[i].column] = evaluation.value;
    next(i + 1);
  };
  next(0);
}

/** EXECUTE name(args): the prepared text with its $n replaced by the arguments as written. */
function execute(scope: CommandScope, name: string, args: string[], answer: (o: Outcome) => void, done: (o: Outcome) => void): void {
  const text = scope.prepared.get(name);
  if (text === undefined) return answer(error(`prepared statement "${name}" does not exist`, "26000"));
  const [statement] = splitStatements(text);
  const filled = substitute(text, statement?.tokens ?? [], args);
  const [again] = splitStatements(filled);
  if (!again) return answer(tag("SELECT"));
  perform(scope, readCommand(again), filled, done);
}

/** Postgres prepares only queries and DML: PREPARE p AS BEGIN (or SET, or EXECUTE) is a syntax error. */
function preparable(text: string): Outcome | undefined {
  const [statement] = splitStatements(text);
  const command = statement && readCommand(statement);
  if (!command || command.kind === "plain" || command.kind === "select") return undefined;
  const first = statement.tokens[0];
  return error(`syntax error at or near "${first.kind === "word" ? first.text.toUpperCase() : ""}"`, "42601");
}

function substitute(text: string, tokens: SqlToken[], args: string[]): string {
  let out = "";
  let at = 0;
  for (const t of tokens) {
    if (t.kind !== "param") continue;
    const arg = args[Number(t.text.slice(1)) - 1];
    if (arg === undefined) continue;
    out += text.slice(at, t.start) + arg;
    at = t.end;
  }
  return out + text.slice(at);
}
