// Advisory locks, one table for a whole server as in Postgres's shared lock manager: a lock
// belongs to the session (the backend) that took it, not to whoever is using that connection,
// which is why under a transaction pooler a lock taken by one client is held by a server
// connection another client gets next. Session-level locks stack (taken twice, released twice)
// and last until unlocked or the session ends; transaction-level ones until the transaction ends.
// As in lock.c, a request that conflicts waits in a queue, behind earlier conflicting requests
// too (so a stream of share locks cannot starve an exclusive one), and waiters are granted in
// queue order as holders go.

export type LockMode = "exclusive" | "share";

/** A session, as the lock table knows it. */
export interface LockOwner {
  readonly pid: number;
}

interface Holding {
  session: number;
  xact: number;
}

interface Waiter {
  owner: LockOwner;
  key: string;
  mode: LockMode;
  xact: boolean;
  granted: () => void;
}

interface Entry {
  held: Map<LockOwner, Record<LockMode, Holding>>;
  queue: Waiter[];
}

const conflicts = (a: LockMode, b: LockMode) => a === "exclusive" || b === "exclusive";
const total = (h: Holding) => h.session + h.xact;

export class AdvisoryLocks {
  private readonly entries = new Map<string, Entry>();
  /** What each waiting session waits for (a session waits for one lock at a time). */
  private readonly waiting = new Map<LockOwner, Waiter>();

  /** Takes the lock now if nothing conflicts (pg_try_advisory_lock); false otherwise. */
  tryAcquire(owner: LockOwner, key: string, mode: LockMode, xact: boolean): boolean {
    const entry = this.entry(key);
    if (this.blockers(entry, owner, mode, entry.queue.length).size > 0) return false;
    this.grant(entry, owner, mode, xact);
    return true;
  }

  /**
   * Takes the lock, waiting if it must: `granted` is called when it is held (at once, or when
   * the holders ahead let go). The returned function gives up waiting.
   */
  acquire(owner: LockOwner, key: string, mode: LockMode, xact: boolean, granted: () => void): () => void {
    if (this.tryAcquire(owner, key, mode, xact)) {
      granted();
      return () => {};
    }
    const waiter: Waiter = { owner, key, mode, xact, granted };
    this.entry(key).queue.push(waiter);
    this.waiting.set(owner, waiter);
    return () => this.cancel(waiter);
  }

  /** pg_advisory_unlock: releases one session-level hold; false when there was none. */
  unlock(owner: LockOwner, key: string, mode: LockMode): boolean {
    const holding = this.entries.get(key)?.held.get(owner)?.[mode];
    if (!holding || holding.session === 0) return false;
    holding.session--;
    this.settle(key);
    return true;
  }

  /** pg_advisory_unlock_all (and DISCARD ALL): every session-level hold of `owner`. */
  unlockAll(owner: LockOwner): void {
    this.release(owner, (h) => (h.session = 0));
  }

  /** The end of a transaction: its transaction-level holds. */
  releaseXact(owner: LockOwner): void {
    this.release(owner, (h) => (h.xact = 0));
  }

  /** The session ended: everything it held, and its wait. */
  releaseAll(owner: LockOwner): void {
    const waiter = this.waiting.get(owner);
    if (waiter) this.cancel(waiter);
    this.release(owner, (h) => ((h.session = 0), (h.xact = 0)));
  }

  /** Whether `owner`'s wait is part of a cycle of waits (deadlock.c's check). */
  deadlocked(owner: LockOwner): boolean {
    const seen = new Set<LockOwner>();
    const visit = (o: LockOwner): boolean => {
      const waiter = this.waiting.get(o);
      if (!waiter) return false;
      for (const next of this.waitsFor(waiter)) {
        if (next === owner) return true;
        if (!seen.has(next)) {
          seen.add(next);
          if (visit(next)) return true;
        }
      }
      return false;
    };
    return visit(owner);
  }

  /** Session-level holds of `owner`, for tests and views: key and mode, one entry per hold. */
  heldBy(owner: LockOwner): { key: string; mode: LockMode; session: number; xact: number }[] {
    const out = [];
    for (const [key, entry] of this.entries) {
      const h = entry.held.get(owner);
      if (!h) continue;
      for (const mode of ["exclusive", "share"] as const) if (total(h[mode]) > 0) out.push({ key, mode, ...h[mode] });
    }
    return out;
  }

  private entry(key: string): Entry {
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = { held: new Map(), queue: [] }));
    return entry;
  }

  /**
   * The other sessions in the way of `owner` taking `mode`: holders of a conflicting lock, and
   * (unless `owner` already holds this lock) the first `ahead` waiters whose requests conflict.
   */
  private blockers(entry: Entry, owner: LockOwner, mode: LockMode, ahead: number): Set<LockOwner> {
    const out = new Set<LockOwner>();
    for (const [other, h] of entry.held) {
      if (other === owner) continue;
      if (total(h.exclusive) > 0 || (mode === "exclusive" && total(h.share) > 0)) out.add(other);
    }
    const own = entry.held.get(owner);
    if (!own || total(own.exclusive) + total(own.share) === 0) {
      for (const w of entry.queue.slice(0, ahead)) if (w.owner !== owner && conflicts(w.mode, mode)) out.add(w.owner);
    }
    return out;
  }

  private waitsFor(waiter: Waiter): Set<LockOwner> {
    const entry = this.entry(waiter.key);
    return this.blockers(entry, waiter.owner, waiter.mode, entry.queue.indexOf(waiter));
  }

  private grant(entry: Entry, owner: LockOwner, mode: LockMode, xact: boolean): void {
    let h = entry.held.get(owner);
    if (!h) entry.held.set(owner, (h = { exclusive: { session: 0, xact: 0 }, share: { session: 0, xact: 0 } }));
    if (xact) h[mode].xact++;
    else h[mode].session++;
  }

  private cancel(waiter: Waiter): void {
    const entry = this.entries.get(waiter.key);
    if (!entry) return;
    entry.queue = entry.queue.filter((w) => w !== waiter);
    if (this.waiting.get(waiter.owner) === waiter) this.waiting.delete(waiter.owner);
    this.settle(waiter.key); // those behind it may go now
  }

  private release(owner: LockOwner, clear: (h: Holding) => void): void {
    for (const [key, entry] of this.entries) {
      const h = entry.held.get(owner);
      if (!h) continue;
      clear(h.exclusive);
      clear(h.share);
      this.settle(key);
    }
  }

  /** Drops empty holds and grants, in queue order, every waiter nothing is in the way of. */
  private settle(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    for (const [owner, h] of entry.held) if (total(h.exclusive) + total(h.share) === 0) entry.held.delete(owner);
    const granted: Waiter[] = [];
    for (let i = 0; i < entry.queue.length; ) {
      const w = entry.queue[i];
      if (this.blockers(entry, w.owner, w.mode, i).size > 0) {
        i++;
        continue;
      }
      entry.queue.splice(i, 1);
      this.waiting.delete(w.owner);
      this.grant(entry, w.owner, w.mode, w.xact);
      granted.push(w);
    }
    if (entry.held.size === 0 && entry.queue.length === 0) this.entries.delete(key);
    for (const w of granted) w.granted();
  }
}
