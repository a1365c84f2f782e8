// Numbers as Redis 7.0 reads and prints them (util.c): string2ll's strict integers, strtod's
// doubles (as string2d accepts them), `%.17g` for doubles and the integer fast path of d2string.
// Long doubles (INCRBYFLOAT) live in longdouble.ts.
import { errno, strtodRange } from "./errno.ts";

export const LLONG_MAX = 9223372036854775807n;
export const LLONG_MIN = -9223372036854775808n;

/**
 * string2ll: an optional '-', then digits with no leading zero (a lone "0" is fine, "-0" is not),
 * no spaces, no '+', within a signed 64-bit range. Returns undefined when Redis would refuse it.
 */
export function parseLL(s: string): bigint | undefined {
  const n = s.length;
  if (n === 0 || n > 20) return undefined;
  if (n === 1 && s.charCodeAt(0) === 48) return 0n;
  let i = 0;
  if (s.charCodeAt(0) === 45) {
    i = 1;
    if (n === 1) return undefined;
  }
  const first = s.charCodeAt(i);
  if (first < 49 || first > 57) return undefined;
  for (let j = i + 1; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return undefined;
  }
  const v = BigInt(s);
  if (v > LLONG_MAX || v < LLONG_MIN) return undefined;
  return v;
}

/**
 * The same rules, as a JS number: exact within ±2^53, the nearest double beyond (callers that
 * need every bit of a 64-bit value use parseLL). Fast for the short strings that are the norm.
 */
export function parseLLNumber(s: string): number | undefined {
  const n = s.length;
  if (n === 0 || n > 15) {
    const big = parseLL(s);
    return big === undefined ? undefined : Number(big);
  }
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45) {
    if (n === 1) return undefined;
    neg = true;
    i = 1;
  }
  let c = s.charCodeAt(i);
  if (c === 48) return n === 1 ? 0 : undefined;
  if (c < 49 || c > 57) return undefined;
  let v = c - 48;
  for (i++; i < n; i++) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    v = v * 10 + (c - 48);
  }
  return neg ? -v : v;
}

