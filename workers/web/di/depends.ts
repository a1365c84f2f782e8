// Dependency injection as FastAPI 0.142 does it, with the choices where FastAPI versions differ:
//
// - Teardown timing (FastAPI >= 0.118 with the `scope` of 0.121): a `yield` dependency is
//   "request"-scoped by default and its code after `yield` runs after the response has been
//   sent and after the background tasks; with `Depends(fn, { scope: "function" })` it runs as
//   soon as the endpoint returns, before the response. (0.106-0.117 ran all teardown before the
//   response; < 0.106 after it but outside exception handlers.)
// - Errors at `yield` (FastAPI >= 0.110): the endpoint's error is thrown into each generator at
//   its `yield`, innermost first; a generator that catches it and does not re-raise swallows
//   it, and FastAPI then fails with FastAPIError "Response not awaited" (a 500), rather than
//   (< 0.110) still sending the handled error's response.
// - An HTTPException raised after `yield` in a request-scoped dependency comes after the
//   response started, so it becomes "RuntimeError: Caught handled exception, but response
//   already started." (logged by the server; the client already has its response).
// - The request-scoped cache key is (function, computed scope): the same function asked for
//   with scope "function" and with scope "request" runs twice. Every value is written to the
//   cache the first time (even by a `useCache: false` edge); `useCache: false` only skips the
//   read. A dependency's own sub-dependencies are resolved before its cache is consulted, so an
//   uncached grandchild runs again even when the parent comes from the cache.
// - Overrides are looked up by the function; the replacement's own parameters are used, and the
//   cache key stays the original function's.
// - Route-level `dependencies: [Depends(...)]` keep their scope but not `useCache: false`
//   (current FastAPI builds them without it). They run before the endpoint's parameters, in the
//   order app, router, route.
// - A request-scoped `yield` dependency may not depend on a function-scoped one
//   (DependencyScopeError, raised when the route is declared).
import type { BackgroundTasks } from "../app/background";
import { DependencyScopeError } from "../app/errors";
import { bodyFields, type BodyDecl, type BodyField, type BodyValues } from "../app/body";
import { paramFields, type ParamDecl, type ParamField, type ParamValues } from "../app/params";
import type { HTTPConnection } from "../app/connection";
import type { Request } from "../app/request";
import type { WebSocket } from "../websocket/websocket";

export type DependencyScope = "function" | "request";

export interface DependsOptions {
  /** false: call the function again instead of reusing this request's value. Default true. */
  useCache?: boolean;
  /** For `yield` dependencies: when the code after `yield` runs. Default "request". */
  scope?: DependencyScope;
}

/**
 * What every endpoint and dependency receives as its second argument. On a WebSocket route
 * FastAPI hands dependencies the WebSocket where an HTTP route has the Request, so a dependency
 * meant for both reads `connection` (Starlette's HTTPConnection).
 */
export interface RequestContext {
  /** The HTTP request. On a WebSocket route there is none: reading it throws (FastAPI fails there too). */
  request: Request;
  /** On a WebSocket route these tasks are never run, as in FastAPI. */
  background: BackgroundTasks;
  /** The request, or the WebSocket on a WebSocket route. */
  connection: HTTPConnection;
  /** The WebSocket on a WebSocket route; null on an HTTP route. */
  websocket: WebSocket | null;
}

/** Any function usable as a dependency or an endpoint: (params, ctx) => value. */
export type DependencyFn = (params: never, ctx: never) => unknown;

/** The value a dependency provides: what it returns, resolves to, or yields. */
export type Provided<F> = F extends (...args: never[]) => infer R
  ? R extends AsyncGenerator<infer Y, unknown, unknown>
    ? Y
    : R extends Generator<infer Y, unknown, unknown>
      ? Y
      : Awaited<R>
  : never;

export class DependsMarker<T = unknown> {
  declare readonly valueType: T;
  readonly dependency: DependencyFn;
  readonly useCache: boolean;
  readonly scope: DependencyScope | undefined;

  constructor(dependency: DependencyFn, options: DependsOptions = {}) {
    if (typeof dependency !== "function") throw new TypeError("Depends() needs a function");
    this.dependency = dependency;
    this.useCache = options.useCache ?? true;
    this.scope = options.scope;
  }
}

