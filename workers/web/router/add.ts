// Declares one route (one call is one route, as FastAPI's add_api_route).
import type { RouteRecord, RouterContext } from "./context.ts";
import { insertRoute } from "./insert-radix.ts";
import { parseTemplate, templateRegex } from "./template.ts";
import type { MatchFound, RouteInfo } from "./types.ts";

export function addRoute<H>(ctx: RouterContext<H>, methods: string | readonly string[], path: string, handler: H): RouteInfo {
  const template = parseTemplate(path);
  // FastAPI upper-cases the methods and keeps them in a set; an Allow header lists them sorted.
  const list = typeof methods === "string" ? [methods] : methods;
  const upper = [...new Set(list.map((m) => m.toUpperCase()))].sort();
  const info: RouteInfo = Object.freeze({
    index: ctx.routes.length,
    path,
    methods: Object.freeze(upper),
    paramNames: template.paramNames,
  });
  const staticHit: MatchFound<H> | null =
    template.paramNames.length === 0 ? Object.freeze({ status: 200, handler, params: Object.freeze({}), route: info }) : null;
  const route: RouteRecord<H> = {
    info,
    handler,
    anyMethod: upper.length === 0,
    methodSet: new Set(upper),
    convertors: template.convertors,
    textParams: template.convertors.every((c) => c.name === "str" || c.name === "path"),
    regex: templateRegex(template),
    staticHit,
  };
  ctx.routes.push(route);
  if (ctx.strategy === "radix") insertRoute(ctx, template, route);
  return info;
}
