// What the caching picture needs from a run's trace: every GET as a hit or a miss with its
// round-trip latency, every Postgres statement with its duration, the jumps of the lesson clock
// (advanceTime), and the keys Redis held at any moment with their remaining TTL.
//
// Two clocks meet here. Every event is stamped with the run's clock; Redis keeps the lesson clock,
// which also counts the time advanceTime skipped, and its expiry deadlines are on that clock. The
// `advance` events (stamped before each jump) turn one into the other: the chart's x axis is the
// run clock, and the TTLs count down on the lesson clock.
import type { TraceEvent } from "../../../workers/trace";

type Of<S extends TraceEvent["source"], K extends string> = Extract<TraceEvent, { source: S; kind: K }>;

export interface CachePoint {
  /** On the run clock (ms since the run started). */
  t: number;
  kind: "hit" | "miss" | "query";
  key?: string;
  latencyMs: number;
  /** The statement, for queries. */
  text?: string;
}

export interface Advance {
  /** When it happened, on the run clock. */
  t: number;
  ms: number;
}

export interface KeyView {
  key: string;
  /** Remaining time to live in ms at the moment asked for; null: the key never expires. */
  ttlMs: number | null;
}

export interface KeyHistory {
  key: string;
  writes: number;
  deletes: number;
  expired: number;
}

export interface CacheRun {
  points: CachePoint[];
  advances: Advance[];
  /** The run clock's last event. */
  end: number;
  /** Redis events in order, each with its run time, for replaying the keyspace. */
  redis: { t: number; lessonT: number; event: Of<"redis", string> }[];
}

/** Commands that leave their key holding a value when they succeed (SET NX only if it was absent). */
const WRITES = new Set(["set", "setex", "psetex", "getset", "incr", "incrby", "decr", "decrby", "append", "hset", "lpush", "rpush", "sadd", "zadd"]);
const DELETES = new Set(["del", "unlink", "getdel"]);

export function readRun(trace: readonly TraceEvent[]): CacheRun {
  const points: CachePoint[] = [];
  const advances: Advance[] = [];
  const redis: CacheRun["redis"] = [];
  // A GET's outcome (the engine's command event) comes before its round trip (the client's
  // event, after the reply): one server, replies in order, so a queue per key pairs them.
  const outcomes = new Map<string, boolean[]>();
  let skipped = 0;
  let end = 0;

  for (const e of trace) {
    if (e.source === "redis") {
      const runT = e.t;
      end = Math.max(end, runT);
      redis.push({ t: runT, lessonT: e.t + skipped, event: e });
      if (e.kind === "advance") {
        advances.push({ t: runT, ms: e.ms });
        skipped += e.ms;
      } else if (e.kind === "command" && e.name === "get" && e.key !== undefined && !e.error) {
        (outcomes.get(e.key) ?? outcomes.set(e.key, []).get(e.key)!).push(e.hit === true);
      }
    } else if (e.source === "redis-client") {
      const runT = e.t;
      end = Math.max(end, runT + e.latencyMs);
      const hit = e.command === "GET" && e.key !== undefined && !e.error ? outcomes.get(e.key)?.shift() : undefined;
      if (hit !== undefined) points.push({ t: runT, kind: hit ? "hit" : "miss", key: e.key, latencyMs: e.latencyMs });
    } else if (e.source === "postgres") {
      end = Math.max(end, e.t + e.durationMs);
      points.push({ t: e.t, kind: "query", latencyMs: e.durationMs, text: e.text });
    } else {
      end = Math.max(end, e.t + ("durationMs" in e ? e.durationMs : 0));
    }
  }
  points.sort((a, b) => a.t - b.t);
  return { points, advances, end, redis };
}

/** The lesson clock at run time `t`: the run clock plus every jump made by then. */
export function lessonTime(run: CacheRun, t: number): number {
  return t + run.advances.filter((a) => a.t <= t).reduce((sum, a) => sum + a.ms, 0);
}

/** The keys Redis held at run time `t`, with their remaining TTL then, and what had happened to each key so far. */
export function keysAt(run: CacheRun, t: number): { keys: KeyView[]; history: KeyHistory[] } {
  const now = lessonTime(run, t);
  const alive = new Map<string, number | null>(); // key → deadline on the lesson clock, or null
  const history = new Map<string, KeyHistory>();
  const log = (key: string) => history.get(key) ?? history.set(key, { key, writes: 0, deletes: 0, expired: 0 }).get(key)!;
  const live = (key: string, at: number) => {
    const deadline = alive.get(key);
    return deadline !== undefined && (deadline === null || deadline > at);
  };
  // The engine reports a write's new expiry just before the write itself: hold it for the write.
  let expiry: { key: string; at: number | null } | null = null;
  for (const { t: runT, lessonT, event: e } of run.redis) {
    if (runT > t) break;
    if (e.kind === "command") {
      const set = expiry?.key === e.key ? expiry : null;
      expiry = null;
      if (e.error || e.queued) continue;
      if (WRITES.has(e.name) && e.key !== undefined) {
        const flag = (f: string) => e.args.some((a) => a.toUpperCase() === f);
        if (e.name === "set" && flag("NX") && live(e.key, lessonT)) continue; // refused: the key is there
        const fresh = !live(e.key, lessonT) || (e.name === "set" && !flag("KEEPTTL"));
        alive.set(e.key, set ? set.at : fresh ? null : alive.get(e.key)!);
        log(e.key).writes += 1;
      } else if (DELETES.has(e.name)) {
        for (const key of e.name === "getdel" ? e.args.slice(0, 1) : e.args) {
          if (live(key, lessonT)) log(key).deletes += 1;
          alive.delete(key);
        }
      } else if (e.name === "flushdb" || e.name === "flushall") {
        alive.clear();
      }
    } else if (e.kind === "expire") {
      expiry = { key: e.key, at: e.at };
      if (alive.has(e.key)) alive.set(e.key, e.at); // EXPIRE, PERSIST on a key already there
    } else if (e.kind === "expired") {
      alive.delete(e.key);
      log(e.key).expired += 1;
    }
  }
  const keys = [...alive]
    .filter(([, at]) => at === null || at > now) // past its deadline: gone, whether or not Redis has noticed yet
    .map(([key, at]) => ({ key, ttlMs: at === null ? null : at - now }))
    .sort((a, b) => a.key.localeCompare(b.key));
  return { keys, history: [...history.values()].sort((a, b) => a.key.localeCompare(b.key)) };
}

export interface LatencyRow {
  label: string;
  count: number;
  p50: number | null;
  p95: number | null;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summarize(run: CacheRun): LatencyRow[] {
  const row = (label: string, kind: CachePoint["kind"]) => {
    const values = run.points.filter((p) => p.kind === kind).map((p) => p.latencyMs).sort((a, b) => a - b);
    return { label, count: values.length, p50: percentile(values, 50), p95: percentile(values, 95) };
  };
  return [row("Cache hits (GET found the key)", "hit"), row("Cache misses (GET found nothing)", "miss"), row("Postgres statements", "query")];
}
