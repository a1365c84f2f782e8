// The inline-command splitter, byte for byte as Redis 7.0's sdssplitargs (sds.c): blanks
// separate arguments; "double quotes" understand \xHH and \n \r \t \b \a (any other escaped
// char stands for itself); 'single quotes' only understand \'; a closing quote must be followed
// by a blank or the end of the line. The quirks are kept on purpose: blanks between arguments
// are C isspace (space, \t, \n, \v, \f, \r) but an unquoted argument ends only at space, \t,
// \n or \r, so "a\vb" is one argument; a quote may open in the middle of a word (a"b c" is
// "ab c").
//
// The line never holds a NUL byte: the parser only finds a line end before the first NUL (as
// Redis's strchr does), so reaching `end` plays the part of C's terminating '\0'.

/** The arguments of bytes[start, end) as latin1 strings, or null for unbalanced quotes. */
export function splitArgs(bytes: Uint8Array, start: number, end: number): string[] | null {
  const at = (i: number): number => (i < end ? bytes[i] : 0);
  const argv: string[] = [];
  let p = start;
  for (;;) {
    while (p < end && isSpace(bytes[p])) p++;
    if (p >= end) return argv;

    let inDouble = false;
    let inSingle = false;
    let done = false;
    const current: number[] = [];
    while (!done) {
      const c = at(p);
      if (inDouble) {
        if (c === BACKSLASH && at(p + 1) === X && isHex(at(p + 2)) && isHex(at(p + 3))) {
          current.push(hexValue(at(p + 2)) * 16 + hexValue(at(p + 3)));
          p += 3;
        } else if (c === BACKSLASH && at(p + 1) !== 0) {
          p++;
          current.push(unescape(at(p)));
        } else if (c === DOUBLE_QUOTE) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          current.push(c);
        }
      } else if (inSingle) {
        if (c === BACKSLASH && at(p + 1) === SINGLE_QUOTE) {
          p++;
          current.push(SINGLE_QUOTE);
        } else if (c === SINGLE_QUOTE) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          current.push(c);
        }
      } else if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0) {
        done = true;
      } else if (c === DOUBLE_QUOTE) {
        inDouble = true;
      } else if (c === SINGLE_QUOTE) {
        inSingle = true;
      } else {
        current.push(c);
      }
      if (at(p) !== 0) p++;
    }
    argv.push(Buffer.from(current).toString("latin1"));
  }
}

const BACKSLASH = 0x5c;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const X = 0x78;

/** C isspace in the C locale (Redis never sets LC_CTYPE): space, \t \n \v \f \r. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function hexValue(c: number): number {
  return c <= 57 ? c - 48 : (c | 0x20) - 87;
}

function unescape(c: number): number {
  switch (c) {
    case 0x6e: return 10; // \n
    case 0x72: return 13; // \r
    case 0x74: return 9; // \t
    case 0x62: return 8; // \b
    case 0x61: return 7; // \a
    default: return c;
  }
}
