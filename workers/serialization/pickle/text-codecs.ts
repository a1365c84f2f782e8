// Text and bytes as pickles hold them. Decoding, as pickletools' readers do, with CPython's error
// messages: utf-8 with surrogatepass, raw-unicode-escape, codecs.escape_decode, and int()/float()
// of a bytes literal. Encoding, as the C pickler does: utf-8 with surrogatepass, and its own
// raw-unicode-escape for protocol 0.
import { PyException, type PyValue } from "../values.ts";
import { bytesRepr } from "../repr.ts";
import { ascii } from "./memo-ops.ts";

const decodeError = (codec: string, bytes: Uint8Array, start: number, end: number, reason: string) =>
  new PyException(
    "UnicodeDecodeError",
    end - start === 1
      ? `'${codec}' codec can't decode byte 0x${bytes[start].toString(16).padStart(2, "0")} in position ${start}: ${reason}`
      : `'${codec}' codec can't decode bytes in position ${start}-${end - 1}: ${reason}`,
  );

/** str(data, 'utf-8', 'surrogatepass'): lone surrogates encoded as three bytes are let through. */
export function utf8Decode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) throw decodeError("utf-8", bytes, i, i + 1, "invalid start byte");
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) throw decodeError("utf-8", bytes, i, bytes.length, "unexpected end of data");
      // The second byte's range depends on the first (no overlongs, no code points past U+10FFFF).
      const lo = k === 1 ? (b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80) : 0x80;
      const hi = k === 1 ? (b === 0xf4 ? 0x8f : b === 0xed ? 0x9f : 0xbf) : 0xbf;
      if (c < lo || c > hi) {
        // ED A0–BF is a surrogate, which strict UTF-8 refuses and surrogatepass lets through
        // when all three bytes are there; otherwise the strict error stands.
        const surrogate = b === 0xed && k === 1 && c >= 0xa0 && c <= 0xbf && bytes[i + 2] >= 0x80 && bytes[i + 2] <= 0xbf;
        if (!surrogate) throw decodeError("utf-8", bytes, i, i + k, "invalid continuation byte");
      }
      cp = (cp << 6) | (c & 0x3f);
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

const HEX4 = /^[0-9a-fA-F]{4}$/;
const HEX8 = /^[0-9a-fA-F]{8}$/;

/** str(data, 'raw-unicode-escape'): bytes as Latin-1, except \uXXXX and \UXXXXXXXX. */
export function rawUnicodeEscapeDecode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    // An escape only after an odd run of backslashes; \\u stays two characters.
    if (b === 0x5c && (bytes[i + 1] === 0x75 || bytes[i + 1] === 0x55)) {
      const width = bytes[i + 1] === 0x75 ? 4 : 8;
      const digits = String.fromCharCode(...bytes.subarray(i + 2, i + 2 + width));
      if (!(width === 4 ? HEX4 : HEX8).test(digits)) {
        const bad = digits.search(/[^0-9a-fA-F]/);
        throw decodeError("rawunicodeescape", bytes, i, i + 2 + (bad < 0 ? digits.length : bad), `truncated \\${width === 4 ? "uXXXX" : "UXXXXXXXX"} escape`);
      }
      const cp = parseInt(digits, 16);
      if (cp > 0x10ffff) throw decodeError("rawunicodeescape", bytes, i, i + 10, "\\Uxxxxxxxx out of range");
      out += String.fromCodePoint(cp);
      i += 1 + width;
      continue;
    }
    out += String.fromCharCode(b);
    if (b === 0x5c && bytes[i + 1] === 0x5c) out += String.fromCharCode(bytes[++i]);
  }
  return out;
}

const SIMPLE: Record<string, number> = { "\\": 0x5c, "'": 0x27, '"': 0x22, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };

/** codecs.escape_decode: Python's bytes-literal escapes undone. */
export function escapeDecode(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x5c) {
      out.push(bytes[i]);
      continue;
    }
    i++;
    if (i >= bytes.length) throw new PyException("ValueError", "Trailing \\ in string");
    const c = String.fromCharCode(bytes[i]);
    if (c === "\n") continue;
    if (c in SIMPLE) out.push(SIMPLE[c]);
    else if (c >= "0" && c <= "7") {
      let v = 0;
      let k = 0;
      for (; k < 3 && i < bytes.length && bytes[i] >= 0x30 && bytes[i] <= 0x37; k++) v = v * 8 + bytes[i++] - 0x30;
      i--;
      out.push(v & 0xff);
    } else if (c === "x") {
      const hex = String.fromCharCode(...bytes.subarray(i + 1, i + 3));
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new PyException("ValueError", `invalid \\x escape at position ${i - 1}`);
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(0x5c, bytes[i]);
  }
  return Uint8Array.from(out);
}

export const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join("");

/** bytes.decode('ascii'). */
export function asciiDecode(bytes: Uint8Array): string {
  const bad = bytes.findIndex((b) => b >= 0x80);
  if (bad >= 0) throw new PyException("UnicodeDecodeError", `'ascii' codec can't decode byte 0x${bytes[bad].toString(16)} in position ${bad}: ordinal not in range(128)`);
  return latin1(bytes);
}

// int()/float() of bytes strip ASCII whitespace only (not str's \x1c–\x1f).
const SPACE = " \t\n\r\v\f";
const strip = (text: string) => {
  let a = 0;
  let b = text.length;
  while (a < b && SPACE.includes(text[a])) a++;
  while (b > a && SPACE.includes(text[b - 1])) b--;
  return text.slice(a, b);
};

/** int(b'…'): whitespace around, a sign, digits with single underscores between them. */
export function intFromLiteral(bytes: Uint8Array): bigint {
  const text = strip(latin1(bytes));
  if (!/^[+-]?\d(_?\d)*$/.test(text)) throw new PyException("ValueError", `invalid literal for int() with base 10: ${bytesRepr(bytes)}`);
  return BigInt(text.replace(/_/g, ""));
}

/** float(b'…'): decimal or exponent forms, inf/infinity/nan in any case. */
export function floatFromLiteral(bytes: Uint8Array): number {
  const text = strip(latin1(bytes));
  const digits = "\\d(_?\\d)*";
  const numeric = new RegExp(`^[+-]?((${digits})(\\.(${digits})?)?|\\.${digits})([eE][+-]?${digits})?$`);
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(text);
  if (special) {
    const x = special[2].toLowerCase() === "nan" ? NaN : Infinity;
    return special[1] === "-" ? -x : x;
  }
  if (!numeric.test(text)) throw new PyException("ValueError", `could not convert string to float: ${bytesRepr(bytes)}`);
  return Number(text.replace(/_/g, ""));
}

export type ArgValue = PyValue;

export const utf8 = (text: string) => new TextEncoder().encode(text);

/** str.encode('utf-8', 'surrogatepass'): lone surrogates as three bytes each. */
export function utf8SurrogatePass(text: string): Uint8Array {
  if (!/\p{Surrogate}/u.test(text)) return utf8(text);
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(...utf8(ch));
  }
  return Uint8Array.from(out);
}

/** The pickler's raw_unicode_escape: \u/\U for non-Latin-1 and for \\ \0 \n \r \x1a. */
export function rawUnicodeEscape(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x10000) out.push(...ascii("\\U" + cp.toString(16).padStart(8, "0")));
    else if (cp >= 256 || cp === 0x5c || cp === 0 || cp === 0x0a || cp === 0x0d || cp === 0x1a) out.push(...ascii("\\u" + cp.toString(16).padStart(4, "0")));
    else out.push(cp);
  }
  return out;
}
