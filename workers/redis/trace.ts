// Trace events of the Redis engine (docs/architecture.md, "The trace and the playhead"): plain
// data, stamped with the engine's clock (playground.ts restamps them on the run's clock), emitted to the `trace` sink given to createRedis (nothing is built when there
// is no sink). Visualizations (hits and misses over time, keys with their TTL ticking down,
// messages fanned out to subscribers) render from these alone.

interface RedisTraceBase {
  /** The engine's clock (unix ms as given by `now`). */
  t: number;
  source: "redis";
}

export type RedisTraceBody =
  /** A connection was opened or closed (QUIT, close()). */
  | { kind: "connect"; conn: number }
  | { kind: "disconnect"; conn: number }
  /**
   * A command ran (or was queued inside MULTI, or refused before running). `key` is its first
   * key; `hit` says whether its first read of a key found it (absent for commands that read no
   * key); `error` is the error reply's text.
   */
  | {
      kind: "command";
      conn: number;
      db: number;
      name: string;
      args: string[];
      key?: string;
      hit?: boolean;
      queued?: boolean;
      error?: string;
    }
  /**
   * A key got an expiry (`at`, on the same clock as `t`: unix ms from the engine, run ms in a
   * lesson run) or lost it (`at` null: PERSIST, or a write that clears it).
   */
  | { kind: "expire"; db: number; key: string; at: number | null }
  /** A key was removed because its time had passed: on access (lazy) or by the active cycle. */
  | { kind: "expired"; db: number; key: string; how: "lazy" | "active" }
  /** PUBLISH: how many subscriptions received it. */
  | { kind: "publish"; conn: number; channel: string; receivers: number }
  /** One message handed to one subscriber (`pattern` when it matched a PSUBSCRIBE). */
  | { kind: "deliver"; conn: number; channel: string; pattern?: string }
  /** The lesson moved the clock forward (advanceTime): `t` is the moment before the jump. */
  | { kind: "advance"; ms: number }
  /** A blocking command (BLPOP...) parked the connection; `deadline` null blocks forever. */
  | { kind: "block"; conn: number; db: number; keys: string[]; deadline: number | null }
  /** The connection was released: served from `key`, timed out, or closed. */
  | { kind: "unblock"; conn: number; reason: "served" | "timeout" | "closed"; key?: string };

export type RedisTrace = RedisTraceBase & RedisTraceBody;

export type RedisTraceSink = (event: RedisTrace) => void;
