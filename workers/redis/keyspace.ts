// One numbered database: a Map from key to entry, each entry with its type, value and absolute
// expiry (unix ms on the engine's clock). Expiry is Redis's: a key past its time is deleted
// when a command touches it (lazy) or when the active cycle samples it (see expire.ts); until
// then it still counts in DBSIZE, as in Redis. The database also keeps who WATCHes which key and
// tells the server when a list or sorted set appears under a key a client blocks on.
import type { Prng } from "../shared/prng.ts";
import type { RSet } from "./set-store.ts";
import type { Stream } from "./stream-store.ts";
import type { ZSet } from "./zset-store.ts";

/** The command's time snapshot, read only when a key with an expiry is met. */
export interface Clock {
  time(): number;
}

/** Numbered databases, as Redis's default `databases 16`. */
export const DATABASES = 16;

export type RedisType = "string" | "list" | "hash" | "set" | "zset" | "stream";

export type Value = string | string[] | Map<string, string> | RSet | ZSet | Stream;

export class Entry {
  /** Absolute expiry in unix ms; 0 when the key has none (a live key never expires at 0). */
  expireAt = 0;
  /** Position in the database's array of keys with an expiry, or -1. */
  vIdx = -1;
  /**
   * A string's encoding when it is not the one SET would pick (tryObjectEncoding): "raw" after
   * APPEND or SETRANGE changed it in place, "embstr" for INCRBYFLOAT's results.
   */
  enc: "" | "raw" | "embstr" = "";
  /**
   * When a command last read or wrote the key (the robj's lru field, in unix ms here), for
   * OBJECT IDLETIME. Lookups that only peek (TTL, TYPE, EXISTS: LOOKUP_NOTOUCH) leave it.
   */
  lru = 0;
  constructor(
    readonly key: string,
    public type: RedisType,
    public value: Value,
    /** Insertion order, for SCAN cursors. */
    readonly seq: number,
  ) {}
}

/** A WATCHed key of one client: dirty once the key is modified (or expires) after WATCH. */
export interface Watcher {
  /** Marks the watching client's transaction as failed (CLIENT_DIRTY_CAS). */
  dirty(): void;
}

export interface WatchedKey {
  db: Db;
  key: string;
  watcher: Watcher;
  /** The key was already logically expired when WATCH ran. */
  expired: boolean;
}

export interface KeyspaceHooks {
  /** A key was removed because its time passed. */
  expired(db: Db, key: string, how: "lazy" | "active"): void;
  /** A list or sorted set was added under a key: blocked clients may be served. */
  keyReady(db: Db, key: string): void;
  /** A key was added (dbAdd: the "new" keyspace event). */
  added(db: Db, key: string): void;
  /** A key got an expiry or lost it (null). */
  expireChanged(db: Db, key: string, at: number | null): void;
  /** Keys with an expiry across all databases (kept by the databases, read by the cron). */
  volatileKeys: number;
  /** The command's time snapshot. */
  time(): number;
  /** Redis's LRU clock (server.lruclock): the time the last clock reading saw; new values are stamped with it. */
  readonly lruClock: number;
}

export class Db {
  map = new Map<string, Entry>();
  /** Entries with an expiry, for the active cycle's random sampling. */
  volatile: Entry[] = [];
  /** key -> watchers, only for keys somebody WATCHes. */
  readonly watched = new Map<string, Set<WatchedKey>>();
  /** Keys with clients blocked on them (BLPOP...), maintained by blocked.ts. */
  readonly blockingKeys = new Map<string, unknown[]>();
  private nextSeq = 1;

  constructor(
    readonly id: number,
    private readonly hooks: KeyspaceHooks,
  ) {}

  get size(): number {
    return this.map.size;
  }

  /** The entry if present and not past its time; an expired one is deleted (lazy expiry). */
  lookup(key: string, clock: Clock): Entry | undefined {
    const e = this.map.get(key);
    if (e === undefined) return undefined;
    if (e.expireAt !== 0 && e.expireAt < clock.time()) {
      this.expireEntry(e, "lazy");
      return undefined;
    }
    return e;
  }

  /** Whether the key exists but is past its time (keyIsExpired), without deleting it. */
  isExpired(key: string, now: number): boolean {
    const e = this.map.get(key);
    return e !== undefined && e.expireAt !== 0 && e.expireAt < now;
  }

  expireEntry(e: Entry, how: "lazy" | "active"): void {
    this.delete(e.key);
    this.touch(e.key);
    this.hooks.expired(this, e.key, how);
  }

  /** dbAdd: the key must not exist. */
  add(key: string, type: RedisType, value: Value): Entry {
    const e = new Entry(key, type, value, this.nextSeq++);
    e.lru = this.hooks.lruClock;
    this.map.set(key, e);
    if (type !== "string" && type !== "hash" && type !== "set" && this.blockingKeys.has(key)) this.hooks.keyReady(this, key);
    this.hooks.added(this, key);
    return e;
  }

