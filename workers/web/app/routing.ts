// FastAPI's APIRouter: routes declared with get/post/…, a prefix, router-level dependencies, and
// include_router, which copies the routes it finds at that moment (a route added to the
// included router later is not seen). The dependency tree of each route is built when it is
// declared, so a DependencyScopeError surfaces there, as in FastAPI.
import {
  flatBodyFields,
  getDependant,
  getParameterlessDependant,
  type Dependant,
  type DependencyFn,
  type DependsMarker,
  type RequestContext,
  type Signature,
  type Values,
} from "../di/depends";
import type { WebSocket } from "../websocket/websocket";
import { shouldEmbedBody } from "./body";

export interface RouteOptions extends Signature {
  /** Dependencies run for their effect (auth checks); their values are not passed on. */
  dependencies?: DependsMarker<unknown>[];
  /** The status of a successful response when the endpoint returns plain data. Default 200. */
  statusCode?: number;
  name?: string;
}

export interface ApiRouteOptions extends RouteOptions {
  methods: string[];
}

type Convertor<C> = C extends "int" | "float" ? number : string;
type PathParam<S extends string> = S extends `${infer N}:${infer C}` ? { [K in N]: Convertor<C> } : { [K in S]: string };
/** The parameters named in a path template: "/items/{id:int}" gives { id: number }. */
export type PathParams<P extends string> = P extends `${string}{${infer Param}}${infer Rest}` ? PathParam<Param> & PathParams<Rest> : unknown;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type EndpointValues<P extends string, S extends Signature> = Simplify<Omit<PathParams<P>, keyof S["path"]> & Values<S>>;

export type Endpoint<V> = (params: V, ctx: RequestContext) => unknown;

/** A WebSocket handler: the connection, then its parameters and dependencies, then the context. */
export type WebSocketEndpoint<V> = (websocket: WebSocket, params: V, ctx: RequestContext) => Promise<void> | void;

/** FastAPI's add_api_websocket_route takes a name and dependencies besides the parameters. */
export interface WebSocketRouteOptions extends Signature {
  dependencies?: DependsMarker<unknown>[];
  name?: string;
}

/** FastAPI's APIWebSocketRoute: matched only by WebSocket connections, as an APIRoute only by HTTP requests. */
export interface APIWebSocketRoute {
  readonly path: string;
  readonly endpoint: WebSocketEndpoint<never>;
  readonly name: string;
  readonly options: WebSocketRouteOptions;
  /** app, include, router and route dependencies, outermost first. */
  readonly dependencies: DependsMarker<unknown>[];
  readonly dependant: Dependant;
}

export interface APIRoute {
  readonly path: string;
  readonly methods: string[];
  readonly endpoint: DependencyFn;
  readonly name: string;
  readonly options: RouteOptions;
  /** app, include, router and route dependencies, outermost first. */
  readonly dependencies: DependsMarker<unknown>[];
  readonly dependant: Dependant;
  /** FastAPI's body_field: whether the route (or a dependency) reads the body, and its shape. */
  readonly body: { embed: boolean } | undefined;
}

function checkPrefix(prefix: string): void {
  if (prefix && !prefix.startsWith("/")) throw new Error("A path prefix must start with '/'");
  if (prefix.endsWith("/")) throw new Error("A path prefix must not end with '/', as the routes will start with '/'");
}

export interface APIRouterOptions {
  prefix?: string;
  dependencies?: DependsMarker<unknown>[];
}

export class APIRouter {
  readonly prefix: string;
  readonly dependencies: DependsMarker<unknown>[];
  readonly routes: APIRoute[] = [];
  /** Kept apart from `routes`: a WebSocket never matches an HTTP route, nor a request a WebSocket one. */
  readonly websocketRoutes: APIWebSocketRoute[] = [];

  constructor(options: APIRouterOptions = {}) {
    this.prefix = options.prefix ?? "";
    checkPrefix(this.prefix);
    this.dependencies = [...(options.dependencies ?? [])];
  }

