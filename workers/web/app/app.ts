// The FastAPI application: routes (it is an APIRouter), middleware, exception handlers and
// dependency overrides, served through the stack FastAPI builds, outside in:
//   ServerErrorMiddleware → user middleware (last added outermost) → ExceptionMiddleware → router.
// `app.asgi` is the ASGI entry point a server (here the TestClient) calls for HTTP, and
// `app.asgiWebSocket` the one it calls for a WebSocket connection.
import type { DependencyFn, DependsMarker } from "../di/depends";
import { baseHttpMiddleware, type Dispatch } from "../middleware/base";
import {
  exceptionMiddleware,
  serverErrorMiddleware,
  type ErrorClass,
  type ExceptionHandler,
} from "../middleware/exceptions";
import { traced } from "../middleware/traced";
import { handleWebSocketRoute } from "../websocket/endpoint";
import { Router } from "../router/router";
import type { RouterStep } from "../router/trace";
import type { Strategy } from "../router/types";
import type { AsgiApp, AsgiMiddleware, AsgiWebSocketApp, ConnectionScope, Send, WebSocketReceive, WebSocketSend } from "./asgi";
import { handleRoute } from "./endpoint";
import { exceptionLabel, RequestValidationError, RuntimeError, StarletteHTTPException } from "./errors";
import { httpExceptionHandler, requestValidationExceptionHandler } from "./handlers";
import { Request } from "./request";
import { RedirectResponse, type Response } from "./response";
import { APIRouter, type APIRoute, type APIWebSocketRoute } from "./routing";
import { attachTracer, requestTracer, tracerOf, type LayerKind, type AppTraceSink, type RequestTracer } from "./trace";

export interface FastAPIOptions {
  /** Dependencies every route runs first (FastAPI(dependencies=[...])). */
  dependencies?: DependsMarker<unknown>[];
  /** "linear" (default) scans routes in order as Starlette does; "radix" matches as find-my-way. */
  strategy?: Strategy;
  /** The clock trace events are stamped with (milliseconds). Default: always 0. */
  now?: () => number;
  /** Receives the app's trace events. */
  trace?: AppTraceSink;
  /**
   * What runs as a server process starts and stops (FastAPI's `lifespan`, an async context
   * manager there): an async generator whose code before its `yield` runs at startup and after it
   * at shutdown. Each worker of a cluster runs it once; it is where connections to other services
   * are opened.
   */
  lifespan?: Lifespan;
}

/** FastAPI's lifespan as an async generator function: setup, `yield`, teardown. */
export type Lifespan = (app: FastAPI) => AsyncGenerator<unknown, void, undefined>;

type UserMiddleware = { name: string; kind: "http"; dispatch: Dispatch } | { name: string; kind: "asgi"; factory: AsgiMiddleware };

/** The router's lookup of a connection's raw path and query, each step in the connection's trace. */
function matchTraced<R>(router: Router<R>, method: string, scope: ConnectionScope, tracer: RequestTracer, redirectSlashes: boolean) {
  const target = scope.raw_path + (scope.query_string ? `?${scope.query_string}` : "");
  const trace = tracer.enabled ? (step: RouterStep) => tracer.emit({ kind: "router.step", step }) : undefined;
  return router.match(method, target, { trace, redirectSlashes });
}

export class FastAPI extends APIRouter {
  /** Replacements for dependencies, keyed by the original function (as in tests). */
  readonly dependencyOverrides = new Map<DependencyFn, DependencyFn>();
  /** Application-wide state (Starlette's app.state). */
  readonly state: Record<string, unknown> = {};
  readonly strategy: Strategy;
  readonly #now: () => number;
  readonly #sink: AppTraceSink | undefined;
  readonly #middleware: UserMiddleware[] = [];
  readonly #exceptionHandlers = new Map<ErrorClass | number, ExceptionHandler>();
  #stack: AsgiApp | undefined;
  #router: Router<APIRoute> | undefined;
  #websocketRouter: Router<APIWebSocketRoute> | undefined;
  #requests = 0;
  readonly #lifespan: Lifespan | undefined;
  #running: AsyncGenerator<unknown, void, undefined> | undefined;

  constructor(options: FastAPIOptions = {}) {
    super({ dependencies: options.dependencies });
    this.strategy = options.strategy ?? "linear";
    this.#now = options.now ?? (() => 0);
    this.#sink = options.trace;
    this.#lifespan = options.lifespan;
    this.#exceptionHandlers.set(StarletteHTTPException, httpExceptionHandler as ExceptionHandler);
    this.#exceptionHandlers.set(RequestValidationError, requestValidationExceptionHandler as ExceptionHandler);
  }

