// The tokens of a statement, read the way Postgres's lexer reads them (scan.l), for the few
// statements a model session answers itself (SET, SHOW, LISTEN, advisory locks, …; see
// statements.ts). The session must cut a Query message into statements where Postgres cuts it
// and read literals as Postgres reads them, or a `;` inside a string would split a statement
// that Postgres runs whole. Anything this reader cannot place is left to Postgres (the Execute).
//
// As scan.l has it: whitespace is [ \t\n\r\f\v]; `--` comments run to the end of the line and
// `/* */` comments nest; identifiers start with a letter, `_` or a non-ASCII character and fold
// to lower case (ASCII only); "…" is a quoted identifier with "" for a quote; '…' a string with ''
// for a quote, E'…' with backslash escapes, $tag$…$tag$ a dollar-quoted string.

export type SqlToken =
  /** An unquoted identifier or keyword, folded to lower case. */
  | { kind: "word"; text: string; start: number; end: number }
  /** A "quoted" identifier, kept as written. */
  | { kind: "ident"; text: string; start: number; end: number }
  /** A string constant's value. */
  | { kind: "string"; text: string; start: number; end: number }
  | { kind: "number"; text: string; start: number; end: number }
  /** A parameter placeholder, $1 … */
  | { kind: "param"; text: string; start: number; end: number }
  /** Punctuation and operators: `;` `(` `)` `,` `=` `::` … */
  | { kind: "op"; text: string; start: number; end: number };

export interface SqlStatement {
  /** The statement's own text, as written (what Postgres would be sent). */
  text: string;
  tokens: SqlToken[];
  /** False when a string, quoted identifier or comment never ends: Postgres will say so. */
  complete: boolean;
}

const SPACE = " \t\n\r\f\v";
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const identStart = (c: string | undefined) =>
  c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_" || c >= "\u0080");
const identCont = (c: string | undefined) => identStart(c) || isDigit(c) || c === "$";
const foldAscii = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** Reads `text` into statements at top-level semicolons, leaving out empty ones. */
export function splitStatements(text: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let tokens: SqlToken[] = [];
  let from = -1;
  const flush = (to: number) => {
    if (tokens.length > 0) out.push({ text: text.slice(from, to).trim(), tokens, complete: true });
    tokens = [];
    from = -1;
  };
  const lexer = new Lexer(text);
  for (;;) {
    const token = lexer.next();
    if (token === "end") return flush(text.length), out;
    if ("unterminated" in token) {
      out.push({ text: text.slice(from < 0 ? token.unterminated : from).trim(), tokens, complete: false });
      return out;
    }
    if (token.kind === "op" && token.text === ";") {
      flush(token.start);
      continue;
    }
    if (from < 0) from = token.start;
    tokens.push(token);
  }
}

/** Where a string, quoted identifier or comment began that never ends. */
type Unterminated = { unterminated: number };

class Lexer {
  private i = 0;
  constructor(private readonly s: string) {}

  next(): SqlToken | "end" | Unterminated {
    const s = this.s;
    for (;;) {
      const c = s[this.i];
      if (c === undefined) return "end";
      if (SPACE.includes(c)) this.i++;
      else if (c === "-" && s[this.i + 1] === "-") while (this.i < s.length && s[this.i] !== "\n" && s[this.i] !== "\r") this.i++;
      else if (c === "/" && s[this.i + 1] === "*") {
        const from = this.i;
        if (!this.skipComment()) return { unterminated: from };
      } else break;
    }
    const start = this.i;
    const c = s[start];
    if ((c === "E" || c === "e") && s[start + 1] === "'") {
      this.i++;
      return this.quoted("'", start, true) ?? { unterminated: start };
    }
    if (c === "'") return this.quoted("'", start, false) ?? { unterminated: start };
    if (c === '"') {
      const t = this.quoted('"', start, false);
      return t ? { ...t, kind: "ident" } : { unterminated: start };
    }
    if (c === "$" && isDigit(s[start + 1])) {
      this.i++;
      while (isDigit(s[this.i])) this.i++;
      return { kind: "param", text: s.slice(start, this.i), start, end: this.i };
    }
    if (c === "$") {
      const dollar = this.dollarQuoted(start);
      if (dollar) return dollar;
    }
    if (identStart(c)) {
      while (identCont(s[this.i])) this.i++;
      return { kind: "word", text: foldAscii(s.slice(start, this.i)), start, end: this.i };
    }
    if (isDigit(c) || (c === "." && isDigit(s[start + 1]))) return this.number(start);
    if (c === ":" && s[start + 1] === ":") {
      this.i += 2;
      return { kind: "op", text: "::", start, end: this.i };
    }
    this.i++;
    return { kind: "op", text: c, start, end: this.i };
  }

  private skipComment(): boolean {
    let depth = 0;
    const s = this.s;
    while (this.i < s.length) {
      if (s[this.i] === "/" && s[this.i + 1] === "*") {
        depth++;
        this.i += 2;
      } else if (s[this.i] === "*" && s[this.i + 1] === "/") {
        depth--;
        this.i += 2;
        if (depth === 0) return true;
      } else this.i++;
    }
    return false;
  }

  /** '…' or "…" with the quote doubled inside; E'…' also takes backslash escapes. */
  private quoted(q: string, start: number, escapes: boolean): SqlToken | undefined {
    const s = this.s;
    let value = "";
    this.i++;
    while (this.i < s.length) {
      const ch = s[this.i];
      if (escapes && ch === "\\" && this.i + 1 < s.length) {
        const e = s[this.i + 1];
        value += e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : e;
        this.i += 2;
      } else if (ch === q && s[this.i + 1] === q) {
        value += q;
        this.i += 2;
      } else if (ch === q) {
        this.i++;
        return { kind: "string", text: value, start, end: this.i };
      } else {
        value += ch;
        this.i++;
      }
    }
    return undefined;
  }

  /** $tag$…$tag$, or undefined when the `$` opens no dollar quote. */
  private dollarQuoted(start: number): SqlToken | Unterminated | undefined {
    const s = this.s;
    const open = /^\$([A-Za-z_\u0080-\uffff][A-Za-z_0-9\u0080-\uffff]*)?\$/.exec(s.slice(start));
    if (!open) return undefined;
    const close = s.indexOf(open[0], start + open[0].length);
    if (close < 0) return { unterminated: start };
    this.i = close + open[0].length;
    return { kind: "string", text: s.slice(start + open[0].length, close), start, end: this.i };
  }

  private number(start: number): SqlToken {
    const s = this.s;
    while (isDigit(s[this.i])) this.i++;
    if (s[this.i] === "." && s[this.i + 1] !== ".") {
      this.i++;
      while (isDigit(s[this.i])) this.i++;
    }
    if ((s[this.i] === "e" || s[this.i] === "E") && (isDigit(s[this.i + 1]) || ((s[this.i + 1] === "+" || s[this.i + 1] === "-") && isDigit(s[this.i + 2])))) {
      this.i += 2;
      while (isDigit(s[this.i])) this.i++;
    }
    return { kind: "number", text: s.slice(start, this.i), start, end: this.i };
  }
}
