// The learner's own savepoints inside a run. The engine wraps each statement in a savepoint of
// its own and releases it afterwards — which would also release a savepoint the learner made
// inside it. So SAVEPOINT, RELEASE and ROLLBACK TO run unwrapped, but only when they cannot fail
// (the name is one the learner made), since a failure outside a savepoint aborts the whole run;
// anything else runs wrapped and fails there with Postgres's own error.

type Command = { kind: "savepoint" | "release" | "rollback to"; name: string };

const SKIP = String.raw`(?:\s|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*`;
const NAME = String.raw`([A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")`;
const PATTERNS: [Command["kind"], RegExp][] = [
  ["savepoint", new RegExp(String.raw`^${SKIP}savepoint\s+${NAME}${SKIP};?${SKIP}$`, "i")],
  ["release", new RegExp(String.raw`^${SKIP}release\s+(?:savepoint\s+)?${NAME}${SKIP};?${SKIP}$`, "i")],
  ["rollback to", new RegExp(String.raw`^${SKIP}rollback\s+(?:(?:work|transaction)\s+)?to\s+(?:savepoint\s+)?${NAME}${SKIP};?${SKIP}$`, "i")],
];

function command(text: string): Command | null {
  for (const [kind, pattern] of PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const raw = match[1];
    // Postgres folds unquoted names to lower case.
    const name = raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase();
    // A savepoint command naming the engine's own savepoint must not be trusted to run unwrapped.
    return name === RESERVED ? null : { kind, name };
  }
  return null;
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
