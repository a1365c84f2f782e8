// A cursor over a statement's tokens for statements.ts: it takes the words, names and constants
// the session's statements are made of, and gives up (NOT_OURS) on anything else, which leaves
// the statement to Postgres.
import type { SetItem } from "./gucs.ts";
import type { SqlStatement, SqlToken } from "./sql.ts";

/** A constant argument of a session function. */
export interface Arg {
  kind: "string" | "number" | "bool" | "null";
  text: string;
}

/** Thrown by the cursor when the text is not one of ours; readCommand makes it plain. */
export const NOT_OURS = Symbol("not ours");

export class Cursor {
  private i = 0;
  private readonly tokens: SqlToken[];
  constructor(private readonly statement: SqlStatement) {
    this.tokens = statement.tokens;
  }

  fail(): never {
    throw NOT_OURS;
  }

  atEnd(): boolean {
    return this.i >= this.tokens.length;
  }

  end<T>(value: T): T {
    return this.atEnd() ? value : this.fail();
  }

  private peek(): SqlToken | undefined {
    return this.tokens[this.i];
  }

  peekKind(...kinds: SqlToken["kind"][]): boolean {
    const t = this.peek();
    return t !== undefined && kinds.includes(t.kind);
  }

  peekWord(...words: string[]): boolean {
    const t = this.peek();
    return t?.kind === "word" && words.includes(t.text);
  }

  acceptWord(...words: string[]): string | undefined {
    const t = this.peek();
    if (t?.kind !== "word" || !words.includes(t.text)) return undefined;
    this.i++;
    return t.text;
  }

  acceptOp(op: string): boolean {
    const t = this.peek();
    if (t?.kind !== "op" || t.text !== op) return false;
    this.i++;
    return true;
  }

  op(op: string): void {
    if (!this.acceptOp(op)) this.fail();
  }

  any(): SqlToken {
    return this.tokens[this.i++] ?? this.fail();
  }

  word(): string {
    const t = this.any();
    return t.kind === "word" ? t.text : this.fail();
  }

  /** An identifier: a word (folded) or a "quoted" one (kept). */
  name(): string {
    const t = this.any();
    return t.kind === "word" || t.kind === "ident" ? t.text : this.fail();
  }

  string(): string {
    const t = this.any();
    return t.kind === "string" ? t.text : this.fail();
  }

  /** One item of a SET value: a string, a number (perhaps negative), a word or a "name". */
  item(): SetItem {
    const negative = this.acceptOp("-");
    const t = this.any();
    if (t.kind === "number") return { kind: "number", text: negative ? `-${t.text}` : t.text };
    if (negative) this.fail();
    if (t.kind === "string" || t.kind === "ident" || t.kind === "word") return { kind: t.kind, text: t.text };
    return this.fail();
  }

  /** A constant argument: 'text', 42, -1, true, NULL, with an optional ::type. */
  arg(): Arg {
    const negative = this.acceptOp("-");
    const t = this.any();
    let arg: Arg;
    if (t.kind === "number") arg = { kind: "number", text: negative ? `-${t.text}` : t.text };
    else if (negative) return this.fail();
    else if (t.kind === "string") arg = { kind: "string", text: t.text };
    else if (t.kind === "word" && (t.text === "true" || t.text === "false")) arg = { kind: "bool", text: t.text };
    else if (t.kind === "word" && t.text === "null") arg = { kind: "null", text: "" };
    else return this.fail();
    this.skipCast();
    return arg;
  }

  /** `::type` or `::type(…)` after a value; the model keeps the value as it is. */
  skipCast(): void {
    while (this.acceptOp("::")) {
      this.name();
      while (this.peekKind("word") && !this.peekWord("as", "from", "where")) this.name(); // double precision
      if (this.acceptOp("(")) while (!this.acceptOp(")")) this.any();
    }
  }

  /** The text of one expression up to the next top-level `,` or `)`. */
  expressionText(): string {
    const from = this.peek() ?? this.fail();
    let depth = 0;
    let last = from;
    while (!this.atEnd()) {
      const t = this.peek()!;
      if (t.kind === "op" && (t.text === "," || t.text === ")") && depth === 0) break;
      if (t.kind === "op" && t.text === "(") depth++;
      if (t.kind === "op" && t.text === ")") depth--;
      last = this.any();
    }
    return this.source(from.start, last.end);
  }

  /** The rest of the statement as written. */
  rest(): string {
    const from = this.peek() ?? this.fail();
    this.i = this.tokens.length;
    return this.source(from.start, this.tokens[this.tokens.length - 1].end);
  }

  /** Text between two offsets of the original message (token offsets count from its start). */
  private source(start: number, end: number): string {
    const base = this.tokens[0].start;
    return this.statement.text.slice(start - base, end - base);
  }
}
