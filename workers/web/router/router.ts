// The Router of docs/architecture.md's contracts: a thin class over the operations, each in its own
// file.
import { addRoute } from "./add.ts";
import { createRouterContext, type RouterContext } from "./context.ts";
import { describeRouter, type RouterSnapshot } from "./describe.ts";
import { matchRoute } from "./match.ts";
import type { MatchOptions, MatchResult, RouteInfo, RouterOptions, Strategy } from "./types.ts";

export class Router<H = unknown> {
  readonly strategy: Strategy;
  private readonly ctx: RouterContext<H>;

  constructor(options: RouterOptions = {}) {
    const strategy = options.strategy ?? "linear";
    if (strategy !== "radix" && strategy !== "linear") throw new Error(`Unknown router strategy '${String(strategy)}'`);
    this.strategy = strategy;
    this.ctx = createRouterContext<H>(strategy);
  }

  /** One call is one route. Methods are upper-cased; `[]` accepts every method (as FastAPI). */
  add(methods: string | readonly string[], path: string, handler: H): RouteInfo {
    return addRoute(this.ctx, methods, path, handler);
  }

  /** `target` is a path that may carry a query string, as in an HTTP request line. */
  match(method: string, target: string, options?: MatchOptions): MatchResult<H> {
    return matchRoute(this.ctx, method, target, options?.trace, options?.redirectSlashes ?? true);
  }

  /** The routes in declaration order. */
  get routes(): readonly RouteInfo[] {
    return this.ctx.routes.map((r) => r.info);
  }

  /** A plain-data picture of the tree (radix) or the regex list (linear), for visualizations. */
  describe(): RouterSnapshot {
    return describeRouter(this.ctx);
  }
}