/** FastAPI's `Depends(fn, use_cache=..., scope=...)`. */
export function Depends<F extends DependencyFn>(fn: F, options?: DependsOptions): DependsMarker<Provided<F>> {
  return new DependsMarker<Provided<F>>(fn, options);
}

/** What a function receives in its first argument: parameters and dependencies by name. */
export interface Signature extends ParamDecl {
  /** The request body: one validation type (passed as `body`), or named body parameters. */
  body?: BodyDecl;
  deps?: Record<string, DependsMarker<unknown>>;
}

type DepValues<D> = D extends Record<string, DependsMarker<unknown>> ? { [K in keyof D]: D[K]["valueType"] } : unknown;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

export type Values<S extends Signature> = Simplify<
  ParamValues<S["path"]> & ParamValues<S["query"]> & ParamValues<S["headers"]> & BodyValues<S["body"]> & DepValues<S["deps"]>
>;

const signatures = new WeakMap<DependencyFn, Signature>();

/**
 * Declares what a dependency needs (the TypeScript stand-in for its Python parameter list) and
 * returns the same function, so it stays the key for `dependencyOverrides`.
 */
export function inject<const S extends Signature, R>(
  signature: S,
  fn: (params: Values<S>, ctx: RequestContext) => R,
): (params: Values<S>, ctx: RequestContext) => R {
  signatures.set(fn as DependencyFn, signature);
  return fn;
}

export function signatureOf(fn: DependencyFn): Signature {
  return signatures.get(fn) ?? {};
}

export type CallKind = "plain" | "generator" | "asyncGenerator";

const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor;

export function callKind(fn: DependencyFn): CallKind {
  if (fn instanceof AsyncGeneratorFunction) return "asyncGenerator";
  if (fn instanceof GeneratorFunction) return "generator";
  return "plain";
}

/** One node of the tree FastAPI builds when a route is declared. */
export interface Dependant {
  call: DependencyFn;
  /** The parameter name the value is passed under; none for route-level `dependencies`. */
  name: string | undefined;
  useCache: boolean;
  /** The scope written on the edge, if any. */
  scope: DependencyScope | undefined;
  kind: CallKind;
  dependencies: Dependant[];
  params: ParamField[];
  body: BodyField[];
}

export function computedScope(d: Dependant): DependencyScope | undefined {
  if (d.scope) return d.scope;
  return d.kind === "plain" ? undefined : "request";
}

export function dependencyName(fn: DependencyFn): string {
  return fn.name || "<unnamed_callable>";
}

export function getDependant(
  call: DependencyFn,
  edge: { name?: string; useCache?: boolean; scope?: DependencyScope; signature?: Signature } = {},
): Dependant {
  const signature = edge.signature ?? signatureOf(call);
  const dependant: Dependant = {
    call,
    name: edge.name,
    useCache: edge.useCache ?? true,
    scope: edge.scope,
    kind: callKind(call),
    dependencies: [],
    params: paramFields(signature),
    body: bodyFields(signature.body),
  };
  for (const [name, marker] of Object.entries(signature.deps ?? {})) {
    if (dependant.kind !== "plain" && computedScope(dependant) === "request" && marker.scope === "function") {
      throw new DependencyScopeError(
        `The dependency "${dependencyName(call)}" has a scope of "request", it cannot depend on dependencies with scope "function".`,
      );
    }
    dependant.dependencies.push(getDependant(marker.dependency, { name, useCache: marker.useCache, scope: marker.scope }));
  }
  return dependant;
}

/** FastAPI's get_flat_dependant, for the body: every body parameter of the tree, the dependant's own before its dependencies'. */
export function flatBodyFields(dependant: Dependant): BodyField[] {
  return [...dependant.body, ...dependant.dependencies.flatMap(flatBodyFields)];
}

/** A route-level `dependencies: [...]` entry: run for its effect, its value not passed on. */
export function getParameterlessDependant(marker: DependsMarker<unknown>): Dependant {
  return getDependant(marker.dependency, { scope: marker.scope });
}