/** Whether Redis would store this string as an integer (string2ll succeeds). */
export function isIntegerString(s: string): boolean {
  return parseLLNumber(s) !== undefined;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * How much of `s` from `start` strtod would consume: returns the end index of the longest
 * valid prefix (or `start` when there is none), following C's grammar: optional sign, then
 * "inf"/"infinity"/"nan" (any case), a hex float ("0x1.8p3"), or a decimal with optional exponent.
 */
function strtodPrefixEnd(s: string, start: number): number {
  let i = start;
  const n = s.length;
  if (i < n && (s[i] === "+" || s[i] === "-")) i++;
  const rest = s.slice(i, i + 8).toLowerCase();
  if (rest.startsWith("infinity")) return i + 8;
  if (rest.startsWith("inf")) return i + 3;
  if (rest.startsWith("nan")) {
    let j = i + 3;
    if (s[j] === "(") {
      let k = j + 1;
      while (k < n && /[0-9A-Za-z_]/.test(s[k])) k++;
      if (s[k] === ")") j = k + 1;
    }
    return j;
  }
  if (s[i] === "0" && (s[i + 1] === "x" || s[i + 1] === "X")) {
    let j = i + 2;
    let digits = 0;
    while (j < n && /[0-9a-fA-F]/.test(s[j])) {
      j++;
      digits++;
    }
    if (s[j] === ".") {
      j++;
      while (j < n && /[0-9a-fA-F]/.test(s[j])) {
      j++;
      digits++;
    }
    }
    if (digits === 0) return i + 1; // just the "0"
    return s[j] === "p" || s[j] === "P" ? exponentEnd(s, j) : j;
  }
  let j = i;
  let digits = 0;
  while (j < n && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) {
      j++;
      digits++;
    }
  if (s[j] === ".") {
    j++;
    while (j < n && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) {
      j++;
      digits++;
    }
  }
  if (digits === 0) return start;
  return s[j] === "e" || s[j] === "E" ? exponentEnd(s, j) : j;
}

/** Past an exponent whose letter ("e" or "p") is at `j`: a sign and decimal digits; without digits the letter is not part of the number. */
function exponentEnd(s: string, j: number): number {
  let k = j + 1;
  if (s[k] === "+" || s[k] === "-") k++;
  const digitsAt = k;
  while (k < s.length && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) k++;
  return k > digitsAt ? k : j;
}

/** The value of a string strtod accepted whole (see strtodPrefixEnd), as a double. */
function strtodValue(s: string): number {
  let body = s;
  let sign = 1;
  if (body[0] === "+" || body[0] === "-") {
    if (body[0] === "-") sign = -1;
    body = body.slice(1);
  }
  const lower = body.toLowerCase();
  if (lower.startsWith("inf")) return sign * Infinity;
  if (lower.startsWith("nan")) return NaN;
  if (lower.startsWith("0x")) return sign * hexFloat(body.slice(2));
  return sign * Number(body);
}

function hexFloat(s: string): number {
  let exp = 0;
  const p = s.search(/[pP]/);
  let mant = s;
  if (p >= 0) {
    exp = Number(s.slice(p + 1));
    mant = s.slice(0, p);
  }
  const dot = mant.indexOf(".");
  let digits = mant;
  if (dot >= 0) {
    digits = mant.slice(0, dot) + mant.slice(dot + 1);
    exp -= 4 * (mant.length - dot - 1);
  }
  if (digits === "") return 0;
  // Exact integer mantissa; the scaling below rounds once for ordinary sizes.
  const big = BigInt("0x" + digits);
  if (big === 0n) return 0;
  return bigTimesPow2(big, exp);
}

/** Round big * 2^exp to the nearest double (ties to even). */
export function bigTimesPow2(big: bigint, exp: number): number {
  const neg = big < 0n;
  let m = neg ? -big : big;
  const bits = m.toString(2).length;
  // Keep 64 significant bits with a sticky bit, then let the FPU round once.
  if (bits > 64) {
    const shift = BigInt(bits - 64);
    const sticky = (m & ((1n << shift) - 1n)) !== 0n ? 1n : 0n;
    m = (m >> shift) | sticky;
    exp += bits - 64;
  }
  let v = Number(m); // rounds 64 -> 53 bits (ties to even, sticky kept in the low bit)
  // Scale in steps so intermediate results do not overflow or lose bits prematurely.
  while (exp > 1000) {
    v *= 2 ** 1000;
    exp -= 1000;
  }
  while (exp < -1000) {
    v *= 2 ** -1000;
    exp += 1000;
  }
  v *= 2 ** exp;
  return neg ? -v : v;
}

/**
 * string2d: strtod over the whole string, refusing empty strings, a leading space, trailing
 * characters, NaN, and overflow/underflow to ±HUGE_VAL or zero.
 */
export function parseDouble(s: string): number | undefined {
  const e = errno();
  e.erange = false;
  const n = s.length;
  if (n === 0 || isSpace(s.charCodeAt(0))) return undefined;
  // Fast path: plain decimal digits with an optional '-' and one '.'.
  let plain = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c === 45 && i === 0) || c === 46)) {
      plain = false;
      break;
    }
  }
  let v: number;
  if (plain) {
    v = Number(s);
    if (Number.isNaN(v)) {
      if (strtodPrefixEnd(s, 0) !== n) return undefined;
      v = strtodValue(s);
    }
  } else {
    if (strtodPrefixEnd(s, 0) !== n) return undefined;
    v = strtodValue(s);
  }
  if (Number.isNaN(v)) return undefined;
  if (!plain || v === 0 || Math.abs(v) < 2.2250738585072014e-308) e.erange = strtodRange(s, v);
  if (!Number.isFinite(v) && !/inf/i.test(s)) return undefined; // ERANGE overflow
  if (v === 0 && decimalMantissaNonZero(s)) return undefined; // ERANGE underflow to zero
  return v;
}

