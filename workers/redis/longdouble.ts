// x87 80-bit long doubles, as INCRBYFLOAT and HINCRBYFLOAT compute on x86-64 Redis: values are
// m * 2^e with a 64-bit mantissa, read by strtold (correctly rounded), added with one rounding
// (to nearest, ties to even), and printed with "%.17Lf" with trailing zeros trimmed
// (ld2string's LD_STR_HUMAN mode). Exact arithmetic on bigints keeps every step faithful.
import { errno } from "./errno.ts";

export type LongDouble =
  | { kind: "finite"; neg: boolean; m: bigint; e: number } // m == 0 or 2^63 <= m < 2^64
  | { kind: "inf"; neg: boolean }
  | { kind: "nan" };

/** Redis's MAX_LONG_DOUBLE_CHARS: longer strings are never read as numbers. */
export const MAX_LONG_DOUBLE_CHARS = 5 * 1024;

const TWO63 = 1n << 63n;
const TWO64 = 1n << 64n;
// Exponent limits of the 80-bit format, in this m * 2^e form.
const MAX_E = 16384 - 64;
const MIN_E = -16382 - 63 - 63; // smallest denormal neighbourhood; below it values round to zero

const ZERO: LongDouble = { kind: "finite", neg: false, m: 0n, e: 0 };

/** Round a positive rational num/den to a long double (64-bit mantissa, ties to even). */
function roundRational(neg: boolean, num: bigint, den: bigint): LongDouble {
  if (num === 0n) return { kind: "finite", neg, m: 0n, e: 0 };
  // Pick k so that 2^63 <= num * 2^k / den < 2^64.
  const k = 63 - (bitLength(num) - bitLength(den));
  let n = num;
  let d = den;
  if (k >= 0) n <<= BigInt(k);
  else d <<= BigInt(-k);
  let kk = k;
  if (n / d < TWO63) {
    n <<= 1n;
    kk += 1;
  }
  let q = n / d;
  const rem = n - q * d;
  if (rem * 2n > d || (rem * 2n === d && (q & 1n) === 1n)) q += 1n;
  if (q === TWO64) {
    q >>= 1n;
    kk -= 1;
  }
  const e = -kk;
  if (e > MAX_E) return { kind: "inf", neg };
  if (e < MIN_E) return { kind: "finite", neg, m: 0n, e: 0 };
  return { kind: "finite", neg, m: q, e };
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * string2ld: strtold over the whole string; refuses "", a leading space, trailing text, NaN,
 * and results that overflow to ±HUGE_VALL or underflow to zero.
 */
export function parseLongDouble(s: string): LongDouble | undefined {
  if (s.length === 0 || s.length >= MAX_LONG_DOUBLE_CHARS) return undefined;
  const e = errno();
  e.erange = false;
  const v = strtold(s);
  if (v === "erange") {
    e.erange = true;
    return undefined;
  }
  return v;
}

function strtold(s: string): LongDouble | undefined | "erange" {
  if (isSpace(s.charCodeAt(0))) return undefined;
  let i = 0;
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    i = 1;
  }
  const rest = s.slice(i).toLowerCase();
  if (rest === "inf" || rest === "infinity") return { kind: "inf", neg };
  if (rest.startsWith("nan")) return undefined;
  if (rest.startsWith("0x")) return parseHex(neg, s.slice(i + 2));
  // Decimal: digits [. digits] [e [+-] digits]
  let j = i;
  let digits = "";
  let fracDigits = 0;
  while (j < s.length && s[j] >= "0" && s[j] <= "9") digits += s[j++];
  if (s[j] === ".") {
    j++;
    while (j < s.length && s[j] >= "0" && s[j] <= "9") {
      digits += s[j++];
      fracDigits++;
    }
  }
  if (digits.length === 0) return undefined;
  let exp10 = 0;
  if (s[j] === "e" || s[j] === "E") {
    let k = j + 1;
    let eneg = false;
    if (s[k] === "+" || s[k] === "-") {
      eneg = s[k] === "-";
      k++;
    }
    const start = k;
    while (k < s.length && s[k] >= "0" && s[k] <= "9") k++;
    if (k > start) {
      const ev = s.slice(start, k).replace(/^0+/, "");
      exp10 = ev.length > 6 ? 1e7 : Number(ev || "0");
      if (eneg) exp10 = -exp10;
      j = k;
    }
  }
  if (j !== s.length) return undefined;
  const D = BigInt(digits);
  if (D === 0n) return { kind: "finite", neg, m: 0n, e: 0 };
  const e10 = exp10 - fracDigits;
  const magnitude = digits.replace(/^0+/, "").length + e10;
  if (magnitude > 4940) return "erange"; // overflow to HUGE_VALL
  if (magnitude < -4960) return "erange"; // underflow to zero
  const v = e10 >= 0 ? roundRational(neg, D * 10n ** BigInt(e10), 1n) : roundRational(neg, D, 10n ** BigInt(-e10));
  if (v.kind === "inf") return "erange";
  if (v.kind === "finite" && v.m === 0n) return "erange";
  return v;
}

