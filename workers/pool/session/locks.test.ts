import { describe, expect, it } from "vitest";
import { AdvisoryLocks } from "./locks.ts";

const [a, b, c] = [{ pid: 1 }, { pid: 2 }, { pid: 3 }];

describe("AdvisoryLocks", () => {
  it("stacks a session's holds and lets only the holder release them", () => {
    const locks = new AdvisoryLocks();
    expect(locks.tryAcquire(a, "42", "exclusive", false)).toBe(true);
    expect(locks.tryAcquire(a, "42", "exclusive", false)).toBe(true);
    expect(locks.tryAcquire(b, "42", "exclusive", false)).toBe(false);
    expect(locks.unlock(b, "42", "exclusive")).toBe(false);
    expect(locks.unlock(a, "42", "exclusive")).toBe(true);
    expect(locks.tryAcquire(b, "42", "share", false)).toBe(false);
    expect(locks.unlock(a, "42", "exclusive")).toBe(true);
    expect(locks.unlock(a, "42", "exclusive")).toBe(false);
    expect(locks.tryAcquire(b, "42", "share", false)).toBe(true);
  });

  it("grants waiters in queue order, and an exclusive request holds back later share requests", () => {
    const locks = new AdvisoryLocks();
    const granted: string[] = [];
    locks.tryAcquire(a, "k", "share", false);
    locks.acquire(b, "k", "exclusive", false, () => granted.push("b"));
    expect(locks.tryAcquire(c, "k", "share", false)).toBe(false); // behind b's exclusive request
    locks.acquire(c, "k", "share", false, () => granted.push("c"));
    locks.unlock(a, "k", "share");
    expect(granted).toEqual(["b"]);
    locks.unlockAll(b);
    expect(granted).toEqual(["b", "c"]);
  });

  it("releases transaction-level holds at the transaction's end and everything at exit", () => {
    const locks = new AdvisoryLocks();
    const granted: string[] = [];
    locks.tryAcquire(a, "k", "exclusive", true);
    locks.tryAcquire(a, "j", "exclusive", false);
    locks.acquire(b, "k", "exclusive", false, () => granted.push("k"));
    expect(locks.unlock(a, "k", "exclusive")).toBe(false); // a transaction-level hold is not pg_advisory_unlock's
    locks.releaseXact(a);
    expect(granted).toEqual(["k"]);
    locks.releaseAll(a);
    expect(locks.heldBy(a)).toEqual([]);
  });

  it("finds a cycle of waits", () => {
    const locks = new AdvisoryLocks();
    locks.tryAcquire(a, "1", "exclusive", false);
    locks.tryAcquire(b, "2", "exclusive", false);
    locks.acquire(a, "2", "exclusive", false, () => {});
    expect(locks.deadlocked(a)).toBe(false);
    const giveUp = locks.acquire(b, "1", "exclusive", false, () => {});
    expect(locks.deadlocked(a)).toBe(true);
    expect(locks.deadlocked(b)).toBe(true);
    giveUp();
    expect(locks.deadlocked(a)).toBe(false);
  });
});
