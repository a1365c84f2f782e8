// CONFIG GET / SET (config.c): the parameters tools ask about and those the engine obeys, each
// server with its own values. The encoding thresholds are live, as in Redis: after
// CONFIG SET hash-max-listpack-entries 4 the next write that grows a hash past 4 fields
// converts it. Redis's test suite leans on this (it lowers the thresholds to test both
// encodings of every type, under the old ziplist names, which Redis 7.0 keeps as aliases).
// The stores read the thresholds through limit(), like errno.ts: the dispatcher selects the
// server's config as each command starts.
import { parseLL } from "./numbers.ts";
import { DATABASES } from "./keyspace.ts";
import { eventClasses, eventFlags } from "./notify.ts";

type Kind =
  | { type: "int"; min: bigint; max: bigint } // createIntConfig & co., INTEGER_CONFIG: string2ll
  | { type: "memory"; min: bigint; max: bigint } // MEMORY_CONFIG: memtoull, "1mb" and the like
  | { type: "bool" }
  | { type: "enum"; values: string[] }
  | { type: "string" }
  | { type: "notify" } // notify-keyspace-events: event classes, shown normalized
  | { type: "immutable" };

interface Param {
  name: string;
  alias?: string;
  kind: Kind;
  initial: string;
}

const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;
const LONG_MAX = 9223372036854775807n;
const ULLONG_MAX = 18446744073709551615n;
const int = (min: bigint, max: bigint): Kind => ({ type: "int", min, max });
const memory = (min: bigint, max: bigint): Kind => ({ type: "memory", min, max });
const bool: Kind = { type: "bool" };
const string: Kind = { type: "string" };

// Redis 7.0's names, aliases, ranges and defaults (save and bind as the engine runs: no RDB
// snapshots, loopback only).
const PARAMS: Param[] = [
  { name: "save", kind: string, initial: "" },
  { name: "appendonly", kind: bool, initial: "no" },
  { name: "databases", kind: { type: "immutable" }, initial: String(DATABASES) },
  { name: "maxmemory", kind: memory(0n, ULLONG_MAX), initial: "0" },
  {
    name: "maxmemory-policy",
    kind: {
      type: "enum",
      values: ["volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"],
    },
    initial: "noeviction",
  },
  { name: "hz", kind: int(0n, INT_MAX), initial: "10" },
  { name: "timeout", kind: int(0n, INT_MAX), initial: "0" },
  { name: "port", kind: { type: "immutable" }, initial: "6379" },
  { name: "bind", kind: { type: "immutable" }, initial: "" },
  { name: "tcp-keepalive", kind: int(0n, INT_MAX), initial: "300" },
  { name: "notify-keyspace-events", kind: { type: "notify" }, initial: "" },
  { name: "proto-max-bulk-len", kind: memory(1024n * 1024n, LONG_MAX), initial: "536870912" },
  { name: "set-max-intset-entries", kind: int(0n, LONG_MAX), initial: "512" },
  { name: "zset-max-listpack-entries", alias: "zset-max-ziplist-entries", kind: int(0n, LONG_MAX), initial: "128" },
  { name: "zset-max-listpack-value", alias: "zset-max-ziplist-value", kind: memory(0n, LONG_MAX), initial: "64" },
  { name: "hash-max-listpack-entries", alias: "hash-max-ziplist-entries", kind: int(0n, LONG_MAX), initial: "512" },
  { name: "hash-max-listpack-value", alias: "hash-max-ziplist-value", kind: memory(0n, LONG_MAX), initial: "64" },
  // A list is a quicklist whatever these say (Redis 7.0 has no listpack-encoded lists); kept so
  // that scripts written for Redis can set them.
  { name: "list-max-listpack-size", alias: "list-max-ziplist-size", kind: int(INT_MIN, INT_MAX), initial: "-2" },
  { name: "list-compress-depth", kind: int(0n, INT_MAX), initial: "0" },
  { name: "stream-node-max-bytes", kind: memory(0n, LONG_MAX), initial: "4096" },
  { name: "stream-node-max-entries", kind: int(0n, LONG_MAX), initial: "100" },
  { name: "lazyfree-lazy-expire", kind: bool, initial: "no" },
  { name: "lazyfree-lazy-user-del", kind: bool, initial: "no" },
  { name: "lazyfree-lazy-user-flush", kind: bool, initial: "no" },
  { name: "lazyfree-lazy-server-del", kind: bool, initial: "no" },
];

const BY_NAME = new Map<string, Param>();
for (const p of PARAMS) {
  BY_NAME.set(p.name, p);
  if (p.alias) BY_NAME.set(p.alias, p);
}

/** memtoull: digits, then an optional unit (k=1000, kb=1024 ... gb); wraps as unsigned long long. */
function memtoull(s: string): bigint | undefined {
  const m = /^([0-9]*)(b|k|kb|m|mb|g|gb)?$/i.exec(s);
  if (m === null || m[1].length >= 128) return undefined;
  const unit = (m[2] ?? "b").toLowerCase();
  const mul = { b: 1n, k: 1000n, kb: 1024n, m: 1000n ** 2n, mb: 1024n ** 2n, g: 1000n ** 3n, gb: 1024n ** 3n }[unit]!;
  const digits = m[1] === "" ? 0n : BigInt(m[1]);
  return ((digits > ULLONG_MAX ? ULLONG_MAX : digits) * mul) & ULLONG_MAX;
}