  /** FastAPI's add_api_route: one call is one route. */
  addApiRoute(path: string, endpoint: DependencyFn, options: ApiRouteOptions): void {
    const fullPath = this.prefix + path;
    if (!fullPath.startsWith("/")) throw new Error("Routed paths must start with '/'");
    const dependencies = [...this.dependencies, ...(options.dependencies ?? [])];
    const dependant = getDependant(endpoint, { signature: options, scope: "function" });
    dependant.dependencies.unshift(...dependencies.map(getParameterlessDependant));
    const bodyFields = flatBodyFields(dependant);
    this.routes.push({
      path: fullPath,
      methods: options.methods.map((m) => m.toUpperCase()),
      endpoint,
      name: options.name ?? (endpoint.name || "endpoint"),
      options,
      dependencies,
      dependant,
      body: bodyFields.length > 0 ? { embed: shouldEmbedBody(bodyFields) } : undefined,
    });
    this.routesChanged();
  }

  /** FastAPI's add_api_websocket_route. */
  addApiWebSocketRoute(path: string, endpoint: WebSocketEndpoint<never>, options: WebSocketRouteOptions = {}): void {
    const fullPath = this.prefix + path;
    if (!fullPath.startsWith("/")) throw new Error("Routed paths must start with '/'");
    const dependencies = [...this.dependencies, ...(options.dependencies ?? [])];
    // The handler's first argument is the WebSocket; its signature (params, deps) comes from the options.
    const dependant = getDependant(endpoint as unknown as DependencyFn, { signature: options, scope: "function" });
    dependant.dependencies.unshift(...dependencies.map(getParameterlessDependant));
    this.websocketRoutes.push({ path: fullPath, endpoint, name: options.name ?? (endpoint.name || "endpoint"), options, dependencies, dependant });
    this.routesChanged();
  }

  /** `@app.websocket(path)`: `handler(websocket, params, ctx)` serves each connection to `path`. */
  websocket<P extends string, const S extends WebSocketRouteOptions = Record<never, never>>(
    path: P,
    handler: WebSocketEndpoint<EndpointValues<P, S>>,
    options?: S,
  ): this {
    this.addApiWebSocketRoute(path, handler as WebSocketEndpoint<never>, options);
    return this;
  }

  /** Called whenever a route is added (the app rebuilds its router). */
  protected routesChanged(): void {}

  get<P extends string, const S extends RouteOptions = Record<never, never>>(path: P, endpoint: Endpoint<EndpointValues<P, S>>, options?: S): this {
    return this.#route("GET", path, endpoint, options);
  }

  post<P extends string, const S extends RouteOptions = Record<never, never>>(path: P, endpoint: Endpoint<EndpointValues<P, S>>, options?: S): this {
    return this.#route("POST", path, endpoint, options);
  }

  put<P extends string, const S extends RouteOptions = Record<never, never>>(path: P, endpoint: Endpoint<EndpointValues<P, S>>, options?: S): this {
    return this.#route("PUT", path, endpoint, options);
  }

  patch<P extends string, const S extends RouteOptions = Record<never, never>>(path: P, endpoint: Endpoint<EndpointValues<P, S>>, options?: S): this {
    return this.#route("PATCH", path, endpoint, options);
  }

  delete<P extends string, const S extends RouteOptions = Record<never, never>>(path: P, endpoint: Endpoint<EndpointValues<P, S>>, options?: S): this {
    return this.#route("DELETE", path, endpoint, options);
  }

  head<P extends string, const S extends RouteOptions = Record<never, never>>(path: P, endpoint: Endpoint<EndpointValues<P, S>>, options?: S): this {
    return this.#route("HEAD", path, endpoint, options);
  }

  options<P extends string, const S extends RouteOptions = Record<never, never>>(path: P, endpoint: Endpoint<EndpointValues<P, S>>, options?: S): this {
    return this.#route("OPTIONS", path, endpoint, options);
  }

  #route(method: string, path: string, endpoint: Endpoint<never>, options: RouteOptions = {}): this {
    this.addApiRoute(path, endpoint as DependencyFn, { ...options, methods: [method] });
    return this;
  }

  includeRouter(router: APIRouter, options: APIRouterOptions = {}): void {
    const prefix = options.prefix ?? "";
    checkPrefix(prefix);
    for (const route of router.routes) {
      this.addApiRoute(prefix + route.path, route.endpoint, {
        ...route.options,
        methods: route.methods,
        name: route.name,
        dependencies: [...(options.dependencies ?? []), ...route.dependencies],
      });
    }
    for (const route of router.websocketRoutes) {
      this.addApiWebSocketRoute(prefix + route.path, route.endpoint, {
        ...route.options,
        name: route.name,
        dependencies: [...(options.dependencies ?? []), ...route.dependencies],
      });
    }
  }
}
