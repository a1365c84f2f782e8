// C's errno, as far as Redis's replies depend on it. string2d and string2ld clear it and set
// ERANGE on overflow or underflow; the bare strtod calls of ZRANGEBYSCORE's range parser and of
// SORT set ERANGE without clearing it first, and SORT tests it — so a SORT can fail with "One or
// more scores can't be converted into double" because an earlier command overflowed a float.
// Each server keeps its own errno (one Redis process each); the dispatcher selects it. Accepting
// a connection ends with an accept() that fails with EAGAIN, which clears ERANGE.

export interface Errno {
  erange: boolean;
}

let current: Errno = { erange: false };

/** Make this server's errno the one conversions read and write (called as each command starts). */
export function useErrno(e: Errno): void {
  current = e;
}

export function errno(): Errno {
  return current;
}

const DBL_MIN = 2.2250738585072014e-308;

/** Whether strtod set ERANGE for this result of this (fully read) text: overflow or underflow. */
export function strtodRange(text: string, value: number): boolean {
  if (!Number.isFinite(value)) return !/^[+-]?inf/i.test(text.trimStart());
  if (value === 0) return /[1-9]/.test(mantissaOf(text));
  return Math.abs(value) < DBL_MIN;
}

function mantissaOf(text: string): string {
  const t = text.trimStart().replace(/^[+-]/, "");
  if (/^0x/i.test(t)) return t.slice(2).split(/[pP]/)[0].replace(/[a-f]/gi, "1");
  return t.split(/[eE]/)[0];
}
