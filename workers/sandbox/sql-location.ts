// Where in the learner's code a Postgres error points. Postgres reports a 1-based character
// position into the statement; the stack only knows the line of the `await db.query(…)`. When the
// statement was written as a string or template literal on or after that line, this finds the
// literal whose text is the statement and turns the position into a line and column inside it.

/** The statement text of a failed query, put on the error by the Postgres client (not enumerable). */
export const SQL_TEXT = Symbol.for("playground.sqlText");

interface Location {
  line: number;
  column: number;
}

/** Where the error is, and the column just past the word that starts there (the token Postgres points at). */
interface SqlLocation extends Location {
  endColumn?: number;
}

/** How far past the call's line a statement's literal may start. */
const LOOKAHEAD_LINES = 3;

export function sqlErrorLocation(source: string, call: Location, error: unknown): SqlLocation | null {
  if (typeof error !== "object" || error === null) return null;
  const sql = (error as Record<symbol, unknown>)[SQL_TEXT];
  const position = (error as { position?: unknown }).position;
  if (typeof sql !== "string" || typeof position !== "number" || position < 1) return null;
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") lineStarts.push(i + 1);
  const from = lineStarts[call.line - 1];
  if (from === undefined) return null;
  const until = lineStarts[call.line + LOOKAHEAD_LINES] ?? source.length;
  // Postgres counts characters; strings here are indexed by UTF-16 code units.
  const index = [...sql].slice(0, position - 1).join("").length;
  for (const literal of literalsFrom(source, from)) {
    if (literal.start >= until) break;
    const offset = literal.locate(sql, index);
    if (offset === null) continue;
    let line = lineStarts.length;
    while (lineStarts[line - 1] > offset) line--;
    const column = offset - lineStarts[line - 1] + 1;
    const word = /^\w[\w$]*/.exec(source.slice(offset, offset + 200));
    return word ? { line, column, endColumn: column + word[0].length } : { line, column };
  }
  return null;
}

interface Literal {
  start: number;
  /** The source offset of character `index` of `sql`, if this literal's text is `sql`. */
  locate(sql: string, index: number): number | null;
}

/** The string and template literals of `source` from `from` on, lazily; comments are skipped. */
function* literalsFrom(source: string, from: number): Generator<Literal> {
  let i = from;
  while (i < source.length) {
    const ch = source[i];
    if (ch === "/" && source[i + 1] === "/") i = source.indexOf("\n", i) === -1 ? source.length : source.indexOf("\n", i);
    else if (ch === "/" && source[i + 1] === "*") i = source.indexOf("*/", i + 2) === -1 ? source.length : source.indexOf("*/", i + 2) + 2;
    else if (ch === '"' || ch === "'" || ch === "`") {
      const literal = readLiteral(source, i);
      yield literal;
      i = literal.end;
    } else i++;
  }
}

/**
 * Reads the literal opening at `start`: its cooked characters, each with its source offset, in
 * pieces split at `${…}` substitutions (whose values are unknown here).
 */
function readLiteral(source: string, start: number): Literal & { end: number } {
  const quote = source[start];
  const pieces: { text: string; at: number[] }[] = [{ text: "", at: [] }];
  let i = start + 1;
  while (i < source.length && source[i] !== quote) {
    if (quote !== "`" && source[i] === "\n") break;
    if (quote === "`" && source[i] === "$" && source[i + 1] === "{") {
      i = skipSubstitution(source, i + 2);
      pieces.push({ text: "", at: [] });
      continue;
    }
    const piece = pieces[pieces.length - 1];
    const [text, length] = source[i] === "\\" ? cookEscape(source, i) : [source[i], 1];
    for (let k = 0; k < text.length; k++) piece.at.push(i);
    piece.text += text;
    i += length;
  }
  return {
    start,
    end: i + 1,
    locate: (sql, index) => {
      // The pieces in order with anything between them: the SQL with the substitutions' values.
      const pattern = new RegExp(`^${pieces.map((p) => `(${escapeRegExp(p.text)})`).join("([\\s\\S]*?)")}$`, "d");
      const match = pattern.exec(sql) as (RegExpExecArray & { indices: [number, number][] }) | null;
      if (!match) return null;
      for (let p = 0; p < pieces.length; p++) {
        const [begin, end] = match.indices[1 + 2 * p];
        if (index >= begin && index < end) return pieces[p].at[index - begin];
        const gap = match.indices[2 + 2 * p];
        // Inside a substitution's value: point at its `${`.
        if (gap && index >= gap[0] && index < gap[1]) return source.lastIndexOf("${", pieces[p + 1].at[0] ?? source.length);
      }
      return null;
    },
  };
}

/** The end of a `${…}` substitution, counting nested braces and skipping nested literals. */
function skipSubstitution(source: string, i: number): number {
  let depth = 1;
  while (i < source.length && depth > 0) {
    const ch = source[i];
    if (ch === '"' || ch === "'" || ch === "`") i = readLiteral(source, i).end;
    else {
      if (ch === "{") depth++;
      else if (ch === "}") depth--;
      i++;
    }
  }
  return i;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", "0": "\0" };

/** An escape sequence at `i` (a backslash): its cooked text and its length in the source. */
function cookEscape(source: string, i: number): [string, number] {
  const next = source[i + 1];
  if (next === "\n") return ["", 2]; // a line continuation
  if (next === "x") return [String.fromCharCode(parseInt(source.slice(i + 2, i + 4), 16)), 4];
  if (next === "u" && source[i + 2] === "{") {
    const close = source.indexOf("}", i);
    return [String.fromCodePoint(parseInt(source.slice(i + 3, close), 16)), close - i + 1];
  }
  if (next === "u") return [String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16)), 6];
  return [SIMPLE_ESCAPES[next] ?? next, 2];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
