// Seeded random stream commands (XADD ... XINFO) over two stream keys and a string key, with
// valid and invalid IDs, options in and out of order, and a few transactions, for the streams'
// differential test. IDs are explicit (or "<ms>-*") so both servers make the same ones;
// reply parts that depend on the clock (idle and delivery times) are blanked by timeFree().
import { Prng } from "../../shared/prng.ts";
import type { Resp } from "./real-redis.ts";
import { Pick } from "./random-stream.ts";

const KEYS = ["s1", "s2", "str"];
const CONSUMERS = ["alice", "bob", "carol"];
/** IDs that parse (and some that do not), for ranges, XDEL, XACK, XCLAIM... */
const IDS = ["0", "0-0", "1", "1-1", "2-0", "3", "3-5", "5-0", "7-1", "10", "12-3", "-", "+", "(2-0", "(5", "(0-0", "abc", "1-", "-1", " 5", "007", "18446744073709551615-18446744073709551615", "1-18446744073709551615", "(18446744073709551615-18446744073709551615", "4-*"];
const COUNTS = ["0", "1", "2", "3", "10", "-1", "abc", "100"];
const FIELDS = ["f", "g", "1", "long-field-name", ""];
const VALUES = ["v", "1", "", "x y", "12345678901234567890", "-3"];

export class StreamPick extends Pick {
  /** The next millisecond part for an XADD that should succeed: both servers grow their streams alike. */
  private ms = 0;
  nextId(): string {
    this.ms += 1 + this.prng.below(3);
    return this.chance(0.3) ? `${this.ms}-*` : `${this.ms}-${this.prng.below(3)}`;
  }
  skey(): string {
    return this.chance(0.9) ? this.of(KEYS.slice(0, 2)) : "str";
  }
  id(): string {
    return this.of(IDS);
  }
  /** Mostly the group every segment starts with, so that group commands mostly find it. */
  group(): string {
    const x = this.prng.next();
    return x < 0.75 ? "g1" : x < 0.95 ? "g2" : "nogroup";
  }
  pairs(): string[] {
    const n = this.chance(0.1) ? 0 : 1 + this.prng.below(3);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.of(FIELDS), this.of(VALUES));
    if (this.chance(0.05)) out.push("odd");
    return out;
  }
  trim(): string[] {
    const strategy = this.of(["MAXLEN", "MINID", "maxlen"]);
    const arg = strategy.toUpperCase() === "MAXLEN" ? this.of(["0", "1", "2", "5", "-1", "abc", "10"]) : this.id();
    const approx = this.chance(0.4) ? [this.of(["~", "=", "~"])] : [];
    const limit = this.chance(0.2) ? ["LIMIT", this.of(["0", "1", "3", "-1", "abc"])] : [];
    return [strategy, ...approx, arg, ...limit];
  }
}

type Gen = (r: StreamPick) => string[];

