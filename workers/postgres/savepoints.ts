// The learner's own savepoints inside a run. The engine wraps each statement in a savepoint of
// its own and releases it afterwards — which would also release a savepoint the learner made
// inside it. So SAVEPOINT, RELEASE and ROLLBACK TO run unwrapped, but only when they cannot fail
// (the name is one the learner made), since a failure outside a savepoint aborts the whole run;
// anything else runs wrapped and fails there with Postgres's own error.

import { statementTokens, type Token } from "./sql-lexer.ts";

type Command = { kind: "savepoint" | "release" | "rollback to"; name: string };

/**
 * The savepoint command that is the whole text (its name as Postgres folds it), read with
 * Postgres's own lexer (sql-lexer.ts): SAVEPOINT name, RELEASE [SAVEPOINT] name,
 * ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name; with empty statements (`;`) around it.
 */
function command(text: string): Command | null {
  const read = statementTokens(text, 8);
  if (!read.complete) return null;
  const words = read.tokens;
  while (words.length && words[words.length - 1].kind === "semicolon") words.pop();
  const is = (i: number, ...keywords: string[]) => words[i]?.kind === "word" && keywords.includes((words[i] as { text: string }).text);
  let at: number;
  let kind: Command["kind"];
  if (is(0, "savepoint")) {
    kind = "savepoint";
    at = 1;
  } else if (is(0, "release")) {
    kind = "release";
    at = is(1, "savepoint") ? 2 : 1;
  } else if (is(0, "rollback")) {
    kind = "rollback to";
    at = is(1, "work", "transaction") ? 2 : 1;
    if (!is(at, "to")) return null;
    at = is(at + 1, "savepoint") ? at + 2 : at + 1;
  } else {
    return null;
  }
  const name: Token | undefined = words[at];
  if (words.length !== at + 1 || (name.kind !== "word" && name.kind !== "quoted")) return null;
  // A savepoint command naming the engine's own savepoint must not be trusted to run unwrapped.
  return name.text === RESERVED ? null : { kind, name: name.text };
}

const RESERVED = "playground_statement";

export class LearnerSavepoints {
  private stack: string[] = [];

  clear(): void {
    this.stack = [];
  }

  /** Whether this statement is a savepoint command to run unwrapped (it cannot fail). */
  unwrapped(text: string): boolean {
    const c = command(text);
    return c !== null && (c.kind === "savepoint" || this.stack.includes(c.name));
  }

  /** Records a savepoint command that succeeded. */
  done(text: string): void {
    const c = command(text);
    if (!c) return;
    if (c.kind === "savepoint") {
      this.stack.push(c.name);
      return;
    }
    const at = this.stack.lastIndexOf(c.name);
    if (at < 0) return;
    // RELEASE drops the savepoint and every later one; ROLLBACK TO keeps it, drops the later ones.
    this.stack.length = c.kind === "release" ? at : at + 1;
  }
}
