// What happens inside a matched route, as FastAPI's request_response and get_request_handler do
// it: two exit stacks (request scope outside, function scope inside), dependencies solved into
// them, the endpoint called, its value rendered as JSON, the response sent, and only then the
// request-scoped teardown. The route-level exception wrapper sits outside both stacks, so
// teardown sees an error before any handler turns it into a response.
import { AsyncExitStack, type InFlight } from "../di/exitstack";
import type { DependencyFn, RequestContext } from "../di/depends";
import { solveDependencies } from "../di/solve";
import { wrapAppHandlingExceptions } from "../middleware/exceptions";
import type { AsgiApp, HttpScope, Receive, Send } from "./asgi";
import { BackgroundTasks } from "./background";
import { exceptionLabel, FastAPIError, RequestValidationError, UnboundLocalError } from "./errors";
import { Request } from "./request";
import { readRequestBody } from "./request-body";
import { JSONResponse, Response } from "./response";
import type { APIRoute } from "./routing";
import { isBodyAllowed } from "./status";
import { tracerOf, type RequestTracer } from "./trace";

const NOT_AWAITED =
  "Response not awaited. There's a high chance that the application code is raising an exception and a dependency with yield " +
  "has a block with a bare except, or a block with except Exception, and is not raising the exception again. Read more about it " +
  "in the docs: https://fastapi.tiangolo.com/tutorial/dependencies/dependencies-with-yield/#dependencies-with-yield-and-except";

export async function handleRoute(
  route: APIRoute,
  overrides: ReadonlyMap<DependencyFn, DependencyFn>,
  scope: HttpScope,
  receive: Receive,
  send: Send,
): Promise<void> {
  const request = new Request(scope, receive);
  const app: AsgiApp = async (scope, receive, send) => {
    let responseAwaited = false;
    const requestStack = new AsyncExitStack();
    let inFlight: InFlight | undefined;
    try {
      const functionStack = new AsyncExitStack();
      let response: Response | undefined;
      let endpointError: InFlight | undefined;
      try {
        response = await runEndpoint(route, request, requestStack, functionStack, overrides);
      } catch (error) {
        endpointError = { error };
      }
      const left = await functionStack.close(endpointError);
      if (left) throw left.error;
      // Python reaches `await response(...)` with nothing bound when a function-scope
      // dependency swallowed the endpoint's error.
      if (!response) throw new UnboundLocalError("cannot access local variable 'response' where it is not associated with a value");
      await response.asgi(scope, receive, send);
      responseAwaited = true;
    } catch (error) {
      inFlight = { error };
    }
    const left = await requestStack.close(inFlight);
    if (left) throw left.error;
    if (!responseAwaited) throw new FastAPIError(NOT_AWAITED);
  };
  await wrapAppHandlingExceptions(app, request, "route")(scope, receive, send);
}

/** Calls a route's endpoint (HTTP or WebSocket) between its `endpoint` start and end events. */
export async function tracedEndpoint<T>(tracer: RequestTracer, name: string, call: () => T | Promise<T>): Promise<T> {
  tracer.emit({ kind: "endpoint", name, phase: "start" });
  let result: T;
  try {
    result = await call();
  } catch (error) {
    tracer.emit({ kind: "endpoint", name, phase: "end", error: exceptionLabel(error) });
    throw error;
  }
  tracer.emit({ kind: "endpoint", name, phase: "end" });
  return result;
}

async function runEndpoint(
  route: APIRoute,
  request: Request,
  requestStack: AsyncExitStack,
  functionStack: AsyncExitStack,
  overrides: ReadonlyMap<DependencyFn, DependencyFn>,
): Promise<Response> {
  const tracer = tracerOf(request.scope);
  const background = new BackgroundTasks();
  background.onTask = (name, phase, error) => tracer.emit({ kind: "background", name, phase, ...(phase === "failed" ? { error: exceptionLabel(error) } : {}) });
  const name = route.name;
  const ctx: RequestContext = { request, background, connection: request, websocket: null };
  // The body is read before any dependency runs; a body that is not JSON ends the request here.
  const body = route.body ? await readRequestBody(request) : undefined;
  const solved = await solveDependencies(
    route.dependant,
    { ctx, requestStack, functionStack, overrides, cache: new Map(), tracer, ids: new Map(), body, embedBody: route.body?.embed },
    { id: 0, name },
  );
  if (solved.errors.length > 0) throw new RequestValidationError(solved.errors);

  // Path parameters the route did not declare are passed as the router converted them.
  const values = { ...request.pathParams, ...solved.values };
  const raw = await tracedEndpoint(tracer, name, () => (route.endpoint as unknown as (v: Record<string, unknown>, c: RequestContext) => unknown)(values, ctx));

  if (raw instanceof Response) {
    raw.background ??= background;
    return raw;
  }
  const status = route.options.statusCode ?? 200;
  const response = new JSONResponse(raw, { status, background });
  if (!isBodyAllowed(status)) response.body = new Uint8Array();
  return response;
}
