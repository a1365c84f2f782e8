// What the routing lesson draws that an app's own trace does not carry: the route table as a
// radix tree, the same lookup under every strategy (the app itself runs only one), and a raw
// request parsed field by field. The sandbox's `playground/web` feeds this observer; it only
// watches — a failure here never changes what the app answers.
import { parseRequest } from "./http/parse-request.ts";
import { quote } from "./http/percent.ts";
import type { NodeSnapshot } from "./router/describe.ts";
import { Router } from "./router/router.ts";
import { countComparisons, type RouterStep } from "./router/trace.ts";
import type { Params, Strategy } from "./router/types.ts";

interface RoutingTraceBase {
  t: number;
  source: "web-routing";
}

export interface RouteRow {
  index: number;
  path: string;
  methods: string[];
  name: string;
}

/** One strategy's answer to a lookup, and what it took to get there. */
export interface StrategyLookup {
  status: 200 | 307 | 404 | 405;
  /** 200: the index of the route that answers, and its converted parameters. */
  route?: number;
  params?: Params;
  /** 405: the Allow list. */
  allow?: string[];
  /** 307: the other trailing-slash form of the path, with the query kept. */
  location?: string;
  /** Nodes, parameters, regexes and static-map probes tried (countComparisons). */
  comparisons: number;
  steps: RouterStep[];
}

export interface ParsedRequestFields {
  method: string;
  target: string;
  rawPath: string;
  path: string;
  queryString: string;
  query: [string, string][];
  version: string;
  headers: [string, string][];
  body: string;
}

/** The routes of an app, sent once per app and again whenever routes were added. */
export type RoutingTableEvent = RoutingTraceBase & {
  kind: "routing.table";
  app: number;
  /** The strategy the app itself routes with. */
  strategy: Strategy;
  routes: RouteRow[];
  /** The radix tree built from the routes (Router.describe()); node ids match the radix steps. */
  tree: NodeSnapshot;
  staticPaths: string[];
};

/** For each request an app serves: the same lookup run on shadow routers of each strategy. */
export type RoutingLookupEvent = RoutingTraceBase & {
  kind: "routing.lookup";
  app: number;
  /** The app's own request number (the `request` of its web trace events). */
  request: number;
  method: string;
  /** Percent-decoded, as routes match it. */
  path: string;
  /** As sent, without its "?" ("" when there is none). */
  query: string;
  strategy: Strategy;
  /** A static map alone: one hash lookup of the whole path, which knows no parameters. */
  staticMap: { hit: boolean; comparisons: 1 };
  radix: StrategyLookup;
  linear: StrategyLookup;
};

/** What TestClient.raw read from the text it was given, before the app saw anything. */
export type HttpParsedEvent = RoutingTraceBase & { kind: "http.parsed"; text: string } & (
    | { ok: true; request: ParsedRequestFields }
    | { ok: false; reason: string; line?: number }
  );

export type RoutingTrace = RoutingTableEvent | RoutingLookupEvent | HttpParsedEvent;

/** What the observer needs of an app: the routes it declared and its own strategy. */
export interface ObservedApp {
  readonly strategy: Strategy;
  readonly routes: readonly { path: string; methods: readonly string[]; name: string }[];
}

interface Shadow {
  id: number;
  /** Routes only ever get added, so their count tells whether the table changed. */
  routeCount: number;
  radix: Router<number>;
  linear: Router<number>;
}

const TEXT_CAP = 4000;

function capped(text: string): string {
  return text.length <= TEXT_CAP ? text : `${text.slice(0, TEXT_CAP)}… (${text.length - TEXT_CAP} more characters)`;
}

function lookup(router: Router<number>, method: string, target: string): StrategyLookup {
  const steps: RouterStep[] = [];
  const match = router.match(method, target, { trace: (step) => steps.push({ ...step }) });
  const base = { status: match.status, comparisons: countComparisons(steps), steps };
  switch (match.status) {
    case 200:
      return { ...base, route: match.handler, params: { ...match.params } };
    case 405:
      return { ...base, allow: [...match.allow] };
    case 307:
      return { ...base, location: match.location };
    default:
      return base;
  }
}

export function routingObserver(env: { now(): number; trace(event: RoutingTrace): void }) {
  const shadows = new WeakMap<ObservedApp, Shadow>();
  let apps = 0;

  function shadowOf(app: ObservedApp): Shadow {
    const known = shadows.get(app);
    if (known !== undefined && known.routeCount === app.routes.length) return known;
    const radix = new Router<number>({ strategy: "radix" });
    const linear = new Router<number>({ strategy: "linear" });
    const routes = app.routes.map((r, index) => ({ index, path: r.path, methods: [...r.methods], name: r.name }));
    for (const r of routes) {
      radix.add(r.methods, r.path, r.index);
      linear.add(r.methods, r.path, r.index);
    }
    const shadow = { id: known?.id ?? ++apps, routeCount: routes.length, radix, linear };
    shadows.set(app, shadow);
    const snapshot = radix.describe();
    if (snapshot.strategy === "radix") {
      env.trace({ t: env.now(), source: "web-routing", kind: "routing.table", app: shadow.id, strategy: app.strategy, routes, tree: snapshot.root, staticPaths: snapshot.staticPaths });
    }
    return shadow;
  }

  return {
    /** An app started serving a request (its `request` trace event): `path` is percent-decoded. */
    served(app: ObservedApp, request: { request: number; method: string; path: string; query: string }): void {
      const { method, path, query } = request;
      try {
        const shadow = shadowOf(app);
        // The routers decode the target again, so the decoded path goes back in encoded.
        const target = quote(path) + (query ? `?${query}` : "");
        const radix = lookup(shadow.radix, method, target);
        const first = radix.steps[0];
        env.trace({
          t: env.now(),
          source: "web-routing",
          kind: "routing.lookup",
          app: shadow.id,
          request: request.request,
          method,
          path,
          query,
          strategy: app.strategy,
          staticMap: { hit: first?.kind === "static-hit", comparisons: 1 },
          radix,
          linear: lookup(shadow.linear, method, target),
        });
      } catch {
        // A route table the router refuses fails the app itself a moment later, in its own way.
      }
    },

    /** TestClient.raw is about to send `text`. */
    parsed(text: string): void {
      const result = parseRequest(text);
      const base = { t: env.now(), source: "web-routing" as const, kind: "http.parsed" as const, text: capped(text) };
      if (!result.ok) {
        env.trace(result.line === undefined ? { ...base, ok: false, reason: result.reason } : { ...base, ok: false, reason: result.reason, line: result.line });
        return;
      }
      const r = result.request;
      env.trace({
        ...base,
        ok: true,
        request: {
          method: r.method,
          target: r.target,
          rawPath: r.rawPath,
          path: r.path,
          queryString: r.queryString,
          query: r.query.pairs.map(([k, v]) => [k, v]),
          version: r.version,
          headers: r.headers.raw.map(([k, v]) => [k, v]),
          body: capped(r.body),
        },
      });
    },
  };
}
