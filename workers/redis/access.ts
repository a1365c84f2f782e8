// Key lookups as commands make them (db.c): lookupKeyRead counts keyspace hits and misses (and
// tells the trace), lookupKeyWrite does not; both expire a key past its time first, and both
// stamp the key's access time unless told not to (LOOKUP_NOTOUCH). The typed variants answer
// WRONGTYPE for a key of another type.
import type { Connection } from "./connection.ts";
import type { Entry, RedisType } from "./keyspace.ts";
import { NOTIFY, notify } from "./notify.ts";
import type { RSet } from "./set-store.ts";
import type { ZSet } from "./zset-store.ts";
import { WRONGTYPE, fail } from "./reply.ts";

export function lookupRead(c: Connection, key: string, touch = true): Entry | undefined {
  const s = c.server;
  const e = c.db.lookup(key, s);
  if (e === undefined) {
    s.stats.misses++;
    notify(c, NOTIFY.keymiss, "keymiss", key);
  } else {
    s.stats.hits++;
    if (touch) e.lru = s.lruClock;
  }
  if (s.hit === undefined) s.hit = e !== undefined;
  return e;
}

export function lookupWrite(c: Connection, key: string): Entry | undefined {
  const e = c.db.lookup(key, c.server);
  if (e !== undefined) e.lru = c.server.lruClock;
  return e;
}

function typed(e: Entry | undefined, type: RedisType): Entry | undefined {
  if (e !== undefined && e.type !== type) fail(WRONGTYPE);
  return e;
}

export function readString(c: Connection, key: string): string | undefined {
  return typed(lookupRead(c, key), "string")?.value as string | undefined;
}

export function readList(c: Connection, key: string): string[] | undefined {
  return typed(lookupRead(c, key), "list")?.value as string[] | undefined;
}

export function readHash(c: Connection, key: string): Map<string, string> | undefined {
  return typed(lookupRead(c, key), "hash")?.value as Map<string, string> | undefined;
}

export function readSet(c: Connection, key: string): RSet | undefined {
  return typed(lookupRead(c, key), "set")?.value as RSet | undefined;
}

export function readZSet(c: Connection, key: string): ZSet | undefined {
  return typed(lookupRead(c, key), "zset")?.value as ZSet | undefined;
}

export function writeTyped(c: Connection, key: string, type: RedisType): Entry | undefined {
  return typed(lookupWrite(c, key), type);
}

/** After removing elements: delete the key when its container emptied (Redis never keeps empty ones). */
export function deleteIfEmpty(c: Connection, key: string, size: number): boolean {
  if (size > 0) return false;
  c.db.delete(key);
  return true;
}

/** signalModifiedKey. */
export function touched(c: Connection, key: string): void {
  c.db.touch(key);
}
