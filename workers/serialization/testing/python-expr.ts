// Builds a value from the small Python snippets the recordings give for pickle cases whose
// sharing a pyval cannot show ("a = [1, 2]; [a, a]", "l = []; l.append(l); l", "Point(1, 'a')"):
// literals, displays, - ** * +, a few builtins, assignment and .append. Test support only.
import { PyByteArray, PyComplex, PyDate, PyFloat, PyFrozenSet, PyInstance, PyTuple, intOut, type PyValue } from "../values.ts";

type Token = { kind: "num" | "str" | "bytes" | "name" | "op"; text: string; value?: PyValue };

const unescape = (body: string) =>
  body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|0|n|t|r|\\|'|")/g, (_, e: string) =>
    "xuU".includes(e[0]) ? String.fromCodePoint(parseInt(e.slice(1), 16)) : ({ n: "\n", t: "\t", r: "\r", "0": "\0" } as Record<string, string>)[e] ?? e,
  );

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+\.\d*(?:e[-+]?\d+)?|\d+e[-+]?\d+|\d+)|(b?)'((?:[^'\\]|\\.)*)'|([A-Za-z_][\w]*)|(\*\*|[-+*=;,()[\]{}:.]))/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < src.trimEnd().length && (m = re.exec(src))) {
    if (m[1] !== undefined) tokens.push({ kind: "num", text: m[1], value: /[.e]/.test(m[1]) ? new PyFloat(Number(m[1])) : intOut(BigInt(m[1])) });
    else if (m[3] !== undefined) {
      const text = unescape(m[3]);
      tokens.push(m[2] ? { kind: "bytes", text, value: Uint8Array.from(text, (c) => c.charCodeAt(0)) } : { kind: "str", text, value: text });
    } else if (m[4] !== undefined) tokens.push({ kind: "name", text: m[4] });
    else tokens.push({ kind: "op", text: m[5] });
  }
  return tokens;
}

const big = (v: PyValue) => (typeof v === "bigint" ? v : BigInt(v as number));
const items = (v: PyValue): PyValue[] => (v instanceof Uint8Array ? [...v].map(Number) : Array.isArray(v) ? [...v] : v instanceof PyTuple ? [...v.items] : [...(v as Set<PyValue>)]);

const BUILTINS: Record<string, (...args: PyValue[]) => PyValue> = {
  float: (x) => new PyFloat(typeof x === "string" ? Number(x.replace("inf", "Infinity")) : Number(x)),
  complex: (re, im) => new PyComplex(Number(re), Number(im)),
  frozenset: (x) => new PyFrozenSet(x === undefined ? [] : items(x)),
  set: (x) => new Set(x === undefined ? [] : items(x)),
  tuple: (x) => new PyTuple(x === undefined ? [] : items(x)),
  dict: () => new Map(),
  bytearray: (x) => new PyByteArray(x as Uint8Array),
  bytes: (x) => (typeof x === "number" || typeof x === "bigint" ? new Uint8Array(Number(x)) : Uint8Array.from(items(x) as number[])),
  range: (n) => Array.from({ length: Number(n) }, (_, i) => i),
  list: (x) => (x === undefined ? [] : items(x)),
  "datetime.date": (y, m, d) => new PyDate(Number(y), Number(m), Number(d)),
  Point: (x, y) => new PyInstance("__main__", "Point", { x, y }),
};