const GENS: [number, Gen][] = [
  [10, (r) => ["XADD", r.skey(), ...(r.chance(0.2) ? r.trim() : []), ...(r.chance(0.1) ? ["NOMKSTREAM"] : []), r.chance(0.85) ? r.nextId() : r.id(), ...r.pairs()]],
  [2, (r) => ["XLEN", r.skey()]],
  [4, (r) => ["XRANGE", r.skey(), r.id(), r.id(), ...(r.chance(0.4) ? ["COUNT", r.of(COUNTS)] : [])]],
  [3, (r) => ["XREVRANGE", r.skey(), r.id(), r.id(), ...(r.chance(0.4) ? ["COUNT", r.of(COUNTS)] : [])]],
  [2, (r) => ["XDEL", r.skey(), ...r.some(IDS, 1, 3)]],
  [2, (r) => ["XTRIM", r.skey(), ...(r.chance(0.9) ? r.trim() : ["LIMIT", "1"])]],
  [1, (r) => ["XSETID", r.skey(), r.of([...IDS, "100-0", "999-9"]), ...r.opts([["ENTRIESADDED", r.of(["0", "5", "100", "-1"])], ["MAXDELETEDID", r.id()]], 0.3)]],
  [3, (r) => ["XGROUP", "CREATE", r.skey(), r.group(), r.of(["$", "0", "3-0", "+", "abc"]), ...r.opts([["MKSTREAM"], ["ENTRIESREAD", r.of(["0", "2", "-1", "-5", "x"])]], 0.3)]],
  [1, (r) => ["XGROUP", "SETID", r.skey(), r.group(), r.of(["$", "0", "3-0", "-", "+", "abc"]), ...r.opts([["ENTRIESREAD", r.of(["0", "2", "-1"])]], 0.3)]],
  [1, (r) => ["XGROUP", "DESTROY", r.skey(), r.chance(0.3) ? "g1" : "g2"]],
  [1, (r) => ["XGROUP", r.of(["CREATECONSUMER", "DELCONSUMER"]), r.skey(), r.group(), r.of(CONSUMERS)]],
  [1, (r) => ["XGROUP", r.of(["HELP", "FOO", "CREATE"]), ...(r.chance(0.5) ? [r.skey(), r.group()] : [])]],
  [6, (r) => ["XREADGROUP", "GROUP", r.group(), r.of(CONSUMERS), ...r.opts([["COUNT", r.of(COUNTS)], ["NOACK"]], 0.3), "STREAMS", ...streams(r, [">", ">", ">", "0", "2-0", "$"])]],
  [3, (r) => ["XREAD", ...r.opts([["COUNT", r.of(COUNTS)], ["NOACK"], ["GROUP", "g1", "c"]], 0.15), "STREAMS", ...streams(r, ["0", "$", "3-0", ">", "abc"])]],
  [4, (r) => ["XACK", r.skey(), r.group(), ...r.some(IDS, 1, 3)]],
  [3, (r) => ["XPENDING", r.skey(), r.group(), ...(r.chance(0.6) ? [...(r.chance(0.3) ? ["IDLE", r.of(["0", "100000000", "x"])] : []), r.id(), r.id(), r.of(COUNTS), ...(r.chance(0.4) ? [r.of(CONSUMERS)] : [])] : [])]],
  [
    3,
    (r) => [
      "XCLAIM",
      r.skey(),
      r.group(),
      r.of(CONSUMERS),
      r.of(["0", "100000000", "-5", "x"]),
      ...r.some(IDS.slice(0, 12), 1, 3),
      ...r.opts([["JUSTID"], ["FORCE"], ["RETRYCOUNT", r.of(["0", "5", "x"])], ["IDLE", "200000000"], ["TIME", "1"], ["LASTID", r.id()], ["BOGUS"]], 0.2),
    ],
  ],
  [2, (r) => ["XAUTOCLAIM", r.skey(), r.group(), r.of(CONSUMERS), r.of(["0", "100000000", "x"]), r.id(), ...r.opts([["COUNT", r.of(["1", "2", "0", "x"])], ["JUSTID"]], 0.3)]],
  [2, (r) => ["XINFO", "STREAM", r.skey(), ...(r.chance(0.5) ? ["FULL", ...(r.chance(0.5) ? ["COUNT", r.of(["0", "1", "2", "-1"])] : [])] : [])]],
  [2, (r) => ["XINFO", "GROUPS", r.skey()]],
  [2, (r) => ["XINFO", "CONSUMERS", r.skey(), r.group()]],
  [1, (r) => r.of([["XINFO", "HELP"], ["XINFO", "FOO", "s1"], ["XINFO", "STREAM", "s1", "FULL", "COUNT"]])],
  [1, (r) => (r.chance(0.25) ? ["OBJECT", "ENCODING", r.skey()] : [r.of(["TYPE", "DEL", "EXISTS"]), r.skey()])],
  [1, (r) => ["SET", "str", r.of(VALUES)]],
  [1, (r) => ["XGROUP", "CREATE", r.skey(), r.group(), r.of(["0", "$"])]],
  [1, (r) => ["COPY", r.skey(), r.skey(), "REPLACE"]],
  [2, (r) => ["MEMORY", "USAGE", r.skey(), ...(r.chance(0.3) ? ["SAMPLES", r.of(["0", "1", "2"])] : [])]],
];

