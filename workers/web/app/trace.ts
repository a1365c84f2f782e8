// Trace events of the web app (docs/architecture.md, "The trace and the playhead"): what the middleware, the
// exception layers, the dependency injector and the endpoint did, in order, each stamped with the
// injected clock. The lessons' visualizations (the onion of layers, the dependency graph) render
// from these. `request` numbers the connections an app has served (HTTP requests and WebSockets
// on one count), so one trace can hold several.
import type { RouterStep } from "../router/trace";
import type { ConnectionScope } from "./asgi";

interface WebTraceBase {
  t: number;
  source: "web";
  request: number;
}

export type LayerKind = "server-error" | "http-middleware" | "asgi-middleware" | "exception" | "router";

export type WebAppTraceBody =
  /** `path` percent-decoded (what routes match); `query` as sent, without its "?". */
  | { kind: "request"; method: string; path: string; query: string }
  /** The request passes inward into a layer; depth 0 is the outermost. */
  | { kind: "layer.enter"; layer: string; layerKind: LayerKind; depth: number }
  /** An http middleware hands the request on (`callNext`) and gets the response (or an error) back. */
  | { kind: "layer.callNext"; layer: string; depth: number; phase: "call" | "return"; status?: number; error?: string }
  /** The response's status line passes outward through a layer. */
  | { kind: "layer.response"; layer: string; depth: number; status: number }
  /** A layer is done; `error` when an exception left it. */
  | { kind: "layer.exit"; layer: string; depth: number; error?: string }
  /** One step of the router's lookup (nodes visited, regexes tried), as the router reports it. */
  | { kind: "router.step"; step: RouterStep }
  | { kind: "route"; status: 200 | 404 | 405 | 307; path?: string; params?: Record<string, unknown> }
  /** An exception handler turned an error into a response. */
  | { kind: "exception.handled"; error: string; handler: string; layer: "route" | "exception" | "server-error" }
  /** A dependency was called; `parentId` 0 is the endpoint itself. */
  | {
      kind: "dependency.call";
      id: number;
      name: string;
      parentId: number;
      parent: string;
      scope: "function" | "request" | null;
      generator: boolean;
    }
  /** A dependency's value came from the request-scoped cache. */
  | { kind: "dependency.cached"; id: number; name: string; parentId: number; parent: string }
  /** A `yield` dependency's teardown ran: ok, raised an error, or swallowed the one thrown in. */
  | { kind: "dependency.teardown"; id: number; name: string; error?: string; outcome: "ok" | "raised" | "suppressed" }
  | { kind: "endpoint"; name: string; phase: "start" | "end"; error?: string }
  /**
   * An after-response task: started, ended, failed (`error`), or skipped because an earlier one
   * failed. They run after `response.end`; a failure is then traced `unhandled` by the app.
   */
  | { kind: "background"; name: string; phase: "start" | "end" | "failed" | "skipped"; error?: string }
  /** The response as the server sent it. */
  | { kind: "response.start"; status: number }
  | { kind: "response.end" }
  /** A WebSocket connection reached the app; `path` percent-decoded. */
  | { kind: "ws.connect"; path: string }
  /** The app accepted the WebSocket handshake. */
  | { kind: "ws.accept" }
  /**
   * The connection closed: `by: "app"` when the app sent its close (before accepting, that refuses
   * the handshake), `by: "client"` when the app read the client's disconnect (1006: it vanished).
   */
  | { kind: "ws.close"; code: number; by: "app" | "client" }
  /** An exception left the app entirely (the server logs it). */
  | { kind: "unhandled"; error: string };

export type WebAppTrace = WebTraceBase & WebAppTraceBody;

export type AppTraceSink = (event: WebAppTrace) => void;

export interface RequestTracer {
  /** False when nobody listens, so costly reports can be skipped. */
  readonly enabled: boolean;
  emit(event: WebAppTraceBody): void;
}

const TRACER_KEY = "playground.tracer";

export function requestTracer(now: () => number, sink: AppTraceSink | undefined, request: number): RequestTracer {
  return {
    enabled: sink !== undefined,
    emit(event) {
      if (sink) sink({ t: now(), source: "web", request, ...event } as WebAppTrace);
    },
  };
}

export function attachTracer(scope: ConnectionScope, tracer: RequestTracer): void {
  scope[TRACER_KEY] = tracer;
}

const silent: RequestTracer = { enabled: false, emit() {} };

export function tracerOf(scope: ConnectionScope): RequestTracer {
  return (scope[TRACER_KEY] as RequestTracer | undefined) ?? silent;
}
