// The linear strategy: Starlette's Router under FastAPI. Every route's regex is tried on the
// whole (percent-decoded) path in declaration order; the first route that matches and takes the
// method wins. A route that matches but refuses the method is remembered — the first such route
// answers 405 if nothing else matches fully.
import type { RouterContext } from "./context.ts";
import { paramsFromGroups } from "./params.ts";
import type { TraceSink } from "./trace.ts";
import type { MatchFound } from "./types.ts";

export function findLinear<H>(ctx: RouterContext<H>, method: string, path: string, trace?: TraceSink): MatchFound<H> | null {
  const routes = ctx.routes;
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i];
    // 1. The route's regex against the whole path: one comparison per route, in order.
    const groups = route.regex.exec(path);
    if (trace !== undefined) trace({ kind: "regex", route: i, pattern: route.regex.source, matched: groups !== null });
    if (groups === null) continue;
    // 2. The method: a full match ends the scan, a partial one is kept for a 405.
    const accepted = route.anyMethod || route.methodSet.has(method);
    if (trace !== undefined) trace({ kind: "route", route: i, accepted });
    if (accepted) return route.staticHit ?? { status: 200, handler: route.handler, params: paramsFromGroups(route, groups), route: route.info };
    ctx.partial ??= route;
  }
  return null;
}
