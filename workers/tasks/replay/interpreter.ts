// An interpreter of golden/asyncio.json's grammar on the tasks engine: every coroutine of a case
// becomes an ordinary async function over the engine's public API (createTask, sleep, gather,
// waitFor, shield, toThread, Queue, ...), every thread body a generator, and the run is
// asyncio.run's. It logs what the recorder's program logged; asyncio.golden.test.ts compares.
import { collect, isGone } from "../collector.ts";
import { gather, shield, sleep, waitFor } from "../combinators.ts";
import { Coroutine, type AwaitableLike } from "../coroutine.ts";
import { label } from "../errors.ts";
import { ProcessPool } from "../executors.ts";
import { Future } from "../future.ts";
import { EventLoop } from "../loop.ts";
import { StrongSet, type Traceable } from "../reachability.ts";
import { runToOutcome } from "../runner.ts";
import type { Task } from "../task.ts";
import type { ThreadBody } from "../threads.ts";
import { toThread } from "../api.ts";
import { ms, type ExceptClause, type GoldenCase, type Json, type Step } from "./grammar.ts";
import { CaseObjects, type CaseObject } from "./objects.ts";
import { J, finalState, makeError, matches, threadBody, type Replayed } from "./values.ts";

export type { Replayed };
import { Event, Lock, Queue } from "../sync.ts";

/** A `return` step's value travelling out of nested step lists. */
interface Returned {
  value: unknown;
}

export interface ReplayOptions {
  /** The GIL's switch interval in case milliseconds: recorded_with.switch_interval_s / time_scale. */
  switchIntervalMs: number;
}

export async function replayCase(c: GoldenCase, options: ReplayOptions): Promise<Replayed> {
  return new CaseRun(c, options).run();
}

class CaseRun {
  private events: string[] = [];
  private loop: EventLoop;
  private objects: CaseObjects;
  private tasks = new Map<string, Task<unknown>>();
  private created: Task<unknown>[] = [];
  private kept: Traceable[] = [];
  private globals: Traceable[] = [];
  private background = new StrongSet<Traceable>();
  private start = 0;

  constructor(
    private readonly c: GoldenCase,
    options: ReplayOptions,
  ) {
    this.loop = new EventLoop({
      switchIntervalMs: options.switchIntervalMs,
      exceptionHandler: (ctx) =>
        this.events.push(
          `handler: ${ctx.message}${ctx.name ? ` [${ctx.name}]` : ""}${ctx.exception !== undefined ? ` ${label(ctx.exception)}` : ""}`,
        ),
      onTaskCreated: (task) => {
        if (task.name in this.c.coros || (this.c.threads && task.name in this.c.threads)) {
          if (task.name === "main") return;
          this.tasks.set(task.name, task);
          this.created.push(task);
        }
      },
    });
    this.objects = new CaseObjects(this.loop, c.objects ?? {});
  }

  async run(): Promise<Replayed> {
    this.loop.runnerRefs.add(this.background);
    const outcome = await runToOutcome(
      async () => {
        this.start = this.loop.time();
        this.globals = this.objects.createGlobals();
        return await this.runCoro("main");
      },
      {
        loop: this.loop,
        onClosed: () => this.events.push("run finished"),
        releaseOrder: () => [...this.loop.runnerRefs.values().filter((r) => !this.kept.includes(r) && r !== this.background && !this.globals.includes(r)), ...this.kept, this.background, ...this.globals],
      },
    );
    const tasks: Record<string, string> = {};
    for (const t of this.created) tasks[t.name] = finalState(t);
    return { events: this.events, result: outcome.ok ? `returned ${J(outcome.value)}` : `raised ${label(outcome.error)}`, tasks };
  }

  /** A coroutine definition run inline in the current task. */
  private async runCoro(name: string): Promise<unknown> {
    const steps = this.c.coros[name];
    if (!steps) throw new Error(`no coroutine named ${name}`);
    const frame = this.loop.stepping?.frame;
    this.objects.enterFrame(name, frame);
    try {
      const r = await this.steps(steps, name, undefined);
      const value = r ? r.value : null;
      this.events.push(`${name} returned ${J(value)}`);
      return value;
    } catch (e) {
      this.events.push(`${name} raised ${label(e)}`);
      throw e;
    } finally {
      this.objects.leaveFrame(name, frame);
    }
  }

  private async steps(steps: Step[], me: string, caught: { e: unknown } | undefined): Promise<Returned | undefined> {
    for (const step of steps) {
      const r = await this.step(step, me, caught);
      if (r) return r;
    }
    return undefined;
  }

  private task(name: string): Task<unknown> {
    const t = this.tasks.get(name);
    if (!t) throw new Error(`no task named ${name} yet`);
    return t;
  }

  private object<T extends CaseObject>(name: string, me: string): T | null {
    const o = this.objects.lookup(name);
    if (!o) this.events.push(`${me} lost ${name}`);
    return o as T | null;
  }

