// The active expiry cycle (expire.c): the cron samples keys with an expiry at random and deletes
// those past their time, going on in a database while many of the sample were stale. Lazy expiry
// (a command touching a key past its time) is the database's own (keyspace.ts, Db.lookup); the
// EXPIRE family of commands is in keys.ts.
import type { RedisServer } from "./engine.ts";

const ACTIVE_EXPIRE_SAMPLES = 20;
const ACTIVE_EXPIRE_STALE_PERCENT = 10;
const ACTIVE_EXPIRE_MAX_ROUNDS = 16;

/** activeExpireCycle: sample keys with an expiry at random; go on while many of them were stale. */
export function activeExpireCycle(s: RedisServer, now: number): void {
  for (const db of s.dbs) {
    for (let round = 0; round < ACTIVE_EXPIRE_MAX_ROUNDS && db.volatile.length > 0; round++) {
      const n = Math.min(ACTIVE_EXPIRE_SAMPLES, db.volatile.length);
      let expired = 0;
      for (let i = 0; i < n && db.volatile.length > 0; i++) {
        const e = db.randomVolatile(s.prng)!;
        if (e.expireAt < now) {
          db.expireEntry(e, "active");
          expired++;
        }
      }
      if ((expired * 100) / n <= ACTIVE_EXPIRE_STALE_PERCENT) break;
    }
  }
}
