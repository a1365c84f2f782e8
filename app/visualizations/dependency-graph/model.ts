// The run's trace, cut into one view per request the learner's apps served: which dependencies
// were called (and in what order), which came from the request cache, which were torn down (and
// how), and where an error cut the request short. Pure, so it is tested in Node.
import type { TraceEvent } from "../../../workers/trace";
import type { WebAppTrace } from "../../../workers/web/app/trace";
import { senders } from "../sent-by";

export type Outcome = "ok" | "raised" | "suppressed";

export interface DepNode {
  /** The engine's id for the function in this request; 0 is the endpoint. */
  id: number;
  name: string;
  /** The step numbers (in `steps`) at which it was called: two when `useCache: false` made it run again. */
  calls: number[];
  cacheHits: number;
  generator: boolean;
  scope: "function" | "request" | null;
  teardown?: Teardown;
  /** The error it raised, when the request was cut short here. */
  raised?: string;
}

/** `from` needs `to`: `called` times it was run for it, `cached` times it came from the cache. */
export interface DepEdge {
  from: number;
  to: number;
  called: number;
  cached: number;
}

export interface Step {
  /** 1-based position among this request's resolution events. */
  order: number;
  id: number;
  name: string;
  parentId: number;
  parent: string;
  how: "called" | "cached";
}

export interface Teardown {
  order: number;
  id: number;
  name: string;
  outcome: Outcome;
  error?: string;
  afterResponse: boolean;
  /** It re-raised the error thrown in at its `yield` (the normal way for an error to leave). */
  passedOn: boolean;
}

/** What happened, in order, at a coarser grain: for the line that shows when teardown ran. */
export type Phase =
  | { kind: "resolve"; count: number }
  | { kind: "endpoint"; name: string; error?: string }
  | { kind: "teardown"; teardown: Teardown }
  | { kind: "handled"; error: string }
  | { kind: "response"; status: number }
  | { kind: "background"; name: string }
  | { kind: "unhandled"; error: string };

export interface Failure {
  /** The node that raised (0 = the endpoint); none when the router or validation refused. */
  id?: number;
  where: string;
  error: string;
  /** The response had already started: the error could not change it. */
  afterResponse: boolean;
}

export interface RequestView {
  /** 1-based position in the run. */
  index: number;
  /** The app's own request number. */
  request: number;
  method: string;
  path: string;
  status?: number;
  /** "your code", or the name of the check that sent it. */
  sentBy?: string;
  /** The request's last event in the trace: where the playhead goes to show it whole. */
  last: TraceEvent;
  endpoint: { name: string; ran: boolean; error?: string } | undefined;
  nodes: DepNode[];
  edges: DepEdge[];
  steps: Step[];
  teardowns: Teardown[];
  phases: Phase[];
  failure?: Failure;
}

function isApp(e: TraceEvent): e is WebAppTrace {
  return e.source === "web";
}

export function requestsOf(trace: readonly TraceEvent[]): RequestView[] {
  const views: RequestView[] = [];
  const events = new Map<RequestView, WebAppTrace[]>();
  const open = new Map<number, RequestView>();
  // Who sent a request: the step of the run (the learner's module, or a check) it happened in.
  const senderAt = senders(trace);
  for (const e of trace) {
    if (!isApp(e)) continue;
    if (e.kind === "request") {
      const view: RequestView = {
        index: views.length + 1,
        request: e.request,
        method: e.method,
        path: e.query ? `${e.path}?${e.query}` : e.path,
        sentBy: senderAt(e.t),
        last: e,
        endpoint: undefined,
        nodes: [],
        edges: [],
        steps: [],
        teardowns: [],
        phases: [],
      };
      views.push(view);
      events.set(view, []);
      open.set(e.request, view);
      continue;
    }
    const view = open.get(e.request);
    if (view) {
      events.get(view)!.push(e);
      view.last = e;
    }
  }
  for (const view of views) build(view, events.get(view)!);
  return views;
}