  private async step(step: Step, me: string, caught: { e: unknown } | undefined): Promise<Returned | undefined> {
    const op = Object.keys(step)[0];
    const arg = step[op];
    switch (op) {
      case "log":
        this.events.push(String(arg));
        return;
      case "sleep":
        await sleep(ms(arg));
        return;
      case "cpu":
        this.loop.cpu(ms(arg));
        return;
      case "return":
        return { value: arg };
      case "raise":
        throw makeError(String(arg), step.msg as string | undefined);
      case "reraise":
        if (!caught) throw new Error("reraise outside a handler");
        throw caught.e;
      case "create_task":
        return this.createTask(String(arg), step.keep as boolean | "set" | undefined);
      case "await": {
        const aw = this.awaitable(arg as Json, me);
        if (aw === null) return;
        const v = await aw;
        this.events.push(`${me} got ${J(v)}`);
        return;
      }
      case "cancel": {
        const r = this.task(String(arg)).cancel(step.msg as string | undefined);
        this.events.push(`${me} cancel ${String(arg)}: ${r}`);
        return;
      }
      case "try":
        return this.tryStep(step, me, caught);
      case "gc":
        await collect(this.loop);
        return;
      case "state":
        this.events.push(`state ${String(arg)}: ${this.state(String(arg))}`);
        return;
      case "bg_count":
        this.events.push(`bg ${this.background.size}`);
        return;
      case "count_tasks":
        this.events.push(`pending tasks ${this.loop.allTasks.size}`);
        return;
      case "clock":
        // The recorder floored real elapsed time, which only ever runs late: a virtual instant
        // between two units (a GIL hand-over) reads as the unit before it.
        this.events.push(`${String(arg)} @${Math.floor((this.loop.time() - this.start) / 10 + 1e-6)}`);
        return;
      case "call_soon":
        this.loop.callSoon(() => this.events.push(String(arg)), null);
        return;
      case "call_later":
        this.loop.callLater(ms(arg), () => this.events.push(String(step.text)), null);
        return;
      case "add_done_callback":
        this.task(String(arg)).addDoneCallback(() => this.events.push(String(step.text)));
        return;
      default:
        return this.objectStep(op, String(arg), step, me);
    }
  }

  private createTask(name: string, keep: boolean | "set" | undefined): undefined {
    const task = this.loop.createTask(() => this.runCoro(name), name);
    if (keep === false) return;
    if (keep === "set") {
      this.background.add(task);
      task.addDoneCallback((t) => this.background.discard(t), this.background);
      return;
    }
    this.kept.push(task);
    this.loop.runnerRefs.add(task);
  }

  private async tryStep(step: Step, me: string, caught: { e: unknown } | undefined): Promise<Returned | undefined> {
    let ret: Returned | undefined;
    try {
      ret = await this.steps(step.try as Step[], me, caught);
    } catch (e) {
      const handler = ((step.except ?? []) as unknown as ExceptClause[]).find((h) => matches(h.type, e));
      if (!handler) throw e;
      this.events.push(`${me} caught ${label(e)}`);
      ret = await this.steps(handler.do ?? [], me, { e });
    } finally {
      if (step.finally) {
        const fin = await this.steps(step.finally as Step[], me, caught);
        // A return in a finally block wins over everything, as in Python.
        // eslint-disable-next-line no-unsafe-finally
        if (fin) return fin;
      }
    }
    return ret;
  }

  private objectStep(op: string, name: string, step: Step, me: string): undefined {
    const obj = this.object<CaseObject>(name, me);
    if (obj === null) return;
    switch (op) {
      case "set":
        (obj as Event).set();
        return;
      case "clear":
        (obj as Event).clear();
        return;
      case "release":
        (obj as Lock).release();
        return;
      case "put_nowait":
        (obj as Queue<unknown>).putNowait(step.item);
        return;
      case "get_nowait":
        this.events.push(`${me} got ${J((obj as Queue<unknown>).getNowait())}`);
        return;
      case "task_done":
        (obj as Queue<unknown>).taskDone();
        return;
      case "set_result":
        (obj as Future<unknown>).setResult(step.value);
        return;
    }
    throw new Error(`unknown step ${op}`);
  }

  /** Evaluates an awaitable expression as Python evaluates its arguments: coroutines stay lazy. */
  private awaitable(aw: Json, me: string): AwaitableLike<unknown> | null {
    if (typeof aw === "string") return this.task(aw);
    const o = aw as Record<string, Json>;
    const op = Object.keys(o)[0];
    const arg = o[op];
    const lazy = (fn: () => Promise<unknown>, name?: string) => new Coroutine(fn, name);
    const each = (list: Json[]) => list.map((x) => this.awaitable(x, me)!);
    switch (op) {
      case "coro":
        return lazy(() => this.runCoro(String(arg)), String(arg));
      case "gather":
        return gather(each(arg as Json[]), { returnExceptions: o.return_exceptions === true }) as Future<unknown>;
      case "wait_for": {
        const inner = this.awaitable(arg, me)!;
        return lazy(() => waitFor(inner, ms(o.timeout)));
      }
      case "shield":
        return shield(this.awaitable(arg, me)!);
      case "to_thread":
        return toThread(this.threadBody(String(arg)), String(arg));
      case "to_process": {
        this.loop.processPool ??= new ProcessPool(this.loop);
        return this.loop.processPool.submit(String(arg), this.threadBody(String(arg)));
      }
    }
    const obj = this.object<CaseObject>(String(arg), me);
    if (obj === null) return null;
    switch (op) {
      case "get":
        return lazy(() => (obj as Queue<unknown>).get());
      case "put":
        return lazy(async () => {
          await (obj as Queue<unknown>).put(o.item);
          return null;
        });
      case "join":
        return lazy(async () => {
          await (obj as Queue<unknown>).join();
          return null;
        });
      case "wait":
        return lazy(() => (obj as Event).wait());
      case "acquire":
        return lazy(() => (obj as Lock).acquire());
      case "future":
        return obj as Future<unknown>;
    }
    throw new Error(`unknown awaitable ${op}`);
  }

  private threadBody(name: string): ThreadBody<unknown> {
    const steps = this.c.threads?.[name];
    if (!steps) throw new Error(`no thread body named ${name}`);
    return threadBody(name, steps, this.events);
  }

  private state(name: string): string {
    const t = this.task(name);
    if (isGone(this.loop, t)) return "gone";
    if (!t.done()) return "pending";
    return finalState(t);
  }
}
