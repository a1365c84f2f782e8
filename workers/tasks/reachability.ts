// The fire-and-forget trap needs to know which tasks something still holds. JavaScript's own
// collector cannot tell us deterministically (a WeakRef clears whenever V8 likes), so the loop
// keeps the object graph asyncio would have, explicitly: every loop object lists the objects it
// holds strongly (refs), the loop names its roots, and a collection walks the graph from them.
// The edges modelled are the ones fire_and_forget_rules of golden/asyncio.json lists:
//   runner / StrongSet -> task;   ready handle -> its callback's owner and argument;
//   timer -> the future it completes;   executor job -> the future it will complete;
//   future -> the owners of its done callbacks (an awaiting task's wakeup, gather's outer future);
//   task -> the future it awaits and the objects its frame holds (wait_for's inner task, locals);
//   Event / Lock / Queue -> their waiters' futures.

export interface Traceable {
  /** Appends every object this one holds strongly. */
  refs(out: Traceable[]): void;
}

export function isTraceable(x: unknown): x is Traceable {
  return typeof x === "object" && x !== null && typeof (x as Traceable).refs === "function";
}

/** Every object reachable from the roots (roots included). */
export function reachableFrom(roots: Traceable[]): Set<Traceable> {
  const seen = new Set<Traceable>();
  const stack = roots.slice();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    node.refs(stack);
  }
  return seen;
}

/** A set of strong references the runner holds: `background_tasks` of the asyncio docs. */
export class StrongSet<T extends Traceable> implements Traceable {
  private members = new Set<T>();

  add(x: T): void {
    this.members.add(x);
  }

  /** Removes x if present (set.discard): handy as a done callback. */
  discard(x: T): void {
    this.members.delete(x);
  }

  has(x: T): boolean {
    return this.members.has(x);
  }

  get size(): number {
    return this.members.size;
  }

  values(): T[] {
    return [...this.members];
  }

  clear(): void {
    this.members.clear();
  }

  refs(out: Traceable[]): void {
    for (const m of this.members) out.push(m);
  }
}

/**
 * Event, Lock and Queue objects made outside any task: module globals, held for good (JavaScript
 * cannot tell us when a module lets go of one). One made inside a task is a local of its frame.
 */
export const moduleGlobals = new StrongSet<Traceable>();