/** The value as CONFIG GET shows it, or an error text (after "CONFIG SET failed ... - "). */
function parse(p: Param, raw: string): string | { error: string } {
  const k = p.kind;
  switch (k.type) {
    case "immutable":
      return { error: "can't set immutable config" };
    case "string":
      return raw;
    case "notify": {
      const flags = eventFlags(raw);
      return flags === undefined ? { error: "Invalid event class character. Use 'Ag$lshzxeKEtmdn'." } : eventClasses(flags);
    }
    case "bool": {
      const v = raw.toLowerCase();
      return v === "yes" || v === "no" ? v : { error: "argument must be 'yes' or 'no'" };
    }
    case "enum": {
      const v = raw.toLowerCase();
      return k.values.includes(v) ? v : { error: `argument(s) must be one of the following: ${k.values.join(", ")}` };
    }
    case "int":
    case "memory": {
      let v: bigint | undefined;
      if (k.type === "int") v = parseLL(raw);
      else {
        v = memtoull(raw);
        // An unsigned config takes the whole range; the signed ones read it back as long long.
        if (v !== undefined && k.max !== ULLONG_MAX && v > LONG_MAX) v -= ULLONG_MAX + 1n;
      }
      if (v === undefined) return { error: k.type === "int" ? "argument couldn't be parsed into an integer" : "argument must be a memory value" };
      if (v < k.min || v > k.max) return { error: `argument must be between ${k.min} and ${k.max} inclusive` };
      return String(v);
    }
  }
}

export class ServerConfig {
  private readonly values = new Map<string, string>(PARAMS.map((p) => [p.name, p.initial]));
  /** The numeric parameters, read on every write that may convert an encoding. */
  private readonly numbers = new Map<string, number>();
  /** notify-keyspace-events as flags: read by every write and every miss, so kept in a field. */
  notifyFlags = 0;

  constructor() {
    for (const p of PARAMS) if (p.kind.type === "int" || p.kind.type === "memory") this.numbers.set(p.name, Number(p.initial));
    this.numbers.set("notify-keyspace-events", 0);
  }

  /**
   * CONFIG GET: [name, value] pairs. A name without glob characters is looked up (any letter
   * case, aliases too) and answered as written; a pattern matches names and aliases alike.
   */
  get(patterns: string[], match: (pattern: string, name: string) => boolean): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    const add = (name: string, p: Param) => {
      if (seen.has(name.toLowerCase())) return;
      seen.add(name.toLowerCase());
      out.push(name, this.values.get(p.name)!);
    };
    for (const pattern of patterns) {
      if (!/[[*?]/.test(pattern)) {
        const p = BY_NAME.get(pattern.toLowerCase());
        if (p !== undefined) add(pattern, p);
        continue;
      }
      for (const p of PARAMS) for (const name of p.alias ? [p.name, p.alias] : [p.name]) if (match(pattern, name)) add(name, p);
    }
    return out;
  }

  /**
   * CONFIG SET: all or nothing, as Redis checks every pair before applying any. Returns the
   * error text, or undefined when applied. An unknown name is quoted as written, the others
   * lowercased, as Redis lowercases them once it knows them.
   */
  set(pairs: [string, string][]): string | undefined {
    const seen = new Set<string>();
    const parsed: [Param, string, string][] = [];
    for (const [written, raw] of pairs) {
      const name = written.toLowerCase();
      const p = BY_NAME.get(name);
      if (p === undefined) return `ERR Unknown option or number of arguments for CONFIG SET - '${written}'`;
      const failed = (why: string) => `ERR CONFIG SET failed (possibly related to argument '${name}') - ${why}`;
      if (seen.has(name)) return failed("duplicate parameter");
      seen.add(name);
      const v = parse(p, raw);
      if (typeof v !== "string") return failed(v.error);
      parsed.push([p, v, raw]);
    }
    for (const [p, v, raw] of parsed) {
      this.values.set(p.name, v);
      // The classes as given: CONFIG GET's "A" hides n, which stays on.
      if (p.kind.type === "notify") {
        this.notifyFlags = eventFlags(raw)!;
        this.numbers.set(p.name, this.notifyFlags);
      }
      else if (this.numbers.has(p.name)) this.numbers.set(p.name, Number(v));
    }
    return undefined;
  }

  value(name: string): string {
    return this.values.get(name)!;
  }

  number(name: string): number {
    return this.numbers.get(name)!;
  }
}

let current = new ServerConfig();

/** Make this server's config the one limit() reads (called as each command starts). */
export function useConfig(c: ServerConfig): void {
  current = c;
}

export type Limit =
  | "hash-max-listpack-entries"
  | "hash-max-listpack-value"
  | "set-max-intset-entries"
  | "zset-max-listpack-entries"
  | "zset-max-listpack-value"
  | "proto-max-bulk-len"
  | "stream-node-max-bytes"
  | "stream-node-max-entries";

/** The current server's value of an encoding threshold or size limit. */
export function limit(name: Limit): number {
  return current.number(name);
}
