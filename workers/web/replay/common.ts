// What the recordings' apps share (see the `schema` of dependencies.json and middleware.json):
// how an error is named and raised, the exception handlers they install, and the pure-ASGI
// probe wrapped around the whole app that logs what reached the server.
import type { FastAPI } from "../app/app";
import type { AsgiApp, Send } from "../app/asgi";
import {
  exceptionLabel,
  HTTPException,
  RequestValidationError,
  RuntimeError,
  StarletteHTTPException,
  ValueError,
} from "../app/errors";
import { JSONResponse, PlainTextResponse, type Response } from "../app/response";
import type { TestResponse } from "../testclient/client";

export { ValueError };
export class CustomError extends Error {}

const ERROR_CLASSES: Record<string, new (message: string) => Error> = { ValueError, CustomError, RuntimeError };

/** A raise spec: "HTTPException 403", "HTTPException 401 auth" or an error class name. */
export function makeError(spec: string, where: string): Error {
  const [kind, status, auth] = spec.split(" ");
  if (kind === "HTTPException") {
    return new HTTPException(Number(status), `raised by ${where}`, auth === "auth" ? { "WWW-Authenticate": "Bearer" } : undefined);
  }
  const cls = ERROR_CLASSES[kind];
  if (!cls) throw new Error(`unknown error class in the recording: ${spec}`);
  return new cls(`raised by ${where}`);
}

export { exceptionLabel as label };

type HandlerKey = Parameters<FastAPI["addExceptionHandler"]>[0];

const HANDLER_KEYS: Record<string, HandlerKey> = {
  HTTPException: StarletteHTTPException,
  "fastapi.HTTPException": HTTPException,
  RequestValidationError,
  ValueError,
  RuntimeError,
  CustomError,
  Exception: Error,
};

export interface HandlerSpec {
  status?: number | "same";
  headers?: Record<string, string>;
}

export function installHandlers(app: FastAPI, specs: Record<string, HandlerSpec> | undefined, events: string[]): void {
  for (const [key, spec] of Object.entries(specs ?? {})) {
    const cls = /^\d+$/.test(key) ? Number(key) : HANDLER_KEYS[key];
    if (cls === undefined) throw new Error(`unknown exception handler key in the recording: ${key}`);
    app.addExceptionHandler(cls, (_request, error: Error) => {
      events.push(`handler:${key}`);
      const isHttp = error instanceof StarletteHTTPException;
      const status = typeof spec.status === "number" ? spec.status : isHttp ? error.statusCode : 500;
      let detail: unknown;
      if (isHttp) detail = error.detail;
      else if (error instanceof RequestValidationError) detail = error.errors().map((e) => ({ type: e.type, loc: e.loc }));
      else detail = error.message;
      return new JSONResponse({ handler: key, exc: exceptionLabel(error), detail }, { status, headers: spec.headers });
    });
  }
}

/** The recordings' outermost pure ASGI probe, outside ServerErrorMiddleware. */
export function probe(app: AsgiApp, events: string[]): AsgiApp {
  return async (scope, receive, send) => {
    const probeSend: Send = async (message) => {
      if (message.type === "http.response.start") events.push(`response_start:${message.status}`);
      else if (!message.more_body) events.push("response_end");
      await send(message);
    };
    try {
      await app(scope, receive, probeSend);
    } catch (error) {
      events.push(`unhandled:${exceptionLabel(error)}`);
      throw error;
    }
  };
}

/** A recorded response: a JSON value becomes JSONResponse, a string PlainTextResponse. */
export function recordedResponse(spec: { status: number; body: unknown; headers?: Record<string, string> }): Response {
  const init = { status: spec.status, headers: spec.headers };
  return typeof spec.body === "string" ? new PlainTextResponse(spec.body, init) : new JSONResponse(spec.body, init);
}

export function parsedBody(response: TestResponse): unknown {
  return response.headers.get("content-type")?.startsWith("application/json") ? response.json() : response.text();
}

/** A recording that uses a form this replay does not know must fail, never pass by accident. */
export function expectKnown(what: string, value: unknown, known: readonly string[]): void {
  const keys = typeof value === "string" ? [value] : Object.keys(value ?? {});
  const unknown = keys.filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new Error(`unknown ${what} in the recording: ${unknown.join(", ")}`);
}