  /** setKey: add or overwrite; the old expiry goes unless keepTtl. */
  set(key: string, type: RedisType, value: Value, keepTtl = false): Entry {
    const e = this.map.get(key);
    if (e === undefined) return this.add(key, type, value);
    this.overwrite(e, type, value, keepTtl);
    return e;
  }

  /** dbOverwrite of an entry already looked up (setKey's second half). */
  overwrite(e: Entry, type: RedisType, value: Value, keepTtl: boolean): void {
    this.streamGone(e);
    e.type = type;
    e.value = value;
    e.enc = "";
    e.lru = this.hooks.lruClock; // a new robj in Redis
    if (!keepTtl && e.expireAt !== 0) this.removeExpire(e);
  }

  delete(key: string): boolean {
    const e = this.map.get(key);
    if (e === undefined) return false;
    this.streamGone(e);
    if (e.vIdx >= 0) this.unindex(e);
    this.map.delete(key);
    return true;
  }

  /** A stream leaves the key (deleted, overwritten): clients blocked in XREADGROUP on it must hear. */
  private streamGone(e: Entry): void {
    if (e.type === "stream" && this.blockingKeys.has(e.key)) this.hooks.keyReady(this, e.key);
  }

  setExpire(e: Entry, when: number): void {
    e.expireAt = when;
    if (e.vIdx < 0) {
      e.vIdx = this.volatile.length;
      this.volatile.push(e);
      this.hooks.volatileKeys++;
    }
    this.hooks.expireChanged(this, e.key, when);
  }

  removeExpire(e: Entry): boolean {
    if (e.expireAt === 0) return false;
    this.unindex(e);
    this.hooks.expireChanged(this, e.key, null);
    return true;
  }

  private unindex(e: Entry): void {
    const last = this.volatile.pop()!;
    if (last !== e) {
      this.volatile[e.vIdx] = last;
      last.vIdx = e.vIdx;
    }
    e.vIdx = -1;
    e.expireAt = 0;
    this.hooks.volatileKeys--;
  }

  randomVolatile(prng: Prng): Entry | undefined {
    const n = this.volatile.length;
    return n === 0 ? undefined : this.volatile[prng.below(n)];
  }

  /** signalModifiedKey: every client WATCHing the key fails its next EXEC. */
  touch(key: string): void {
    if (this.watched.size === 0) return;
    const set = this.watched.get(key);
    if (set === undefined) return;
    for (const wk of [...set]) {
      if (wk.expired) {
        // Watched while already expired: its deletion is no change.
        if (!this.map.has(key)) {
          wk.expired = false;
          continue;
        }
      }
      wk.watcher.dirty();
    }
  }

  /** FLUSHDB / FLUSHALL: clients watching a key that existed fail their EXEC. */
  flush(): void {
    for (const key of this.blockingKeys.keys()) {
      const e = this.map.get(key);
      if (e !== undefined) this.streamGone(e);
    }
    if (this.watched.size > 0) {
      for (const [key, set] of this.watched) {
        if (this.map.has(key)) for (const wk of [...set]) wk.watcher.dirty();
      }
    }
    this.map.clear();
    this.hooks.volatileKeys -= this.volatile.length;
    this.volatile.length = 0;
  }

  /**
   * SWAPDB: exchange contents with another database; watchers and blocked clients stay with
   * their database number. A watcher of a key present on either side fails its EXEC, and keys
   * that now hold a list or sorted set serve clients blocked on them.
   */
  swapWith(other: Db): void {
    const touchWatched = (db: Db) => {
      for (const [key, set] of db.watched) {
        if (this.map.has(key) || other.map.has(key)) for (const wk of [...set]) wk.watcher.dirty();
      }
    };
    touchWatched(this);
    touchWatched(other);
    // scanDatabaseForDeletedStreams: a stream that the swap takes away from a key.
    const streams = (db: Db) => [...db.blockingKeys.keys()].filter((k) => db.map.get(k)?.type === "stream");
    const hadStreams: [Db, string[]][] = [
      [this, streams(this)],
      [other, streams(other)],
    ];
    [this.map, other.map] = [other.map, this.map];
    [this.volatile, other.volatile] = [other.volatile, this.volatile];
    for (const db of [this, other]) {
      for (const key of db.blockingKeys.keys()) {
        const e = db.map.get(key);
        if (e !== undefined && (e.type === "list" || e.type === "zset" || e.type === "stream")) db.hooks.keyReady(db, key);
      }
    }
    for (const [db, keys] of hadStreams) for (const key of keys) if (db.map.get(key)?.type !== "stream") db.hooks.keyReady(db, key);
    this.nextSeq = other.nextSeq = Math.max(this.nextSeq, other.nextSeq);
  }

  /** Entries from insertion number `cursor` on, at most `count`, and the cursor to resume from (0 at the end). */
  scan(cursor: number, count: number): { entries: Entry[]; next: number } {
    const entries: Entry[] = [];
    let next = 0;
    for (const e of this.map.values()) {
      if (e.seq < cursor) continue;
      if (entries.length === count) {
        next = e.seq;
        break;
      }
      entries.push(e);
    }
    return { entries, next };
  }
}
