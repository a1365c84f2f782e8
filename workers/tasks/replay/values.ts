// The recordings' value forms: J(v) (compact JSON), the exception types a step can raise and the
// handlers' isinstance test, a task's final state, and the thread bodies as generators.
import { BaseExceptionError, CancelledError, QueueEmpty, QueueFull, RuntimeError, TimeoutError, label } from "../errors.ts";
import type { Task } from "../task.ts";
import type { ThreadBody, ThreadContext, ThreadOp } from "../threads.ts";
import { ms, type Json, type Step } from "./grammar.ts";

export class ValueError extends Error {
  constructor(message = "") {
    super(message);
    this.name = "ValueError";
  }
}

export interface Replayed {
  events: string[];
  result: string;
  tasks: Record<string, string>;
}

/** J(v): compact JSON; None is null and an exception inside a gather result is {error: label}. */
export function J(v: unknown): string {
  return JSON.stringify(toJson(v));
}

function toJson(v: unknown): Json {
  if (v === undefined || v === null) return null;
  if (v instanceof Error) return { error: label(v) };
  if (Array.isArray(v)) return v.map(toJson);
  return v as Json;
}

export function makeError(type: string, msg?: string): Error {
  const m = msg ?? "";
  switch (type) {
    case "ValueError":
      return new ValueError(m);
    case "RuntimeError":
      return new RuntimeError(m);
    case "TimeoutError":
      return new TimeoutError(m);
    case "CancelledError":
      return new CancelledError(m);
  }
  throw new Error(`unknown exception type ${type}`);
}

export function matches(type: string, e: unknown): boolean {
  if (type === "Exception") return !(e instanceof BaseExceptionError);
  if (type === "QueueEmpty") return e instanceof QueueEmpty;
  if (type === "QueueFull") return e instanceof QueueFull;
  return e instanceof Error && e.name === type;
}

export function finalState(t: Task<unknown>): string {
  if (t.destroyed) return "destroyed";
  if (t.cancelled()) return "cancelled";
  if (!t.done()) return "pending";
  const exc = t.peekException();
  return exc ? `raised ${label(exc.exc)}` : `returned ${J(t.peekValue())}`;
}

/** A thread body of the case as a generator; in a child process its log is the child's own. */
export function threadBody(name: string, steps: Step[], events: string[]): ThreadBody<unknown> {
  return function* (th: ThreadContext): Generator<ThreadOp, unknown, void> {
    const log = (text: string) => {
      if (!th.inChild) events.push(text);
    };
    try {
      let value: unknown = null;
      for (const s of steps) {
        const op = Object.keys(s)[0];
        if (op === "log") log(String(s.log));
        else if (op === "block") yield th.block(ms(s.block));
        else if (op === "spin") yield th.spin(ms(s.spin));
        else if (op === "return") {
          value = s.return;
          break;
        } else if (op === "raise") throw makeError(String(s.raise), s.msg as string | undefined);
        else throw new Error(`unknown thread step ${op}`);
      }
      log(`${name} returned ${J(value)}`);
      return value;
    } catch (e) {
      log(`${name} raised ${label(e)}`);
      throw e;
    }
  };
}
