// Python's repr() of the values values.ts models: what pickletools.dis prints for an argument,
// what json.dumps writes for a float, what the trace shows beside each byte.
import { PyByteArray, PyComplex, PyDate, PyFloat, PyFrozenSet, PyInstance, PyTuple, type PyValue } from "./values.ts";

/**
 * repr(float): the shortest digits that read back as the same double (JavaScript finds the same
 * ones), laid out as Python does — positional while the decimal exponent is in [-4, 16), with
 * '.0' on integral values; otherwise d.ddde±XX with at least two exponent digits.
 */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mantissa, exponent] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exp = Number(exponent);
  if (exp < -4 || exp >= 16) {
    const e = `${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
    return `${sign}${digits[0]}${digits.length > 1 ? "." + digits.slice(1) : ""}e${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const fraction = digits.slice(exp + 1);
  return `${sign}${whole}.${fraction || "0"}`;
}

/** Whether Python's str.isprintable() holds for a code point (repr keeps those as they are). */
function printable(cp: number): boolean {
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp === 0xad) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  const ch = String.fromCodePoint(cp);
  // Unicode categories Python counts as non-printable: Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs (but space).
  return !/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u.test(ch);
}

/** repr(str): single quotes unless the text has a ' and no ", escapes as CPython's unicode_repr. */
export function strRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    const ch = String.fromCodePoint(cp);
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x7f && cp >= 0x20) out += ch;
    else if (cp < 0x7f || (cp < 0x100 && !printable(cp))) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (printable(cp)) out += ch;
    else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return out + quote;
}

/** repr(bytes): b'…' with ASCII kept and the rest as \xNN. */
export function bytesRepr(bytes: Uint8Array): string {
  const hasSingle = bytes.includes(0x27);
  const quote = hasSingle && !bytes.includes(0x22) ? '"' : "'";
  let out = "b" + quote;
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (b < 0x20 || b >= 0x7f) out += "\\x" + b.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}

function entries(value: object): [PyValue, PyValue][] {
  return value instanceof Map ? [...value] : Object.entries(value);
}

export function repr(value: PyValue): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return Number.isInteger(value) && !Object.is(value, -0) ? String(value) : floatRepr(value);
  if (typeof value === "string") return strRepr(value);
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (value instanceof Uint8Array) return bytesRepr(value);
  if (value instanceof PyByteArray) return `bytearray(${bytesRepr(value.bytes)})`;
  if (value instanceof PyTuple) return value.items.length === 1 ? `(${repr(value.items[0])},)` : `(${value.items.map(repr).join(", ")})`;
  if (value instanceof PyFrozenSet) return value.items.length ? `frozenset({${value.items.map(repr).join(", ")}})` : "frozenset()";
  if (value instanceof PyComplex) return complexRepr(value);
  if (value instanceof PyDate) return `datetime.date(${value.year}, ${value.month}, ${value.day})`;
  if (value instanceof PyInstance) return `<${value.module}.${value.name} object>`;
  if (Array.isArray(value)) return `[${value.map(repr).join(", ")}]`;
  if (value instanceof Set) return value.size ? `{${[...value].map(repr).join(", ")}}` : "set()";
  return `{${entries(value).map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(", ")}}`;
}

function complexRepr({ real, imag }: PyComplex): string {
  // Python drops a zero real part (+0.0 only) and writes integral parts without '.0'.
  const part = (x: number) => {
    const r = floatRepr(x);
    return r.endsWith(".0") ? r.slice(0, -2) : r;
  };
  const im = part(imag) + "j";
  if (real === 0 && !Object.is(real, -0)) return im;
  return `(${part(real)}${im.startsWith("-") ? "" : "+"}${im})`;
}
