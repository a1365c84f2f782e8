// Blocked clients (blocked.c, with timeout.c's deadline check): a blocking command that finds
// nothing to pop parks its connection on keys (blockForKeys); a key that gets a list or sorted set
// is signalled ready (signalKeyAsReady), and after the command that filled it the clients blocked
// on it are served, oldest first (handleClientsBlockedOnKeys). The cron releases those whose
// deadline passed. The blocking commands themselves (BLPOP, BZPOPMIN...) are in blocking.ts.
import type { Connection } from "./connection.ts";
import type { RedisServer } from "./engine.ts";
import type { Db } from "./keyspace.ts";
import { NIL_ARRAY, Pending, type Reply } from "./reply.ts";

export interface BlockState {
  db: Db;
  keys: string[];
  /** Absolute unix ms; 0 blocks forever. */
  deadline: number;
  /** Try to serve from this key (it holds a value); undefined when it cannot. */
  serve: (key: string) => Reply | undefined;
  /** The reply when a key it waits on is deleted (XREADGROUP: an error); undefined to keep waiting. */
  gone?: (key: string) => Reply | undefined;
  resolve: (r: Reply) => void;
  reject: (e: Error) => void;
  /**
   * Told synchronously, at the moment of release, before the promise settles: a host in virtual
   * time (the tasks loop, workers/tasks/queue/redis-on-loop.ts) must learn of it then, not some
   * microtasks later when its clock may have moved on.
   */
  onRelease?: (r: Reply | Error) => void;
}

/** blockForKeys: park the connection on keys of its database until one can serve it or the deadline passes. */
export function blockForKeys(
  c: Connection,
  keys: string[],
  deadline: number,
  serve: (key: string) => Reply | undefined,
  gone?: (key: string) => Reply | undefined,
): Pending {
  const s = c.server;
  const db = c.db;
  let resolve!: (r: Reply) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<Reply>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  c.block = { db, keys, deadline, serve, gone, resolve, reject };
  for (const key of keys) {
    let q = db.blockingKeys.get(key) as Connection[] | undefined;
    if (q === undefined) db.blockingKeys.set(key, (q = []));
    if (!q.includes(c)) q.push(c);
  }
  s.blocked.add(c);
  if (s.sink) s.emit({ kind: "block", conn: c.id, db: db.id, keys: [...keys], deadline: deadline === 0 ? null : deadline });
  return new Pending(promise);
}

/** unblockClient: release a blocked connection with a reply (or, when closing, with an error). */
export function unblockClient(c: Connection, reply: Reply | Error, reason: "served" | "timeout" | "closed", key?: string): void {
  const b = c.block;
  if (b === null) return;
  const s = c.server;
  for (const k of b.keys) {
    const q = b.db.blockingKeys.get(k) as Connection[] | undefined;
    if (q === undefined) continue;
    const i = q.indexOf(c);
    if (i >= 0) q.splice(i, 1);
    if (q.length === 0) b.db.blockingKeys.delete(k);
  }
  s.blocked.delete(c);
  c.block = null;
  if (s.sink) s.emit({ kind: "unblock", conn: c.id, reason, ...(key === undefined ? {} : { key }) });
  b.onRelease?.(reply);
  if (reply instanceof Error) b.reject(reply);
  else b.resolve(reply);
}

/** signalKeyAsReady: a list, sorted set or stream appeared under a key somebody blocks on (or a stream went). */
export function signalKeyAsReady(s: RedisServer, db: Db, key: string): void {
  for (const r of s.readyKeys) if (r.db === db && r.key === key) return;
  s.readyKeys.push({ db, key });
}

/** handleClientsBlockedOnKeys: serve blocked clients, oldest first, from keys that got values. */
export function handleClientsBlockedOnKeys(s: RedisServer): void {
  while (s.readyKeys.length > 0) {
    const ready = s.readyKeys;
    s.readyKeys = [];
    for (const { db, key } of ready) {
      const q = db.blockingKeys.get(key) as Connection[] | undefined;
      if (q === undefined) continue;
      for (const c of [...q]) {
        if (c.block === null) continue;
        if (db.lookup(key, s) === undefined) {
          // A deleted stream releases the XREADGROUP clients waiting on it; the others wait on.
          const reply = c.block.gone?.(key);
          if (reply !== undefined) unblockClient(c, reply, "served", key);
          continue;
        }
        const reply = c.block.serve(key);
        if (reply === undefined) continue;
        unblockClient(c, reply, "served", key);
      }
    }
  }
}

/** handleBlockedClientsTimeout (timeout.c): release, with a nil reply, the clients whose deadline has passed. */
export function handleBlockedClientsTimeout(s: RedisServer, now: number): void {
  for (const c of [...s.blocked]) {
    const d = c.block!.deadline;
    if (d !== 0 && d < now) unblockClient(c, NIL_ARRAY, "timeout");
  }
}
