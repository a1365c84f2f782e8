// The case's shared objects (queues, events, locks, futures) as the recorder's program held
// them: a global one is created when main starts and held by the runner; an owned one is a local
// of its owner coroutine's frame, and everyone else reaches it through a weak table, so a step
// naming it after its owner's frame is gone (or before it exists) finds nothing: '<me> lost <name>'.
import { Event, Lock, Queue } from "../sync.ts";
import type { EventLoop } from "../loop.ts";
import type { Future } from "../future.ts";
import { reachableFrom, type Traceable } from "../reachability.ts";
import type { ObjectSpec } from "./grammar.ts";

export type CaseObject = Queue<unknown> | Event | Lock | Future<unknown>;

interface Entry {
  spec: ObjectSpec;
  obj: CaseObject | null;
  /** Its owner's frame is running (the local variable exists). */
  framed: boolean;
  dead: boolean;
}

export class CaseObjects {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly loop: EventLoop,
    specs: Record<string, ObjectSpec>,
  ) {
    for (const [name, spec] of Object.entries(specs)) this.entries.set(name, { spec, obj: null, framed: false, dead: false });
  }

  private make(spec: ObjectSpec): CaseObject {
    switch (spec.type) {
      case "queue":
        return new Queue<unknown>(spec.maxsize ?? 0);
      case "event":
        return new Event();
      case "lock":
        return new Lock();
      case "future":
        return this.loop.createFuture<unknown>();
    }
  }

  /** At main's start: the global objects, held by the runner (returned in creation order). */
  createGlobals(): Traceable[] {
    const made: Traceable[] = [];
    for (const e of this.entries.values()) {
      if (e.spec.owner !== undefined) continue;
      e.obj = this.make(e.spec);
      this.loop.runnerRefs.add(e.obj);
      made.push(e.obj);
    }
    return made;
  }

  /** When coroutine `owner` starts: its locals, held by the frame of the task running it. */
  enterFrame(owner: string, frame: Set<Traceable> | undefined): CaseObject[] {
    const made: CaseObject[] = [];
    for (const e of this.entries.values()) {
      if (e.spec.owner !== owner) continue;
      e.obj = this.make(e.spec);
      e.framed = true;
      frame?.add(e.obj);
      made.push(e.obj);
    }
    return made;
  }

  leaveFrame(owner: string, frame: Set<Traceable> | undefined): void {
    for (const e of this.entries.values()) {
      if (e.spec.owner !== owner || !e.obj) continue;
      e.framed = false;
      frame?.delete(e.obj);
    }
  }

  /** The object through the weak table, or null when it does not exist (yet or any more). */
  lookup(name: string): CaseObject | null {
    const e = this.entries.get(name);
    if (!e) throw new Error(`no object named ${name}`);
    if (!e.obj || e.dead) return null;
    if (e.spec.owner === undefined || e.framed) return e.obj;
    if (reachableFrom(this.loop.roots()).has(e.obj)) return e.obj;
    e.dead = true;
    return null;
  }
}
