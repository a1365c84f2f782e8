// Rebuilds one case of dependencies.json as a playground app (its `schema` field describes the
// format): dependencies of the four kinds, the edges between them, the APIRouter the route is
// declared on, app/router/route dependencies, overrides and exception handlers.
import { FastAPI } from "../app/app";
import { HTTPException, isCancelled } from "../app/errors";
import { APIRouter } from "../app/routing";
import { Depends, inject, type DependencyFn, type DependsMarker, type RequestContext } from "../di/depends";
import { expectKnown, installHandlers, label, makeError, type HandlerSpec } from "./common";

type Edge = string | { dep: string; use_cache?: boolean; scope?: "function" | "request" };

interface DepSpec {
  kind: "sync" | "async" | "generator" | "async_generator";
  depends_on?: Edge[];
  raise?: { where: "before" | "after_yield"; exc: string; unless_header?: [string, string] };
  on_error?: string;
  background?: string[];
}

export interface DependencyCase {
  name: string;
  deps: Record<string, DepSpec>;
  endpoint: { kind?: "async" | "sync"; depends_on?: Edge[]; route_deps?: Edge[]; raise?: string; background?: string[] };
  router_deps?: Edge[];
  app_deps?: Edge[];
  overrides?: Record<string, string>;
  exception_handlers?: Record<string, HandlerSpec>;
  request?: { method: string; path: string; headers?: Record<string, string> };
  expect: { status: number; body: unknown; events: string[] } | { setup_error: string; message: string };
}

type Params = Record<string, unknown>;

function named<F extends object>(fn: F, name: string): F {
  Object.defineProperty(fn, "name", { value: name });
  return fn;
}

function task(name: string, events: string[]): () => void {
  return named(() => void events.push(`bg:${name}`), name);
}

/** Builds the app; throws what FastAPI would throw while building it. */
export function buildDependencyApp(c: DependencyCase, events: string[]): FastAPI {
  expectKnown("case field", c, ["name", "description", "deps", "endpoint", "router_deps", "app_deps", "overrides", "exception_handlers", "request", "expect"]);
  if (c.request) expectKnown("request field", c.request, ["method", "path", "headers"]);
  const counts: Record<string, number> = {};
  const fns: Record<string, DependencyFn> = {};
  const edge = (e: Edge): DependsMarker<unknown> => {
    const spec = typeof e === "string" ? { dep: e } : e;
    const fn = fns[spec.dep];
    if (!fn) throw new Error(`unknown dependency in the recording: ${spec.dep}`);
    return Depends(fn, { useCache: spec.use_cache, scope: spec.scope });
  };

  for (const [name, spec] of Object.entries(c.deps)) {
    expectKnown("dependency field", spec, ["kind", "depends_on", "raise", "on_error", "background"]);
    expectKnown("dependency kind", spec.kind, ["sync", "async", "generator", "async_generator"]);
    if (spec.raise) expectKnown("raise.where", spec.raise.where, ["before", "after_yield"]);
    if (spec.on_error) expectKnown("on_error", spec.on_error.split(" ")[0], ["none", "reraise", "swallow", "raise_http", "raise", "finally"]);
    const edges = spec.depends_on ?? [];
    const enter = (params: Params, ctx: RequestContext): string => {
      const n = (counts[name] = (counts[name] ?? 0) + 1);
      events.push(`enter:${name}`);
      for (const t of spec.background ?? []) ctx.background.addTask(task(t, events));
      const r = spec.raise;
      if (r?.where === "before" && !(r.unless_header && ctx.request.headers.get(r.unless_header[0]) === r.unless_header[1])) {
        throw makeError(r.exc, name);
      }
      const subs = edges.map((_, i) => params[`p${i}`]);
      return subs.length > 0 ? `${name}#${n}(${subs.join(",")})` : `${name}#${n}`;
    };
    const afterYield = () => {
      events.push(`exit:${name}`);
      if (spec.raise?.where === "after_yield") throw makeError(spec.raise.exc, name);
    };
    const body = function* (params: Params, ctx: RequestContext): Generator<string, void, unknown> {
      const value = enter(params, ctx);
      const mode = spec.on_error ?? "none";
      if (mode === "finally") {
        try {
          yield value;
          afterYield();
        } finally {
          events.push(`finally:${name}`);
        }
        return;
      }
      if (mode === "none") {
        yield value;
        afterYield();
        return;
      }
      try {
        yield value;
      } catch (error) {
        if (isCancelled(error)) throw error; // Python's `except Exception` lets cancellation through
        events.push(`exit_error:${name}:${label(error)}`);
        if (mode === "reraise") throw error;
        if (mode === "swallow") return;
        const [verb, arg] = mode.split(" ");
        if (verb === "raise_http") throw new HTTPException(Number(arg), `raised by ${name} on error`, undefined, { cause: error });
        if (verb === "raise") throw makeError(arg, `${name} on error`);
        throw new Error(`unknown on_error in the recording: ${mode}`, { cause: error });
      }
      afterYield();
    };
    let fn: DependencyFn;
    switch (spec.kind) {
      case "sync":
        fn = (params: Params, ctx: RequestContext) => enter(params, ctx);
        break;
      case "async":
        fn = async (params: Params, ctx: RequestContext) => {
          await Promise.resolve();
          return enter(params, ctx);
        };
        break;
      case "generator":
        fn = function* (params: Params, ctx: RequestContext) {
          return yield* body(params, ctx);
        };
        break;
      case "async_generator":
        fn = async function* (params: Params, ctx: RequestContext) {
          await Promise.resolve();
          return yield* body(params, ctx);
        };
        break;
    }
    fns[name] = named(fn, name);
  }
  for (const [name, spec] of Object.entries(c.deps)) {
    const deps = Object.fromEntries((spec.depends_on ?? []).map((e, i) => [`p${i}`, edge(e)]));
    inject({ deps }, fns[name] as (params: Params, ctx: RequestContext) => unknown);
  }

  expectKnown("endpoint field", c.endpoint, ["kind", "depends_on", "route_deps", "raise", "background"]);
  const app = new FastAPI({ dependencies: (c.app_deps ?? []).map(edge) });
  for (const [original, replacement] of Object.entries(c.overrides ?? {})) app.dependencyOverrides.set(fns[original], fns[replacement]);
  installHandlers(app, c.exception_handlers, events);

  const router = new APIRouter({ dependencies: (c.router_deps ?? []).map(edge) });
  const ep = c.endpoint;
  const edges = ep.depends_on ?? [];
  const run = (params: Params, ctx: RequestContext) => {
    events.push("endpoint");
    for (const t of ep.background ?? []) ctx.background.addTask(task(t, events));
    if (ep.raise) throw makeError(ep.raise, "endpoint");
    return { values: edges.map((_, i) => params[`p${i}`]) };
  };
  const endpoint = ep.kind === "sync" ? run : async (params: Params, ctx: RequestContext) => run(params, ctx);
  router.addApiRoute("/run", named(endpoint, "run") as DependencyFn, {
    methods: ["GET"],
    deps: Object.fromEntries(edges.map((e, i) => [`p${i}`, edge(e)])),
    dependencies: (ep.route_deps ?? []).map(edge),
  });
  app.includeRouter(router);
  return app;
}