function parseHex(neg: boolean, body: string): LongDouble | undefined | "erange" {
  const m = /^([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/.exec(body);
  if (!m || (m[1] + (m[2] ?? "")).length === 0) return undefined;
  const hex = m[1] + (m[2] ?? "");
  let e2 = (m[3] ? Number(m[3]) : 0) - 4 * (m[2]?.length ?? 0);
  const M = BigInt("0x" + hex);
  if (M === 0n) return { kind: "finite", neg, m: 0n, e: 0 };
  if (Math.abs(e2) > 20000) return undefined;
  let v: LongDouble;
  if (e2 >= 0) v = roundRational(neg, M << BigInt(e2), 1n);
  else {
    e2 = -e2;
    v = roundRational(neg, M, 1n << BigInt(e2));
  }
  if (v.kind === "inf" || (v.kind === "finite" && v.m === 0n)) return "erange";
  return v;
}

/** (long double) of a 64-bit integer: exact below 2^64. */
export function longDoubleFromBigInt(v: bigint): LongDouble {
  if (v === 0n) return ZERO;
  return roundRational(v < 0n, v < 0n ? -v : v, 1n);
}

export function isFiniteLD(v: LongDouble): v is Extract<LongDouble, { kind: "finite" }> {
  return v.kind === "finite";
}

/** a + b, rounded once, as the FPU does it. */
export function addLD(a: LongDouble, b: LongDouble): LongDouble {
  if (a.kind === "nan" || b.kind === "nan") return { kind: "nan" };
  if (a.kind === "inf" && b.kind === "inf") return a.neg === b.neg ? a : { kind: "nan" };
  if (a.kind === "inf") return a;
  if (b.kind === "inf") return b;
  if (a.m === 0n) return b.m === 0n ? { kind: "finite", neg: a.neg && b.neg, m: 0n, e: 0 } : b;
  if (b.m === 0n) return a;
  // Exact sum over a common exponent; a far smaller addend only matters as a sticky bit.
  const hi = a.e >= b.e ? a : b;
  const lo = a.e >= b.e ? b : a;
  const diff = hi.e - lo.e;
  let e = lo.e;
  let loM = lo.m;
  if (diff > 200) {
    // Scale the small one down to a sticky bit below the big one's guard bits.
    e = hi.e - 200;
    loM = 1n;
  }
  const sa = (hi.neg ? -hi.m : hi.m) << BigInt(hi.e - e);
  const sb = lo.neg ? -loM : loM;
  const sum = sa + sb;
  if (sum === 0n) return { kind: "finite", neg: false, m: 0n, e: 0 };
  const neg = sum < 0n;
  const abs = neg ? -sum : sum;
  return e >= 0 ? roundRational(neg, abs << BigInt(e), 1n) : roundRational(neg, abs, 1n << BigInt(-e));
}

/** printf("%.17Lf") with trailing zeros (and a bare '.') removed, "-0" as "0": ld2string HUMAN. */
export function formatLongDoubleHuman(v: LongDouble): string {
  if (v.kind === "nan") return "nan";
  if (v.kind === "inf") return v.neg ? "-inf" : "inf";
  const scale = 10n ** 17n;
  let n: bigint;
  if (v.e >= 0) n = (v.m << BigInt(v.e)) * scale;
  else {
    const num = v.m * scale;
    const den = 1n << BigInt(-v.e);
    n = num / den;
    const rem = num - n * den;
    if (rem * 2n > den || (rem * 2n === den && (n & 1n) === 1n)) n += 1n;
  }
  const s = n.toString().padStart(18, "0");
  const int = s.slice(0, -17);
  const frac = s.slice(-17).replace(/0+$/, "");
  const body = frac.length ? `${int}.${frac}` : int;
  if (body === "0") return "0";
  return v.neg ? "-" + body : body;
}

const LLONG_MIN = -(1n << 63n);

/**
 * `(long long) ceill(v * 1000.0)`: seconds to milliseconds as getTimeoutFromObjectOrReply does it
 * (timeout.c). The product is rounded to a long double first, so "-0.001" seconds is a hair
 * above -1 ms and ceils to 0 (no timeout: block forever), and "0.0001" ceils up to 1 ms. A value
 * the conversion cannot hold (infinity, 2^63 and beyond) is x87's "integer indefinite", LLONG_MIN.
 */
export function ceilMillis(v: LongDouble): bigint {
  if (v.kind !== "finite") return LLONG_MIN;
  if (v.m === 0n) return 0n;
  const num = v.m * 1000n;
  const p = v.e >= 0 ? roundRational(v.neg, num << BigInt(v.e), 1n) : roundRational(v.neg, num, 1n << BigInt(-v.e));
  if (p.kind !== "finite") return LLONG_MIN;
  let whole: bigint;
  if (p.e >= 0) whole = p.m << BigInt(p.e);
  else {
    const shift = BigInt(-p.e);
    // Toward +infinity: a positive fraction rounds up, a negative one is cut off.
    whole = p.neg ? p.m >> shift : (p.m + (1n << shift) - 1n) >> shift;
  }
  const signed = p.neg ? -whole : whole;
  return signed >= -LLONG_MIN || signed < LLONG_MIN ? LLONG_MIN : signed;
}

/** The nearest double (for timeouts and the like). */
export function longDoubleToNumber(v: LongDouble): number {
  if (v.kind === "nan") return NaN;
  if (v.kind === "inf") return v.neg ? -Infinity : Infinity;
  const x = Number(v.m) * 2 ** v.e;
  return v.neg ? -x : x;
}
