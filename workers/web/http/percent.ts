// Percent-encoding as Python's urllib.parse does it, because Starlette decodes the request path
// with `unquote` before routing and builds redirect locations with `quote`. Being lenient is the
// faithful choice: a `%` not followed by two hex digits stays as it is, and bytes that are not
// valid UTF-8 become U+FFFD — a real FastAPI server answers such requests, it does not reject them.

const utf8 = new TextDecoder("utf-8");
const encoder = new TextEncoder();

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** `urllib.parse.unquote(s)`: %XX sequences to UTF-8 bytes, decoded with replacement. */
export function unquote(s: string): string {
  if (s.indexOf("%") === -1) return s;
  // Python decodes each run of ASCII characters on its own and copies other characters as they
  // are, so an escape split by a literal non-ASCII character never joins across it.
  let out = "";
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length > 0) {
      out += utf8.decode(new Uint8Array(bytes));
      bytes = [];
    }
  };
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 128) {
      flush();
      out += s[i];
      continue;
    }
    if (code === 37 && i + 2 < s.length) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    bytes.push(code);
  }
  flush();
  return out;
}

/** `urllib.parse.unquote_plus(s)`: as `unquote`, with `+` meaning a space (query strings). */
export function unquotePlus(s: string): string {
  return unquote(s.indexOf("+") === -1 ? s : s.replaceAll("+", " "));
}

const ALWAYS_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";
const HEX = "0123456789ABCDEF";

/** `urllib.parse.quote(s, safe)`: every UTF-8 byte outside the safe set becomes %XX. */
export function quote(s: string, safe = "/"): string {
  const keep = ALWAYS_SAFE + safe;
  let out = "";
  for (const byte of encoder.encode(s)) {
    const ch = String.fromCharCode(byte);
    out += byte < 128 && keep.includes(ch) ? ch : "%" + HEX[byte >> 4] + HEX[byte & 15];
  }
  return out;
}