/** True when a numeric string has a non-zero digit in its mantissa (so a zero result underflowed). */
function decimalMantissaNonZero(s: string): boolean {
  let i = 0;
  if (s[i] === "+" || s[i] === "-") i++;
  if (s[i] === "0" && (s[i + 1] === "x" || s[i + 1] === "X")) {
    const p = s.search(/[pP]/);
    return /[1-9a-fA-F]/.test(s.slice(i + 2, p < 0 ? undefined : p));
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === "e" || c === "E") return false;
    if (c >= "1" && c <= "9") return true;
  }
  return false;
}

/** The prefix length strtod would read (for callers that accept trailing text, like SORT). */
export function strtodPrefix(s: string): { value: number; end: number } {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  const end = strtodPrefixEnd(s, i);
  if (end === i) return { value: 0, end: 0 };
  const text = s.slice(i, end);
  const value = strtodValue(text);
  // A bare strtod: ERANGE is set on overflow or underflow, never cleared.
  if (strtodRange(text, value)) errno().erange = true;
  return { value, end };
}

const POW2_53 = 2 ** 53;

/**
 * Redis 7.0's d2string / addReplyDouble for RESP2: "inf", "-inf", "nan", integers inside ±2^52
 * through the integer printer, everything else with `%.17g`.
 */
export function formatDouble(d: number): string {
  if (Number.isInteger(d) && d > -POW2_53 && d < POW2_53) return d === 0 ? (Object.is(d, -0) ? "-0" : "0") : String(d);
  if (d === Infinity) return "inf";
  if (d === -Infinity) return "-inf";
  if (Number.isNaN(d)) return "nan";
  return formatG17(d);
}

/** C's printf("%.17g", d) for a finite double, rounding the exact binary value half to even. */
export function formatG17(d: number): string {
  if (d === 0) return Object.is(d, -0) ? "-0" : "0";
  let digits: string;
  let exp: number;
  const p18 = Math.abs(d).toExponential(17); // 18 significant digits: enough to see a tie
  if (p18[17] === "5" || p18[18] === "5") {
    ({ digits, exp } = exactSignificant(Math.abs(d), 17));
  } else {
    const e = Math.abs(d).toExponential(16);
    const [m, x] = e.split("e");
    digits = m.replace(".", "");
    exp = Number(x);
  }
  const sign = d < 0 ? "-" : "";
  // %g: scientific when exp < -4 or exp >= precision; trailing zeros removed.
  if (exp < -4 || exp >= 17) {
    let mant = digits[0] + "." + digits.slice(1);
    mant = mant.replace(/0+$/, "").replace(/\.$/, "");
    const es = Math.abs(exp) < 10 ? "0" + Math.abs(exp) : String(Math.abs(exp));
    return `${sign}${mant}e${exp < 0 ? "-" : "+"}${es}`;
  }
  let out: string;
  if (exp >= 0) {
    out = digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
  } else {
    out = "0." + "0".repeat(-exp - 1) + digits;
  }
  out = out.replace(/0+$/, "").replace(/\.$/, "");
  return sign + out;
}

/** The exact binary value of a positive double as bigint numerator over 2^shift. */
function exactParts(d: number): { num: bigint; shift: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, d);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const e = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (e === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = e - 1075;
  }
  return exp >= 0 ? { num: mant << BigInt(exp), shift: 0 } : { num: mant, shift: -exp };
}

/** `prec` significant decimal digits of a positive double, rounded half to even on its exact value. */
function exactSignificant(d: number, prec: number): { digits: string; exp: number } {
  const { num, shift } = exactParts(d);
  const den = 1n << BigInt(shift);
  // Decimal exponent estimate, then fix up.
  let exp = Math.floor(Math.log10(d));
  for (;;) {
    const scaleExp = prec - 1 - exp;
    let n = num;
    let q = den;
    if (scaleExp >= 0) n *= 10n ** BigInt(scaleExp);
    else q *= 10n ** BigInt(-scaleExp);
    let r = n / q;
    const rem = n - r * q;
    if (rem * 2n > q || (rem * 2n === q && (r & 1n) === 1n)) r += 1n;
    const s = r.toString();
    if (s.length === prec) return { digits: s, exp };
    if (s.length > prec) exp += 1;
    else exp -= 1;
  }
}
