// asyncio.Event, Lock and Queue (locks.py, queues.py of CPython 3.11): each waiter waits on a
// future of its own, kept in a FIFO; waking one completes its future, so the waiter resumes one
// loop iteration later, in the order it began to wait. They hold their waiters' futures strongly
// (the collector follows these edges). Who holds the object itself: the task that made it (a local
// of its frame) or, made outside any task, the module; and every task waiting in one of its
// methods (that method's frame holds `self`).
import { QueueEmpty, QueueFull, RuntimeError } from "./errors.ts";
import type { Future } from "./future.ts";
import { runningLoop } from "./combinators.ts";
import { EventLoop } from "./loop.ts";
import { StrongSet, moduleGlobals, type Traceable } from "./reachability.ts";
import type { Task } from "./task.ts";

function adopt(obj: Traceable): void {
  const task = EventLoop.running?.stepping;
  if (task) task.frame.add(obj);
  else moduleGlobals.add(obj);
}

/** Runs a waiting method with the waiting task's frame holding obj. */
async function holding<T>(obj: Traceable, body: () => Promise<T>): Promise<T> {
  const task = EventLoop.running?.stepping;
  const added = task !== null && task !== undefined && !task.frame.has(obj);
  if (added) task.frame.add(obj);
  try {
    return await body();
  } finally {
    if (added) task.frame.delete(obj);
  }
}

/**
 * The `background_tasks` set of the asyncio docs: the strong references that keep fire-and-forget
 * tasks alive (add the task, discard it in a done callback). Held like the objects below.
 */
export class TaskSet extends StrongSet<Task<unknown>> {
  constructor() {
    super();
    adopt(this);
  }
}

export class Event implements Traceable {
  private value = false;
  private waiters: Future<boolean>[] = [];

  /** @param held false for an Event another object owns (a Queue's join event). */
  constructor(held = true) {
    if (held) adopt(this);
  }

  isSet(): boolean {
    return this.value;
  }

  /** Wakes every waiter (without yielding). */
  set(): void {
    if (this.value) return;
    this.value = true;
    for (const fut of this.waiters) if (!fut.done()) fut.setResult(true);
  }

  clear(): void {
    this.value = false;
  }

  async wait(): Promise<true> {
    if (this.value) return true;
    return holding(this, () => this.waitSet());
  }

  private async waitSet(): Promise<true> {
    const fut = runningLoop().createFuture<boolean>();
    fut.displayName = "event";
    this.waiters.push(fut);
    try {
      await fut;
      return true;
    } finally {
      this.waiters.splice(this.waiters.indexOf(fut), 1);
    }
  }

  refs(out: Traceable[]): void {
    for (const w of this.waiters) out.push(w);
  }
}

export class Lock implements Traceable {
  private isLocked = false;
  private waiters: Future<boolean>[] = [];

  constructor() {
    adopt(this);
  }

  locked(): boolean {
    return this.isLocked;
  }

  async acquire(): Promise<true> {
    if (!this.isLocked && this.waiters.every((w) => w.cancelled())) {
      this.isLocked = true;
      return true;
    }
    return holding(this, () => this.waitForRelease());
  }

  private async waitForRelease(): Promise<true> {
    const fut = runningLoop().createFuture<boolean>();
    fut.displayName = "lock";
    this.waiters.push(fut);
    try {
      try {
        await fut;
      } finally {
        this.waiters.splice(this.waiters.indexOf(fut), 1);
      }
    } catch (e) {
      if (!this.isLocked) this.wakeUpFirst();
      throw e;
    }
    this.isLocked = true;
    return true;
  }

  release(): void {
    if (!this.isLocked) throw new RuntimeError("Lock is not acquired.");
    this.isLocked = false;
    this.wakeUpFirst();
  }

  private wakeUpFirst(): void {
    const fut = this.waiters[0];
    if (fut && !fut.done()) fut.setResult(true);
  }

  refs(out: Traceable[]): void {
    for (const w of this.waiters) out.push(w);
  }
}

export class Queue<T> implements Traceable {
  private items: T[] = [];
  private getters: Future<unknown>[] = [];
  private putters: Future<unknown>[] = [];
  private unfinished = 0;
  private finished = new Event(false);

  constructor(readonly maxsize = 0) {
    this.finished.set();
    adopt(this);
  }

  qsize(): number {
    return this.items.length;
  }

  empty(): boolean {
    return this.items.length === 0;
  }

  full(): boolean {
    return this.maxsize > 0 && this.items.length >= this.maxsize;
  }

  async put(item: T): Promise<void> {
    if (this.full()) await holding(this, () => this.waitForRoom());
    this.putNowait(item);
  }

  private async waitForRoom(): Promise<void> {
    while (this.full()) {
      const putter = runningLoop().createFuture<unknown>();
      putter.displayName = "queue";
      this.putters.push(putter);
      try {
        await putter;
      } catch (e) {
        putter.cancel();
        remove(this.putters, putter);
        if (!this.full() && !putter.cancelled()) wakeupNext(this.putters);
        throw e;
      }
    }
  }

  putNowait(item: T): void {
    if (this.full()) throw new QueueFull();
    this.items.push(item);
    this.unfinished++;
    this.finished.clear();
    wakeupNext(this.getters);
  }

  async get(): Promise<T> {
    if (this.empty()) await holding(this, () => this.waitForItem());
    return this.getNowait();
  }

  private async waitForItem(): Promise<void> {
    while (this.empty()) {
      const getter = runningLoop().createFuture<unknown>();
      getter.displayName = "queue";
      this.getters.push(getter);
      try {
        await getter;
      } catch (e) {
        getter.cancel();
        remove(this.getters, getter);
        if (!this.empty() && !getter.cancelled()) wakeupNext(this.getters);
        throw e;
      }
    }
  }

  getNowait(): T {
    if (this.empty()) throw new QueueEmpty();
    const item = this.items.shift()!;
    wakeupNext(this.putters);
    return item;
  }

  taskDone(): void {
    if (this.unfinished <= 0) throw new Error("task_done() called too many times");
    this.unfinished--;
    if (this.unfinished === 0) this.finished.set();
  }

  async join(): Promise<void> {
    if (this.unfinished > 0) await this.finished.wait();
  }

  refs(out: Traceable[]): void {
    for (const f of this.getters) out.push(f);
    for (const f of this.putters) out.push(f);
    out.push(this.finished);
  }
}

function wakeupNext(waiters: Future<unknown>[]): void {
  while (waiters.length > 0) {
    const w = waiters.shift()!;
    if (!w.done()) {
      w.setResult(undefined);
      break;
    }
  }
}

function remove<X>(list: X[], x: X): void {
  const i = list.indexOf(x);
  if (i >= 0) list.splice(i, 1);
}
