// Presentation text split as dns.tokenizer.Tokenizer splits one line of it: identifiers,
// "quoted strings", parentheses and ; comments dropped. Token values keep their backslash
// escapes; each reader (a name, a TXT string, a number) undoes them its own way.
import { DnsSyntaxError, UnexpectedEnd } from "../errors.ts";
import { nameFromText, type DnsName } from "../name.ts";

export interface Token {
  value: string;
  quoted: boolean;
}

const DELIMITERS = new Set([" ", "\t", "\n", "\r", '"', "(", ")", ";"]);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const chars = [...text];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    if (c === " " || c === "\t" || c === "(" || c === ")" || c === "\r" || c === "\n") i++;
    else if (c === ";") while (i < chars.length && chars[i] !== "\n") i++;
    else if (c === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= chars.length) throw new UnexpectedEnd();
        const q = chars[i++];
        if (q === '"') break;
        if (q === "\n") throw new DnsSyntaxError("newline in quoted string");
        if (q === "\\") {
          if (i >= chars.length) throw new UnexpectedEnd();
          value += q + chars[i++];
        } else value += q;
      }
      tokens.push({ value, quoted: true });
    } else {
      let value = "";
      while (i < chars.length && !DELIMITERS.has(chars[i])) {
        if (chars[i] === "\\") {
          if (i + 1 >= chars.length) throw new UnexpectedEnd();
          value += chars[i] + chars[i + 1];
          i += 2;
        } else value += chars[i++];
      }
      tokens.push({ value, quoted: false });
    }
  }
  return tokens;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const utf8 = new TextEncoder();

/** Token.unescape: \DDD becomes the character DDD, \c becomes c. */
function unescape(value: string, byteOf: (code: number) => number[], charOf: (c: string) => number[]): number[] {
  const out: number[] = [];
  const chars = [...value];
  for (let i = 0; i < chars.length; ) {
    const c = chars[i++];
    if (c !== "\\") {
      out.push(...charOf(c));
      continue;
    }
    if (i >= chars.length) throw new UnexpectedEnd();
    const d = chars[i++];
    if (!isDigit(d)) {
      out.push(...charOf(d));
      continue;
    }
    if (i >= chars.length) throw new UnexpectedEnd();
    const d2 = chars[i++];
    if (i >= chars.length) throw new UnexpectedEnd();
    const d3 = chars[i++];
    if (!isDigit(d2) || !isDigit(d3)) throw new DnsSyntaxError();
    const code = Number(d + d2 + d3);
    if (code > 255) throw new DnsSyntaxError();
    out.push(...byteOf(code));
  }
  return out;
}

/** Token.unescape_to_bytes: characters as UTF-8, \DDD as that byte. */
export function tokenBytes(value: string): Uint8Array {
  return Uint8Array.from(unescape(value, (code) => [code], (c) => [...utf8.encode(c)]));
}

/** Token.unescape() then str.encode(): \DDD is a character, so 128..255 take two UTF-8 bytes. */
export function tokenTextBytes(value: string): Uint8Array {
  return Uint8Array.from(unescape(value, (code) => [...utf8.encode(String.fromCharCode(code))], (c) => [...utf8.encode(c)]));
}

/** Reads one line's tokens in order, with the Tokenizer's get_* checks and messages. */
export class TokenStream {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  static of(text: string): TokenStream {
    return new TokenStream(tokenize(text));
  }

  peek(): Token | undefined {
    return this.tokens[this.at];
  }

  next(): Token | undefined {
    return this.tokens[this.at++];
  }

  /** Every token left on the line. */
  rest(): Token[] {
    const rest = this.tokens.slice(this.at);
    this.at = this.tokens.length;
    return rest;
  }

  identifier(): string {
    const t = this.next();
    if (!t || t.quoted) throw new DnsSyntaxError("expecting an identifier");
    return t.value;
  }

  /** An identifier or a quoted string, unescaped (get_string). */
  string(): Token {
    const t = this.next();
    if (!t) throw new DnsSyntaxError("expecting a string");
    return t;
  }

  int(): number {
    const value = String.fromCharCode(...tokenBytes(this.identifier()));
    if (!/^[0-9]+$/.test(value)) throw new DnsSyntaxError("expecting an integer");
    return Number(value);
  }

  uint(bits: 8 | 16 | 32): number {
    const value = this.int();
    if (value > 2 ** bits - 1) throw new DnsSyntaxError(`${value} is not an unsigned ${bits}-bit integer`);
    return value;
  }

  /** A name; with no origin a name without a final dot stays relative. */
  name(origin: DnsName | null): DnsName {
    return nameFromText(this.identifier(), origin);
  }

  /** get_eol: nothing may follow the rdata. */
  end(): void {
    const t = this.next();
    if (t) throw new DnsSyntaxError(`expected EOL or EOF, got ${t.quoted ? 4 : 3} "${t.value}"`);
  }
}
