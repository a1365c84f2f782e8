// The chunked transfer coding (RFC 9112 §7.1): hex size [; extensions] CRLF, data, CRLF, ...,
// a zero-size chunk, optional trailer fields, an empty line. Works on bytes, because chunk sizes
// count bytes. Line ends may be bare LF here too, as in the header section.

export type Dechunked = { ok: true; body: Uint8Array; consumed: number } | { ok: false; reason: string };

const HEX = /^[0-9A-Fa-f]+$/;

/** The next line from `at`: its text (without CR LF) and where the line after it starts. */
function readLine(bytes: Uint8Array, at: number): { text: string; next: number } | null {
  const lf = bytes.indexOf(10, at);
  if (lf === -1) return null;
  const end = lf > at && bytes[lf - 1] === 13 ? lf - 1 : lf;
  return { text: String.fromCharCode(...bytes.subarray(at, end)), next: lf + 1 };
}

export function dechunk(bytes: Uint8Array): Dechunked {
  const parts: Uint8Array[] = [];
  let at = 0;
  for (;;) {
    const line = readLine(bytes, at);
    if (line === null) return { ok: false, reason: "chunked body ends before its last chunk" };
    const sizeText = line.text.split(";")[0].trim();
    if (!HEX.test(sizeText)) return { ok: false, reason: `bad chunk size line ${JSON.stringify(line.text)}` };
    const size = parseInt(sizeText, 16);
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
    if (line === null) return { ok: false, reason: "chunked body lacks the empty line after its last chunk" };
    at = line.next;
    if (line.text === "") break;
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+:/.test(line.text)) return { ok: false, reason: `bad trailer field ${JSON.stringify(line.text)}` };
  }
  const body = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    body.set(p, offset);
    offset += p.length;
  }
  return { ok: true, body, consumed: at };
}
