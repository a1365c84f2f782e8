// The requests of one run as the onion shows them, from the web app's trace alone: the layers
// each request passed (outermost first), the steps it took through them in order, and which
// layer answered it. Router steps, dependencies and background tasks are left to other views.
import type { LayerKind, WebAppTrace } from "../../../workers/web/app/trace";
import type { TraceEvent } from "../../../workers/trace";
import { formatMs } from "../run-timeline/steps";

export interface Layer {
  name: string;
  kind: LayerKind;
  depth: number;
  /** False for the layers inside the one that answered without calling on. */
  reached: boolean;
}

export type StepKind = "arrive" | "enter" | "call" | "route" | "endpoint" | "raise" | "handled" | "return" | "response" | "sent" | "unhandled";

export interface Step {
  kind: StepKind;
  /** The layer it happened in; undefined for the client's side (arrive, sent, unhandled). */
  depth?: number;
  layer: string;
  direction: "in" | "out";
  /** What happened, in a few words. */
  what: string;
  status?: number;
  error?: string;
  /** Milliseconds since the request arrived. */
  t: number;
  /** The trace event it was read from: where the playhead goes to show this step. */
  event: WebAppTrace;
}

export interface RequestView {
  /** 1-based, in the order the run sent them. */
  index: number;
  method: string;
  path: string;
  status?: number;
  layers: Layer[];
  steps: Step[];
  /** The innermost layer that sent a response out (the endpoint's router, a middleware, an error layer). */
  answeredBy?: Layer;
  /** A middleware answered without calling on: the layers inside it never saw the request. */
  shortCircuit: boolean;
  /** An error escaped the app (the server logged it). */
  unhandled?: string;
  durationMs: number;
}

type Body<K extends WebAppTrace["kind"]> = Extract<WebAppTrace, { kind: K }>;

export function requestsOf(trace: readonly TraceEvent[]): RequestView[] {
  // Events of one request share its number; a second app numbers from 1 again, so a number
  // belongs to the latest "request" event that carried it.
  const groups: WebAppTrace[][] = [];
  const open = new Map<number, WebAppTrace[]>();
  for (const event of trace) {
    if (event.source !== "web") continue;
    if (event.kind === "request") {
      const group = [event];
      groups.push(group);
      open.set(event.request, group);
    } else {
      open.get(event.request)?.push(event);
    }
  }
  const views = groups.map((events, i) => viewOf(events, i + 1));
  for (const view of views) completeLayers(view, views);
  return views;
}