  /** Starlette's BaseHTTPMiddleware: `@app.middleware("http")`. The last one added runs first. */
  addMiddleware(dispatch: Dispatch, options: { name?: string } = {}): void {
    this.#addMiddleware({ kind: "http", dispatch, name: options.name ?? (dispatch.name || "middleware") });
  }

  /** A pure ASGI middleware: a function from the inner app to the app wrapping it. */
  addAsgiMiddleware(factory: AsgiMiddleware, options: { name?: string } = {}): void {
    this.#addMiddleware({ kind: "asgi", factory, name: options.name ?? (factory.name || "asgi middleware") });
  }

  #addMiddleware(middleware: UserMiddleware): void {
    if (this.#stack) throw new RuntimeError("Cannot add middleware after an application has started");
    this.#middleware.push(middleware);
  }

  /**
   * A handler for an error class (and its subclasses) or for an HTTP status. Handlers for `Error`
   * (Python's Exception) and 500 run in ServerErrorMiddleware, outside every user middleware.
   */
  addExceptionHandler<E extends Error>(key: (abstract new (...args: never[]) => E) | number, handler: (request: Request, error: E) => Response | Promise<Response>): void {
    this.#exceptionHandlers.set(key, handler as ExceptionHandler);
    this.#stack = undefined;
  }