function build(view: RequestView, events: WebAppTrace[]): void {
  const nodes = new Map<number, DepNode>();
  const edges = new Map<string, DepEdge>();
  const node = (id: number, name: string): DepNode => {
    let n = nodes.get(id);
    if (!n) nodes.set(id, (n = { id, name, calls: [], cacheHits: 0, generator: false, scope: null }));
    return n;
  };
  const edge = (from: number, to: number): DepEdge => {
    const key = `${from}>${to}`;
    let e = edges.get(key);
    if (!e) edges.set(key, (e = { from, to, called: 0, cached: 0 }));
    return e;
  };
  let routed = true;
  let responseStarted = false;
  let endpointStarted = false;
  let lastCall: DepNode | undefined;
  let failure: Failure | undefined;

  const blame = (error: string): Failure => {
    if (!routed) return { where: "the router", error, afterResponse: responseStarted };
    if (error === "RequestValidationError") return { where: "parameter validation", error, afterResponse: false };
    if (!endpointStarted && lastCall) return { id: lastCall.id, where: lastCall.name, error, afterResponse: false };
    return { where: "the app", error, afterResponse: responseStarted };
  };

  const phase = (p: Phase) => {
    const last = view.phases[view.phases.length - 1];
    if (p.kind === "resolve" && last?.kind === "resolve") last.count++;
    else view.phases.push(p);
  };

  for (const e of events) {
    switch (e.kind) {
      case "route":
        routed = e.status === 200;
        break;
      case "dependency.call":
      case "dependency.cached": {
        if (e.parentId === 0) node(0, e.parent);
        const n = node(e.id, e.name);
        const order = view.steps.length + 1;
        const how = e.kind === "dependency.call" ? "called" : "cached";
        view.steps.push({ order, id: e.id, name: e.name, parentId: e.parentId, parent: e.parent, how });
        if (e.kind === "dependency.call") {
          n.calls.push(order);
          n.generator = e.generator;
          n.scope = e.scope;
          edge(e.parentId, e.id).called++;
          lastCall = n;
        } else {
          n.cacheHits++;
          edge(e.parentId, e.id).cached++;
        }
        phase({ kind: "resolve", count: 1 });
        break;
      }
      case "endpoint":
        node(0, e.name);
        if (e.phase === "start") {
          endpointStarted = true;
          view.endpoint = { name: e.name, ran: true };
        } else if (e.error) {
          view.endpoint = { name: e.name, ran: true, error: e.error };
          failure ??= { id: 0, where: e.name, error: e.error, afterResponse: false };
        }
        if (e.phase === "end") phase({ kind: "endpoint", name: e.name, error: e.error });
        break;
      case "dependency.teardown": {
        const t: Teardown = { order: view.teardowns.length + 1, id: e.id, name: e.name, outcome: e.outcome, afterResponse: responseStarted, passedOn: false };
        if (e.error) t.error = e.error;
        view.teardowns.push(t);
        node(e.id, e.name).teardown = t;
        phase({ kind: "teardown", teardown: t });
        if (e.outcome === "raised" && !failure) {
          // Before the endpoint ran, the error came from a dependency resolved after this one;
          // after it ran cleanly, the teardown itself failed.
          failure = endpointStarted ? { id: e.id, where: e.name, error: e.error ?? "an error", afterResponse: responseStarted } : blame(e.error ?? "an error");
        }
        break;
      }
      case "exception.handled":
      case "unhandled":
        phase(e.kind === "unhandled" ? { kind: "unhandled", error: e.error } : { kind: "handled", error: e.error });
        failure ??= blame(e.error);
        break;
      case "response.start":
        responseStarted = true;
        view.status ??= e.status;
        phase({ kind: "response", status: e.status });
        break;
      case "background":
        if (e.phase === "start") phase({ kind: "background", name: e.name });
        break;
    }
  }
  for (const t of view.teardowns) t.passedOn = t.outcome === "raised" && !!failure && failure.id !== t.id && failure.error === t.error;
  if (failure?.id !== undefined) {
    const culprit = nodes.get(failure.id);
    if (culprit) culprit.raised = failure.error;
  }
  if (routed && !view.endpoint && nodes.has(0)) view.endpoint = { name: nodes.get(0)!.name, ran: false };
  view.failure = failure;
  view.nodes = [...nodes.values()];
  view.edges = [...edges.values()];
}

/** One line that says what the request did, for the caption and screen readers. */
export function summarize(view: RequestView, total: number): string {
  const head = `Request ${view.index} of ${total}: ${view.method} ${view.path} → ${view.status ?? "no response"}`;
  const calls = view.steps.filter((s) => s.how === "called").length;
  const hits = view.steps.length - calls;
  const parts = [`${calls} ${calls === 1 ? "call" : "calls"}`, `${hits} cache ${hits === 1 ? "hit" : "hits"}`];
  if (view.teardowns.length > 0) parts.push(`${view.teardowns.length} teardown${view.teardowns.length === 1 ? "" : "s"}`);
  const f = view.failure;
  const cut = f ? (f.afterResponse ? `; ${f.where} raised ${f.error} after the response` : `; cut short by ${f.where} (${f.error})`) : "";
  return `${head}. ${parts.join(", ")}${cut}.`;
}
