// What happens inside a matched WebSocket route, as FastAPI's websocket_session and
// get_websocket_app do it: a WebSocket over the connection; two exit stacks (request scope
// outside, function scope inside) that both unwind as soon as the handler ends, so a `yield`
// dependency's teardown runs after the handler, with the handler's error thrown in at its
// `yield`; the handler called with the WebSocket, its parameters and dependencies.
//
// Around it, the route-level exception wrapper with the handlers Starlette and FastAPI install
// for WebSockets: WebSocketException closes with its code and reason, a validation error closes
// with 1008 (both before accepting refuse the handshake). Any other error leaves the app for the
// server (websocket/server.ts). Handlers registered with addExceptionHandler are for HTTP and are
// not consulted here (Starlette would call them, and a Response they return cannot be sent on an
// accepted WebSocket).
import type { WebSocketReceive, WebSocketScope, WebSocketSend } from "../app/asgi";
import { BackgroundTasks } from "../app/background";
import { tracedEndpoint } from "../app/endpoint";
import { exceptionLabel, RuntimeError } from "../app/errors";
import type { Request } from "../app/request";
import type { APIWebSocketRoute } from "../app/routing";
import { tracerOf } from "../app/trace";
import type { DependencyFn, RequestContext } from "../di/depends";
import { AsyncExitStack, type InFlight } from "../di/exitstack";
import { solveDependencies } from "../di/solve";
import { WebSocketException, WebSocketRequestValidationError } from "./errors";
import { WebSocket } from "./websocket";

const NO_REQUEST =
  "This reads ctx.request, but it runs for a WebSocket route, which has no Request: read ctx.websocket, " +
  "or ctx.connection (Starlette's HTTPConnection) in a dependency that serves both kinds of route";

export async function handleWebSocketRoute(
  route: APIWebSocketRoute,
  overrides: ReadonlyMap<DependencyFn, DependencyFn>,
  scope: WebSocketScope,
  receive: WebSocketReceive,
  send: WebSocketSend,
): Promise<void> {
  const websocket = new WebSocket(scope, receive, send);
  try {
    const requestStack = new AsyncExitStack();
    let inFlight: InFlight | undefined;
    try {
      const functionStack = new AsyncExitStack();
      let handlerError: InFlight | undefined;
      try {
        await runHandler(route, websocket, requestStack, functionStack, overrides);
      } catch (error) {
        handlerError = { error };
      }
      const left = await functionStack.close(handlerError);
      if (left) throw left.error;
    } catch (error) {
      inFlight = { error };
    }
    const left = await requestStack.close(inFlight);
    if (left) throw left.error;
  } catch (error) {
    await handleError(websocket, error);
  }
}

/** Starlette's ExceptionMiddleware.websocket_exception and FastAPI's validation handler; others go on. */
async function handleError(websocket: WebSocket, error: unknown): Promise<void> {
  const tracer = tracerOf(websocket.scope);
  if (error instanceof WebSocketException) {
    tracer.emit({ kind: "exception.handled", error: exceptionLabel(error), handler: "websocket_exception", layer: "route" });
    await websocket.close(error.code, error.reason);
    return;
  }
  if (error instanceof WebSocketRequestValidationError) {
    const handler = "websocket_request_validation_exception_handler";
    tracer.emit({ kind: "exception.handled", error: exceptionLabel(error), handler, layer: "route" });
    await websocket.close(1008, JSON.stringify(error.errors()));
    return;
  }
  throw error;
}

async function runHandler(
  route: APIWebSocketRoute,
  websocket: WebSocket,
  requestStack: AsyncExitStack,
  functionStack: AsyncExitStack,
  overrides: ReadonlyMap<DependencyFn, DependencyFn>,
): Promise<void> {
  const tracer = tracerOf(websocket.scope);
  const ctx: RequestContext = {
    get request(): Request {
      throw new RuntimeError(NO_REQUEST);
    },
    // FastAPI gives a WebSocket route BackgroundTasks if asked, and never runs them.
    background: new BackgroundTasks(),
    connection: websocket,
    websocket,
  };
  const name = route.name;
  const solved = await solveDependencies(
    route.dependant,
    { ctx, requestStack, functionStack, overrides, cache: new Map(), tracer, ids: new Map() },
    { id: 0, name },
  );
  if (solved.errors.length > 0) throw new WebSocketRequestValidationError(solved.errors);

  // Path parameters the route did not declare are passed as the router converted them.
  const values = { ...websocket.pathParams, ...solved.values };
  await tracedEndpoint(tracer, name, () => (route.endpoint as unknown as (ws: WebSocket, v: Record<string, unknown>, c: RequestContext) => unknown)(websocket, values, ctx));
}
