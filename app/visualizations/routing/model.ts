// The routing visualization's reading of a run's trace: each request with the route table it was
// looked up in, the path the radix lookup took through the tree, and the last raw request.
import type { TraceEvent } from "../../../workers/trace";
import type { HttpParsedEvent, RoutingLookupEvent, RoutingTableEvent, StrategyLookup } from "../../../workers/web/playground-routing";
import type { NodeSnapshot } from "../../../workers/web/router/describe";

export interface Lookup {
  event: RoutingLookupEvent;
  table: RoutingTableEvent | undefined;
  /** The status the app sent: a route found (200 from the router) may still answer 422. */
  response?: number;
}

export interface RoutingRun {
  lookups: Lookup[];
  /** The last text TestClient.raw parsed, and the lookup it led to (when the app got it). */
  raw: { event: HttpParsedEvent; lookup: Lookup | undefined } | undefined;
}

export function readRun(trace: readonly TraceEvent[]): RoutingRun {
  const tables = new Map<number, RoutingTableEvent>();
  const lookups: Lookup[] = [];
  let raw: RoutingRun["raw"];
  let rawPending = false;
  // Requests are numbered per app; an app's response follows its own lookup.
  const awaiting = new Map<number, Lookup>();
  for (const e of trace) {
    if (e.source === "web" && e.kind === "response.start") {
      const lookup = awaiting.get(e.request);
      if (lookup) lookup.response = e.status;
      awaiting.delete(e.request);
    }
    if (e.source !== "web-routing") continue;
    if (e.kind === "routing.table") tables.set(e.app, e);
    else if (e.kind === "http.parsed") {
      raw = { event: e, lookup: undefined };
      rawPending = e.ok;
    } else {
      const lookup: Lookup = { event: e, table: tables.get(e.app) };
      lookups.push(lookup);
      awaiting.set(e.request, lookup);
      if (rawPending && raw) raw.lookup = lookup;
      rawPending = false;
    }
  }
  return { lookups, raw };
}

export type NodeState = "found" | "left" | "failed" | "idle";

export interface Walk {
  /** The static map answered: the tree was not walked at all. */
  staticHit: boolean;
  /** Node id → the step numbers (1 is the static map probe) at which the lookup tried it. */
  visits: Map<number, number[]>;
  states: Map<number, NodeState>;
  steps: WalkStep[];
  /** The redirect probe that followed a miss, if any (its steps are not drawn). */
  probe: string | undefined;
}

export interface WalkStep {
  n: number;
  text: string;
  matched: boolean;
}

function ancestorsOf(root: NodeSnapshot, routeIndex: number): number[] {
  const path: number[] = [];
  const visit = (node: NodeSnapshot): boolean => {
    path.push(node.id);
    if (node.routes.includes(routeIndex) || node.children.some(visit)) return true;
    path.pop();
    return false;
  };
  visit(root);
  return path;
}

/** The radix lookup's first pass (before any redirect probe), as the tree should show it. */
export function walkOf(lookup: Lookup): Walk {
  const { radix } = lookup.event;
  const probeAt = radix.steps.findIndex((s) => s.kind === "redirect-probe");
  const probeStep = probeAt === -1 ? undefined : radix.steps[probeAt];
  const first = probeAt === -1 ? radix.steps : radix.steps.slice(0, probeAt);
  const visits = new Map<number, number[]>();
  const states = new Map<number, NodeState>();
  const steps: WalkStep[] = [];
  const labels = lookup.table ? paramLabels(lookup.table.tree, lookup.table.routes) : new Map<number, string>();
  let n = 0;
  for (const s of first) {
    if (s.kind === "static-hit" || s.kind === "static-miss") {
      steps.push({ n: ++n, text: `static map: ${s.kind === "static-hit" ? "hit" : "miss"} for ${s.path}`, matched: s.kind === "static-hit" });
    } else if (s.kind === "node" || s.kind === "param") {
      n++;
      visits.set(s.node, [...(visits.get(s.node) ?? []), n]);
      steps.push({ n, text: s.kind === "node" ? `"${s.label}"` : `${labels.get(s.node) ?? s.label} = "${s.value}"`, matched: s.matched });
      states.set(s.node, s.matched ? "left" : states.get(s.node) === "left" ? "left" : "failed");
    }
  }
  const staticHit = first[0]?.kind === "static-hit" && radix.status === 200;
  if (radix.status === 200 && radix.route !== undefined && lookup.table) {
    for (const id of ancestorsOf(lookup.table.tree, radix.route)) states.set(id, "found");
  }
  return { staticHit, visits, states, steps, probe: probeStep?.kind === "redirect-probe" ? probeStep.path : undefined };
}

/** "200 /users/me", "405 Allow: GET", "307 → /users/me", "404". */
export function outcome(result: StrategyLookup, table: RoutingTableEvent | undefined): string {
  switch (result.status) {
    case 200: {
      const route = result.route === undefined ? undefined : table?.routes[result.route];
      return route ? `200 ${route.path}` : "200";
    }
    case 405:
      return `405 Allow: ${result.allow?.join(", ") ?? ""}`;
    case 307:
      return `307 → ${result.location ?? ""}`;
    default:
      return "404";
  }
}

export function comparisons(n: number): string {
  return `${n} comparison${n === 1 ? "" : "s"}`;
}

/** The request's path and query, as a learner wrote it. */
export function targetOf(event: RoutingLookupEvent): string {
  return event.query ? `${event.path}?${event.query}` : event.path;
}

/** The linear scan and the radix tree chose differently (the declaration-order trap). */
export function disagree(event: RoutingLookupEvent): boolean {
  return event.radix.status !== event.linear.status || event.radix.route !== event.linear.route;
}

const PARAM_NAME = /\{([^}:]+)(?::([^}]+))?\}/g;

/**
 * A parameter node's label as the learner wrote it ("{username}", "{order_id:int}") when every
 * route through the node names that parameter alike; the convertor ("{str}") otherwise.
 */
export function paramLabels(root: NodeSnapshot, routes: readonly { path: string }[]): Map<number, string> {
  const labels = new Map<number, Set<string>>();
  const walk = (node: NodeSnapshot, params: NodeSnapshot[]) => {
    const chain = node.kind === "param" || node.kind === "path" ? [...params, node] : params;
    for (const index of node.routes) {
      const names = [...(routes[index]?.path ?? "").matchAll(PARAM_NAME)].map((m) => (m[2] && m[2] !== "str" ? `{${m[1]}:${m[2]}}` : `{${m[1]}}`));
      // Pattern nodes hold several parameters: their labels stay as they are.
      if (names.length !== chain.length) continue;
      chain.forEach((p, i) => labels.set(p.id, (labels.get(p.id) ?? new Set()).add(names[i])));
    }
    for (const child of node.children) walk(child, chain);
  };
  walk(root, []);
  const out = new Map<number, string>();
  for (const [id, names] of labels) if (names.size === 1) out.set(id, [...names][0]);
  return out;
}