export function evaluatePython(source: string): PyValue {
  // Comments, and the recordings' trailing remarks in parentheses ("2**2100 (over 255 bytes)").
  const src = source.replace(/#.*$/, "").replace(/\s+\([^()]*\s[^()]*\)\s*$/, "");
  const tokens = tokenize(src);
  let at = 0;
  const env = new Map<string, PyValue>();
  const peek = (text: string) => tokens[at]?.kind === "op" && tokens[at].text === text;
  const take = (text?: string) => {
    const t = tokens[at++];
    if (text !== undefined && t?.text !== text) throw new Error(`expected ${text} in ${source}`);
    return t;
  };
  function list(close: string): PyValue[] {
    const out: PyValue[] = [];
    while (!peek(close)) {
      out.push(expr());
      if (!peek(close)) take(",");
    }
    take(close);
    return out;
  }
  function atom(): PyValue {
    const t = take();
    if (t.kind !== "op" && t.kind !== "name") return t.value!;
    if (t.text === "(") {
      const before = at;
      const inner = list(")");
      const trailingComma = tokens[at - 2]?.text === ",";
      return inner.length === 1 && !trailingComma && at - before > 1 ? inner[0] : new PyTuple(inner);
    }
    if (t.text === "[") return list("]");
    if (t.text === "{") {
      if (peek("}")) return take() && new Map();
      const first = expr();
      if (!peek(":")) return new Set([first, ...(peek(",") ? (take(), list("}")) : (take("}"), []))]);
      const map = new Map<PyValue, PyValue>();
      take(":");
      map.set(first, expr());
      while (peek(",")) {
        take();
        if (peek("}")) break;
        const k = expr();
        take(":");
        map.set(k, expr());
      }
      take("}");
      return map;
    }
    if (t.text === "-") return negate(power());
    if (t.text === "None") return null;
    if (t.text === "True" || t.text === "False") return t.text === "True";
    let name = t.text;
    while (peek(".") && tokens[at + 1]?.kind === "name" && tokens[at + 2]?.text === "(" && !env.has(name)) name += take() && "." + take().text;
    if (peek("(") && BUILTINS[name]) return take() && BUILTINS[name](...list(")"));
    if (peek(".") && env.has(name)) {
      take();
      const method = take().text;
      take("(");
      const [arg] = list(")");
      const target = env.get(name);
      if (method === "append") (target as PyValue[]).push(arg);
      else if (method === "extend") (target as PyValue[]).push(...items(arg));
      else if (method === "add") (target as Set<PyValue>).add(arg);
      else throw new Error(`no .${method} in ${source}`);
      return null;
    }
    if (!env.has(name)) throw new Error(`unknown name ${name} in ${source}`);
    return env.get(name)!;
  }
  function negate(v: PyValue): PyValue {
    if (v instanceof PyFloat) return new PyFloat(-v.value);
    return intOut(-big(v));
  }
  function power(): PyValue {
    const base = atom();
    if (!peek("**")) return base;
    take();
    const exp = tokens[at]?.text === "-" ? (take(), negate(power())) : power();
    return intOut(big(base) ** big(exp));
  }
  function term(): PyValue {
    let v = peek("-") ? (take(), negate(power())) : power();
    while (peek("*")) {
      take();
      const r = power();
      v =
        typeof v === "string"
          ? v.repeat(Number(r))
          : Array.isArray(v)
            ? Array.from({ length: Number(r) }, () => v as PyValue[]).flat()
            : v instanceof Uint8Array
              ? Uint8Array.from(Array.from({ length: Number(r) }, () => [...(v as Uint8Array)]).flat())
              : intOut(big(v) * big(r));
    }
    return v;
  }
  function expr(): PyValue {
    let v = term();
    while (peek("+") || peek("-")) {
      const minus = take().text === "-";
      const r = term();
      if (minus) v = v instanceof PyFloat || r instanceof PyFloat ? new PyFloat(Number(v) - Number(r)) : intOut(big(v) - big(r));
      else if (v instanceof Uint8Array) v = Uint8Array.from([...v, ...(r as Uint8Array)]);
      else if (Array.isArray(v)) v = [...v, ...(r as PyValue[])];
      else v = intOut(big(v) + big(r));
    }
    return v;
  }
  let result: PyValue = null;
  let lastAssigned: string | undefined;
  while (at < tokens.length) {
    if (tokens[at].kind === "name" && tokens[at + 1]?.text === "[" && env.has(tokens[at].text)) {
      // name[key] = value: a dict entry (a list index when the target is a list).
      const target = env.get(take().text);
      take("[");
      const key = expr();
      take("]");
      take("=");
      const value = expr();
      if (target instanceof Map) target.set(key, value);
      else (target as PyValue[])[Number(key)] = value;
      result = target!;
    } else if (tokens[at].kind === "name" && tokens[at + 1]?.text === "=") {
      lastAssigned = take().text;
      take("=");
      env.set(lastAssigned, expr());
      result = env.get(lastAssigned)!;
    } else {
      const isCall = tokens[at + 1]?.text === ".";
      const v = expr();
      result = isCall && lastAssigned ? env.get(lastAssigned)! : v;
    }
    if (peek(";")) take();
  }
  return result;
}