  /**
   * The server's "lifespan.startup": runs the lifespan up to its `yield`. An error there is the
   * server's "Application startup failed", raised to the caller.
   */
  async startup(): Promise<void> {
    if (this.#running || !this.#lifespan) return;
    this.#running = this.#lifespan(this);
    const first = await this.#running.next();
    if (first.done) throw new RuntimeError("The lifespan returned without yielding: it must `yield` once, between startup and shutdown");
  }

  /** The server's "lifespan.shutdown": runs the lifespan's code after its `yield`. */
  async shutdown(): Promise<void> {
    const running = this.#running;
    this.#running = undefined;
    if (!running) return;
    const after = await running.next();
    if (!after.done) throw new RuntimeError("The lifespan yielded more than once: it must `yield` once, between startup and shutdown");
  }

  /** The app's clock (the injected `now`), for middleware that times requests. */
  now(): number {
    return this.#now();
  }

  protected override routesChanged(): void {
    this.#router = undefined;
    this.#websocketRouter = undefined;
  }

  /** The ASGI application. */
  readonly asgi: AsgiApp = async (scope, receive, send) => {
    scope.app = this;
    const tracer = requestTracer(this.#now, this.#sink, ++this.#requests);
    attachTracer(scope, tracer);
    tracer.emit({ kind: "request", method: scope.method, path: scope.path, query: scope.query_string });
    const serverSend: Send = async (message) => {
      if (message.type === "http.response.start") tracer.emit({ kind: "response.start", status: message.status });
      else if (!message.more_body) tracer.emit({ kind: "response.end" });
      await send(message);
    };
    this.#stack ??= this.#buildStack();
    try {
      await this.#stack(scope, receive, serverSend);
    } catch (error) {
      tracer.emit({ kind: "unhandled", error: exceptionLabel(error) });
      throw error;
    }
  };

  /**
   * The ASGI application for WebSocket connections. No middleware runs for them: Starlette's
   * ServerErrorMiddleware and BaseHTTPMiddleware pass a websocket scope straight through, and
   * the pure ASGI middleware added here are written against HTTP messages, so the scope goes
   * straight to the routes. What to do when the app fails or returns is the server's business
   * (websocket/server.ts).
   */
  readonly asgiWebSocket: AsgiWebSocketApp = async (scope, receive, send) => {
    scope.app = this;
    const tracer = requestTracer(this.#now, this.#sink, ++this.#requests);
    attachTracer(scope, tracer);
    tracer.emit({ kind: "ws.connect", path: scope.path });
    let closed = false;
    const tracedReceive: WebSocketReceive = async () => {
      const message = await receive();
      // (After the app's own close, the disconnect it may still read only echoes that close.)
      if (message.type === "websocket.disconnect" && !closed) {
        closed = true;
        tracer.emit({ kind: "ws.close", code: message.code, by: "client" });
      }
      return message;
    };
    // Reported once the server took the message: a close it refused (code 1006) or an accept for a
    // client already gone did not happen.
    const tracedSend: WebSocketSend = async (message) => {
      await send(message);
      if (message.type === "websocket.accept") tracer.emit({ kind: "ws.accept" });
      else if (message.type === "websocket.close" && !closed) {
        closed = true;
        tracer.emit({ kind: "ws.close", code: message.code ?? 1000, by: "app" });
      }
    };
    try {
      await this.#routeWebSocket(scope, tracedReceive, tracedSend);
    } catch (error) {
      tracer.emit({ kind: "unhandled", error: exceptionLabel(error) });
      throw error;
    }
  };

  #routeWebSocket: AsgiWebSocketApp = async (scope, receive, send) => {
    this.#websocketRouter ??= this.#buildWebSocketRouter();
    const tracer = tracerOf(scope);
    // Starlette redirects a missing trailing slash for HTTP only.
    const match = matchTraced(this.#websocketRouter, "GET", scope, tracer, false);
    if (match.status === 200) {
      tracer.emit({ kind: "route", status: 200, path: match.handler.path, params: { ...match.params } });
      scope.path_params = { ...(scope.path_params ?? {}), ...match.params };
      scope.route = match.handler;
      return handleWebSocketRoute(match.handler, this.dependencyOverrides, scope, receive, send);
    }
    // For a WebSocket, the Router's not_found is WebSocketClose(): a close before accepting (code
    // 1000), which the server turns into a refused handshake.
    tracer.emit({ kind: "route", status: 404 });
    await send({ type: "websocket.close", code: 1000, reason: "" });
  };

  #buildWebSocketRouter(): Router<APIWebSocketRoute> {
    const router = new Router<APIWebSocketRoute>({ strategy: this.strategy });
    for (const route of this.websocketRoutes) router.add([], route.path, route);
    return router;
  }

  #buildStack(): AsgiApp {
    let errorHandler: { fn: ExceptionHandler; key: ErrorClass | number } | undefined;
    const byClass = new Map<ErrorClass, ExceptionHandler>();
    const byStatus = new Map<number, ExceptionHandler>();
    for (const [key, fn] of this.#exceptionHandlers) {
      if (key === 500 || key === Error) errorHandler = { fn, key };
      else if (typeof key === "number") byStatus.set(key, fn);
      else byClass.set(key, fn);
    }
    const layers: { name: string; kind: LayerKind; wrap: (depth: number) => AsgiMiddleware }[] = [
      { name: "ServerErrorMiddleware", kind: "server-error", wrap: () => serverErrorMiddleware(errorHandler) },
      ...[...this.#middleware].reverse().map((m) =>
        m.kind === "http"
          ? { name: m.name, kind: "http-middleware" as const, wrap: (depth: number) => baseHttpMiddleware(m.dispatch, { layer: m.name, depth }) }
          : { name: m.name, kind: "asgi-middleware" as const, wrap: () => m.factory },
      ),
      { name: "ExceptionMiddleware", kind: "exception", wrap: () => exceptionMiddleware({ byClass, byStatus }) },
    ];
    let app: AsgiApp = traced("Router", "router", layers.length)(this.#route);
    for (let depth = layers.length - 1; depth >= 0; depth--) {
      const layer = layers[depth];
      app = traced(layer.name, layer.kind, depth)(layer.wrap(depth)(app));
    }
    return app;
  }

  #route: AsgiApp = async (scope, receive, send) => {
    this.#router ??= this.#buildRouter();
    const tracer = tracerOf(scope);
    const match = matchTraced(this.#router, scope.method, scope, tracer, true);
    switch (match.status) {
      case 200:
        tracer.emit({ kind: "route", status: 200, path: match.handler.path, params: { ...match.params } });
        scope.path_params = { ...(scope.path_params ?? {}), ...match.params };
        scope.route = match.handler;
        return handleRoute(match.handler, this.dependencyOverrides, scope, receive, send);
      case 404:
        tracer.emit({ kind: "route", status: 404 });
        throw new StarletteHTTPException(404);
      case 405:
        tracer.emit({ kind: "route", status: 405 });
        throw new StarletteHTTPException(405, undefined, { Allow: match.allow.join(", ") });
      case 307: {
        tracer.emit({ kind: "route", status: 307 });
        const url = new Request(scope).url;
        return new RedirectResponse(`${url.scheme}://${url.netloc}${match.location}`).asgi(scope, receive, send);
      }
    }
  };

  #buildRouter(): Router<APIRoute> {
    const router = new Router<APIRoute>({ strategy: this.strategy });
    for (const route of this.routes) router.add(route.methods, route.path, route);
    return router;
  }
}
