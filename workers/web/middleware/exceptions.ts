// Starlette's two exception layers. ExceptionMiddleware sits just outside the router and turns
// exceptions that have a handler into responses; the same wrapper runs again around each
// route, inside the dependency teardown, which is why teardown sees the error before the
// handler makes a response. Handlers are found by status code (HTTPExceptions only), then
// along the error's class hierarchy. A handled exception after the response started becomes a
// RuntimeError. ServerErrorMiddleware is outermost: any other error becomes a plain 500 (or
// the response of the handler for 500 / Exception), and is re-raised to the server afterwards.
import type { AsgiApp, AsgiMiddleware, HttpScope, Send } from "../app/asgi";
import { exceptionLabel, isCancelled, RuntimeError, StarletteHTTPException } from "../app/errors";
import { Request } from "../app/request";
import { PlainTextResponse, type Response } from "../app/response";
import { tracerOf } from "../app/trace";

export type ExceptionHandler = (request: Request, error: never) => Response | Promise<Response>;
export type ErrorClass = abstract new (...args: never[]) => Error;

export interface ExceptionHandlers {
  byClass: Map<ErrorClass, ExceptionHandler>;
  byStatus: Map<number, ExceptionHandler>;
}

const HANDLERS_KEY = "starlette.exception_handlers";

export function lookupExceptionHandler(
  handlers: Map<ErrorClass, ExceptionHandler>,
  error: unknown,
): { handler: ExceptionHandler; key: ErrorClass } | undefined {
  if (typeof error !== "object" || error === null) {
    const handler = handlers.get(Error);
    return handler ? { handler, key: Error } : undefined;
  }
  for (let proto = Object.getPrototypeOf(error); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const key = proto.constructor as ErrorClass;
    const handler = handlers.get(key);
    if (handler) return { handler, key };
  }
  return undefined;
}

function handlerName(key: ErrorClass | number): string {
  return typeof key === "number" ? String(key) : key.name;
}

export function wrapAppHandlingExceptions(app: AsgiApp, request: Request, where: "route" | "exception"): AsgiApp {
  const table = (request.scope[HANDLERS_KEY] as ExceptionHandlers | undefined) ?? { byClass: new Map(), byStatus: new Map() };
  return async (scope, receive, send) => {
    let started = false;
    const sender: Send = async (message) => {
      if (message.type === "http.response.start") started = true;
      await send(message);
    };
    try {
      await app(scope, receive, sender);
    } catch (error) {
      if (isCancelled(error)) throw error;
      let found: { handler: ExceptionHandler; key: ErrorClass | number } | undefined;
      if (error instanceof StarletteHTTPException) {
        const handler = table.byStatus.get(error.statusCode);
        if (handler) found = { handler, key: error.statusCode };
      }
      found ??= lookupExceptionHandler(table.byClass, error);
      if (!found) throw error;
      if (started) throw new RuntimeError("Caught handled exception, but response already started.", { cause: error });
      tracerOf(scope).emit({ kind: "exception.handled", error: exceptionLabel(error), handler: handlerName(found.key), layer: where });
      const response = await found.handler(request, error as never);
      if (response) await response.asgi(scope, receive, sender);
    }
  };
}

export function exceptionMiddleware(handlers: ExceptionHandlers): AsgiMiddleware {
  return (app) => async (scope, receive, send) => {
    scope[HANDLERS_KEY] = handlers;
    await wrapAppHandlingExceptions(app, new Request(scope, receive), "exception")(scope, receive, send);
  };
}

export function serverErrorMiddleware(handler?: { fn: ExceptionHandler; key: ErrorClass | number }): AsgiMiddleware {
  return (app) => async (scope: HttpScope, receive, send) => {
    let started = false;
    const sender: Send = async (message) => {
      if (message.type === "http.response.start") started = true;
      await send(message);
    };
    try {
      await app(scope, receive, sender);
    } catch (error) {
      if (isCancelled(error)) throw error;
      let response: Response;
      if (handler) {
        tracerOf(scope).emit({ kind: "exception.handled", error: exceptionLabel(error), handler: handlerName(handler.key), layer: "server-error" });
        response = await handler.fn(new Request(scope, receive), error as never);
      } else {
        response = new PlainTextResponse("Internal Server Error", { status: 500 });
      }
      if (!started) await response.asgi(scope, receive, send);
      throw error;
    }
  };
}