function streams(r: StreamPick, ids: string[]): string[] {
  const keys = r.some(["s1", "s2", "str", "s1"], 1, 2);
  const out = [...keys, ...keys.map(() => r.of(ids))];
  if (r.chance(0.05)) out.pop();
  return out;
}

const TOTAL = GENS.reduce((n, [w]) => n + w, 0);

export function randomStreamCommand(r: StreamPick): string[] {
  let roll = r.prng.below(TOTAL);
  for (const [w, gen] of GENS) {
    if (roll < w) return gen(r);
    roll -= w;
  }
  throw new Error("unreachable");
}

/** Segments of commands, each starting with FLUSHALL and a node size (small ones make many nodes). */
export function randomStreamScript(seed: number, segments: number, length: number): string[][] {
  const r = new StreamPick(new Prng(seed));
  const out: string[][] = [];
  for (let s = 0; s < segments; s++) {
    out.push(["FLUSHALL"], ["CONFIG", "SET", "stream-node-max-entries", r.of(["2", "3", "100", "0"])]);
    out.push(["XGROUP", "CREATE", "s1", "g1", "0", "MKSTREAM"], ["XGROUP", "CREATE", "s2", "g1", "0", "MKSTREAM"], ["XGROUP", "CREATE", "s1", "g2", "$"]);
    for (let k = 0; k < length; k++) {
      if (r.chance(0.03)) out.push(["MULTI"], randomStreamCommand(r), randomStreamCommand(r), ["EXEC"]);
      else out.push(randomStreamCommand(r));
    }
  }
  return out;
}

/** Whether a reply part is a clock reading: blanked so that the two servers' clocks need not agree. */
const BLANK: Resp = { t: "bulk", v: "<time>" };

/** The reply with its times blanked: XPENDING's idle, XINFO CONSUMERS' idle, XINFO STREAM FULL's seen and delivery times. */
export function timeFree(r: Resp, args: string[]): Resp {
  const name = args[0].toUpperCase();
  const sub = (args[1] ?? "").toUpperCase();
  if (r.t !== "array" || r.v === null) return r;
  if (name === "XPENDING" && args.length > 3) return { t: "array", v: r.v.map((x) => (x.t === "array" && x.v ? { t: "array", v: x.v.map((y, i) => (i === 2 ? BLANK : y)) } : x)) };
  if (name === "XINFO" && sub === "CONSUMERS") return { t: "array", v: r.v.map((x) => blankAfter(x, "idle")) };
  if (name === "XINFO" && sub === "STREAM" && args.length > 3) return blankDeep(r);
  return r;
}

function blankAfter(r: Resp, field: string): Resp {
  if (r.t !== "array" || r.v === null) return r;
  return { t: "array", v: r.v.map((x, i) => (i > 0 && r.v![i - 1].t === "bulk" && r.v![i - 1].v === field ? BLANK : x)) };
}

/** XINFO STREAM FULL: seen-time values, and the time in every PEL row ([id, name, time, count] or [id, time, count]). */
function blankDeep(r: Resp): Resp {
  if (r.t !== "array" || r.v === null) return r;
  const v = r.v;
  const isPelRow = (v.length === 4 && v[2].t === "int" && v[3].t === "int") || (v.length === 3 && v[0].t === "bulk" && v[1].t === "int" && v[2].t === "int");
  if (isPelRow) return { t: "array", v: v.map((x, i) => (i === v.length - 2 ? BLANK : x)) };
  return blankAfter({ t: "array", v: v.map(blankDeep) }, "seen-time");
}
