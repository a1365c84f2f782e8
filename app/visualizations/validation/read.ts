// The validation calls of a run, read from its trace (workers/validation/trace.ts): each call's
// start, its visits in the order they happened, and its end with every error. Given the trace up
// to the playhead, a call not ended yet holds what had happened by then.
import type { TraceEvent } from "../../../workers/trace";
import { senders } from "../sent-by";
import type { Loc, Validation } from "./validation";

/** `loc` lies strictly inside `container`. */
function below(loc: Loc, container: Loc): boolean {
  return loc.length > container.length && container.every((part, i) => loc[i] === part);
}

export function readValidations(trace: readonly TraceEvent[]): Validation[] {
  const calls = new Map<number, Validation>();
  const out: Validation[] = [];
  const senderAt = senders(trace);
  // The requests a web app is serving, newest last: a validation then belongs to the newest.
  const open = new Map<number, string>();
  for (const e of trace) {
    if (e.source === "web" && e.kind === "request") open.set(e.request, `${e.method} ${e.path}`);
    if (e.source === "web" && (e.kind === "response.end" || e.kind === "unhandled")) open.delete(e.request);
    if (e.source !== "validation") continue;
    if (e.kind === "validate" && e.phase === "start") {
      const request = [...open.values()].at(-1);
      const v: Validation = { index: out.length + 1, model: e.model, input: e.input, visits: [], errors: [], errorCount: 0, ended: false, ok: undefined, visitsDropped: 0, request, sentBy: senderAt(e.t), first: e, last: e };
      calls.set(e.call, v);
      out.push(v);
      continue;
    }
    const v = calls.get(e.call);
    if (!v) continue; // its start was dropped with the trace's overflow
    v.last = e;
    if (e.kind === "node") {
      v.visits.push({ loc: e.loc, type: e.type, input: e.input, output: e.output, accepted: !e.error && e.output !== undefined, coerced: e.coerced, error: e.error });
      // A container's event repeats the first error found below it: that one is pinned already.
      if (e.error && !v.errors.some((err) => below(err.loc, e.loc))) {
        v.errors.push({ loc: e.loc, ...e.error });
        v.errorCount = v.errors.length;
      }
    } else {
      v.errors = e.errors.map((err) => ({ type: err.type, loc: err.loc, msg: err.msg }));
      v.errorCount = e.errorCount;
      v.ok = e.ok;
      v.ended = true;
      v.visitsDropped = e.nodesDropped;
    }
  }
  return out;
}
