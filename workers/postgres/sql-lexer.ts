// The first tokens of a statement, read the way Postgres's own lexer reads them
// (src/backend/parser/scan.l), for the few decisions the engine takes before Postgres sees a
// learner's text: whether it is a transaction-control command, and whether it is one of the
// learner's own savepoint commands. Reading it any other way (a regular expression's `\s`, a
// comment that ends only at `\n`) lets a text mean one thing here and another to Postgres.
//
// As scan.l has it:
//  - whitespace is [ \t\n\r\f\v];
//  - `--` comments run to the end of the line, which is `\n` OR `\r`;
//  - `/* */` comments nest;
//  - an identifier starts with [A-Za-z_] or any non-ASCII character and goes on with those, digits
//    and `$`; unquoted, it is folded to lower case in ASCII only (the database is UTF-8), and
//    keywords are identifiers so folded (keywords cannot be quoted);
//  - a quoted identifier is "…" with "" for a quote, kept as written;
//  - identifiers are cut to NAMEDATALEN - 1 = 63 bytes.
// Anything else is an "other" token, and the callers treat a text they cannot read as the
// ordinary case (not transaction control, not a savepoint command), which Postgres then judges.

export type Token =
  | { kind: "word" | "quoted"; text: string; start: number }
  | { kind: "semicolon" | "other"; start: number };

const SPACE = " \t\n\r\f\v";
const MAX_IDENTIFIER_BYTES = 63;

function identStart(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_" || c >= "\u0080";
}

function identCont(c: string): boolean {
  return identStart(c) || (c >= "0" && c <= "9") || c === "$";
}

/** Cuts a name to 63 bytes of UTF-8 without splitting a character, as Postgres does. */
function truncate(name: string): string {
  if (name.length * 3 <= MAX_IDENTIFIER_BYTES) return name;
  let bytes = 0;
  let out = "";
  for (const ch of name) {
    const size = new TextEncoder().encode(ch).length;
    if (bytes + size > MAX_IDENTIFIER_BYTES) break;
    bytes += size;
    out += ch;
  }
  return out;
}

/**
 * The statement's first tokens, at most `limit`, leaving out the empty statements before it:
 * Postgres's grammar drops them, so ";COMMIT" is one statement, COMMIT. `complete` says whether
 * that is the whole text (every character read, no token left over).
 */
export function statementTokens(text: string, limit: number): { tokens: Token[]; complete: boolean } {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  const push = (token: Token) => {
    if (token.kind === "semicolon" && out.length === 0) return; // an empty statement before it
    out.push(token);
  };
  while (i < n) {
    if (out.length >= limit) return { tokens: out, complete: false };
    const c = text[i];
    if (SPACE.includes(c)) {
      i++;
    } else if (c === "-" && text[i + 1] === "-") {
      while (i < n && text[i] !== "\n" && text[i] !== "\r") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (text[i] === "/" && text[i + 1] === "*") {
          depth++;
          i += 2;
        } else if (text[i] === "*" && text[i + 1] === "/") {
          depth--;
          i += 2;
        } else {
          i++;
        }
      }
      if (depth > 0) return { tokens: out, complete: false }; // unterminated: Postgres refuses the text
    } else if (c === ";") {
      push({ kind: "semicolon", start: i });
      i++;
    } else if (identStart(c)) {
      const start = i;
      while (i < n && identCont(text[i])) i++;
      push({ kind: "word", text: truncate(text.slice(start, i).replace(/[A-Z]+/g, (s) => s.toLowerCase())), start });
    } else if (c === '"') {
      const start = i;
      let name = "";
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close < 0) return { tokens: out, complete: false }; // unterminated
        name += text.slice(i, close);
        i = close + 1;
        if (text[i] !== '"') break;
        name += '"';
        i++;
      }
      if (name === "") return { tokens: out, complete: false }; // zero-length delimited identifier
      push({ kind: "quoted", text: truncate(name), start });
    } else {
      push({ kind: "other", start: i });
      return { tokens: out, complete: false };
    }
  }
  return { tokens: out, complete: true };
}

/** The 1-based character position of a token, as Postgres counts (code points, not UTF-16 units). */
export function position(text: string, token: Token): number {
  let count = 1;
  for (let i = 0; i < token.start; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff) count++; // a low surrogate belongs to the character before
  }
  return count;
}