function viewOf(events: WebAppTrace[], index: number): RequestView {
  const first = events[0] as Body<"request">;
  const layers: Layer[] = [];
  for (const e of events) {
    if (e.kind === "layer.enter") layers[e.depth] = { name: e.layer, kind: e.layerKind, depth: e.depth, reached: true };
  }
  const nameAt = (depth: number) => layers[depth]?.name ?? "?";
  const depthOf = (kind: LayerKind) => layers.findIndex((l) => l?.kind === kind);
  const steps: Step[] = [];
  const add = (step: Omit<Step, "t" | "event">, e: WebAppTrace) => steps.push({ ...step, t: e.t - first.t, event: e });
  let status: number | undefined;
  let unhandled: string | undefined;
  let answered = -1;

  for (const e of events) {
    switch (e.kind) {
      case "request":
        add({ kind: "arrive", layer: "client", direction: "in", what: `${e.method} ${e.path} arrives` }, e);
        break;
      case "layer.enter":
        add({ kind: "enter", depth: e.depth, layer: e.layer, direction: "in", what: "request in" }, e);
        break;
      case "layer.callNext":
        if (e.phase === "call") add({ kind: "call", depth: e.depth, layer: e.layer, direction: "in", what: "calls callNext" }, e);
        else if (e.error) add({ kind: "return", depth: e.depth, layer: e.layer, direction: "out", what: `callNext raised ${e.error}`, error: e.error }, e);
        else add({ kind: "return", depth: e.depth, layer: e.layer, direction: "out", what: "callNext returned", status: e.status }, e);
        break;
      case "route": {
        const depth = depthOf("router");
        const what = e.status === 200 ? `matches ${e.path}` : `no route: ${e.status}`;
        add({ kind: "route", depth, layer: nameAt(depth), direction: "in", what }, e);
        break;
      }
      case "endpoint": {
        const depth = depthOf("router");
        const what = e.phase === "start" ? "endpoint runs" : e.error ? `endpoint raised ${e.error}` : "endpoint returned";
        add({ kind: "endpoint", depth, layer: "endpoint", direction: e.phase === "start" ? "in" : "out", what, error: e.error }, e);
        break;
      }
      case "exception.handled": {
        const depth = depthOf(e.layer === "exception" ? "exception" : e.layer === "server-error" ? "server-error" : "router");
        add({ kind: "handled", depth, layer: nameAt(depth), direction: "out", what: `turns ${e.error} into a response`, error: e.error }, e);
        break;
      }
      case "layer.exit":
        // A layer that finished normally says nothing new; one that an error left does.
        if (e.error) add({ kind: "raise", depth: e.depth, layer: e.layer, direction: "out", what: `raised ${e.error}`, error: e.error }, e);
        break;
      case "layer.response":
        answered = Math.max(answered, e.depth);
        add({ kind: "response", depth: e.depth, layer: e.layer, direction: "out", what: "response out", status: e.status }, e);
        break;
      case "response.start":
        status = e.status;
        add({ kind: "sent", layer: "client", direction: "out", what: `client gets ${e.status}`, status: e.status }, e);
        break;
      case "unhandled":
        unhandled = e.error;
        add({ kind: "unhandled", layer: "server", direction: "out", what: `${e.error} escaped the app`, error: e.error }, e);
        break;
    }
  }
  const answeredBy = answered >= 0 ? layers[answered] : undefined;
  const deepest = layers.length - 1;
  return {
    index,
    method: first.method,
    path: first.path,
    status,
    layers: Array.from(layers, (l, depth) => l ?? { name: "?", kind: "http-middleware", depth, reached: true }),
    steps,
    answeredBy,
    shortCircuit: answeredBy !== undefined && answeredBy.depth === deepest && answeredBy.kind !== "router" && !steps.some((s) => s.kind === "raise"),
    unhandled,
    durationMs: events[events.length - 1].t - first.t,
  };
}

/**
 * A request a middleware answered never entered the layers inside it, so its events do not name
 * them; borrow them from a request of the same stack that went deeper, to show what it skipped.
 */
function completeLayers(view: RequestView, all: RequestView[]): void {
  if (view.layers.some((l) => l.kind === "router")) return;
  const sameOutside = (other: RequestView) =>
    other.layers.length > view.layers.length && view.layers.every((l, d) => other.layers[d].name === l.name && other.layers[d].kind === l.kind);
  const deeper = all.find((other) => other !== view && sameOutside(other));
  if (!deeper) return;
  view.layers = [...view.layers, ...deeper.layers.slice(view.layers.length).map((l) => ({ ...l, reached: false }))];
}

/** "GET / → 403", the words a request is picked by. */
export function requestLabel(view: RequestView): string {
  const outcome = view.status === undefined ? "no response" : String(view.status);
  const by = view.shortCircuit && view.answeredBy ? ` (${view.answeredBy.name})` : "";
  return `${view.index}. ${view.method} ${view.path} → ${outcome}${by}`;
}

/** One sentence about the whole request, for the live summary. */
export function requestSummary(view: RequestView): string {
  const head = `${view.method} ${view.path} → ${view.status ?? "no response"} in ${formatMs(view.durationMs)}`;
  const through = `${view.layers.filter((l) => l.reached).length} of ${view.layers.length} layers`;
  if (view.shortCircuit && view.answeredBy) return `${head}: short-circuited by ${view.answeredBy.name}; the ${view.layers.length - view.answeredBy.depth - 1} layers inside it never saw the request.`;
  const raised = view.steps.find((s) => s.kind === "raise");
  if (raised && view.answeredBy) return `${head}: ${raised.layer} raised ${raised.error}, and ${view.answeredBy.name} answered ${view.answeredBy.kind === "server-error" ? "with a 500" : "for it"}.`;
  if (view.answeredBy?.kind === "router") return `${head}: through ${through} to the endpoint and back out.`;
  return `${head}: answered by ${view.answeredBy?.name ?? "no layer"} (${through} entered).`;
}
