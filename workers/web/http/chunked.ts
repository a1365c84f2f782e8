// The chunked transfer coding (RFC 9112 §7.1): hex size [; extensions] CRLF, data, CRLF, ...,
// a zero-size chunk, optional trailer fields, an empty line. Works on bytes, because chunk sizes
// count bytes. Line ends may be bare LF here too, as in the header section. A size line or a
// trailer line longer than MAX_LINE is refused before it is turned into text.
import { MAX_LINE, quoted } from "./limits.ts";

export type Dechunked = { ok: true; body: Uint8Array; consumed: number } | { ok: false; reason: string };

const HEX = /^[0-9A-Fa-f]+$/;
const TOO_LONG: unique symbol = Symbol("line too long");

/** Bytes as text, one char per byte; a loop, because spreading a long line overflows the stack. */
function latin1(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
  return text;
}

/**
 * The next line from `at`: its text (without CR LF) and where the line after it starts; null
 * when no line end follows, TOO_LONG when the line is past MAX_LINE, ended or not.
 */
function readLine(bytes: Uint8Array, at: number): { text: string; next: number } | typeof TOO_LONG | null {
  const lf = bytes.indexOf(10, at);
  const end = lf === -1 ? bytes.length : lf > at && bytes[lf - 1] === 13 ? lf - 1 : lf;
  if (end - at > MAX_LINE) return TOO_LONG;
  if (lf === -1) return null;
  return { text: latin1(bytes.subarray(at, end)), next: lf + 1 };
}

export function dechunk(bytes: Uint8Array): Dechunked {
  const parts: Uint8Array[] = [];
  let at = 0;
  for (;;) {
    const line = readLine(bytes, at);
    if (line === TOO_LONG) return { ok: false, reason: `chunk size line too long: more than ${MAX_LINE} bytes` };
    if (line === null) return { ok: false, reason: "chunked body ends before its last chunk" };
    const sizeText = line.text.split(";")[0].trim();
    if (!HEX.test(sizeText)) return { ok: false, reason: `bad chunk size line ${quoted(line.text)}` };
    const size = parseInt(sizeText, 16);
    if (!Number.isSafeInteger(size)) return { ok: false, reason: `chunk size ${quoted(sizeText)} is too large` };
    at = line.next;
    if (size === 0) break;
    if (at + size > bytes.length) return { ok: false, reason: `chunk of ${size} bytes is cut short` };
    parts.push(bytes.subarray(at, at + size));
    at += size;
    const crlf = bytes[at] === 13 && bytes[at + 1] === 10 ? 2 : bytes[at] === 10 ? 1 : 0;
    if (crlf === 0) return { ok: false, reason: "chunk data is not followed by a line end" };
    at += crlf;
  }
  // Trailer fields, up to the empty line; they are read past, not merged into the headers.
  for (;;) {
    const line = readLine(bytes, at);
    if (line === TOO_LONG) return { ok: false, reason: `trailer line too long: more than ${MAX_LINE} bytes` };
    if (line === null) return { ok: false, reason: "chunked body lacks the empty line after its last chunk" };
    at = line.next;
    if (line.text === "") break;
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+:/.test(line.text)) return { ok: false, reason: `bad trailer field ${quoted(line.text)}` };
  }
  const body = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    body.set(p, offset);
    offset += p.length;
  }
  return { ok: true, body, consumed: at };
}
