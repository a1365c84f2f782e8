// The exception classes of Starlette and FastAPI, with their Python hierarchy kept, because
// exception handlers are looked up along it: a handler for StarletteHTTPException also catches
// FastAPI's HTTPException (a subclass) and the router's own 404/405; a handler for
// HTTPException does not catch those. Class names matter too: they are what traces and
// lessons call an error ("ValueError", "FastAPIError").
import type { ErrorDetail } from "../../validation/index.ts";
import { reasonPhrase } from "../http/status";

/** Starlette's HTTPException: what the router raises for 404 and 405. */
export class StarletteHTTPException extends Error {
  readonly statusCode: number;
  readonly detail: unknown;
  readonly headers: Record<string, string> | undefined;

  constructor(statusCode: number, detail?: unknown, headers?: Record<string, string>, options?: ErrorOptions) {
    const text = detail === undefined || detail === null ? reasonPhrase(statusCode) : detail;
    super(`${statusCode}: ${typeof text === "string" ? text : JSON.stringify(text)}`, options);
    this.name = new.target.name;
    this.statusCode = statusCode;
    this.detail = text;
    this.headers = headers;
  }
}

/** FastAPI's HTTPException: the one application code raises. */
export class HTTPException extends StarletteHTTPException {}

/** One error of a 422's `detail`: the validation engine's error, its loc starting where it was found. */
export type ValidationErrorItem = ErrorDetail;

export class RequestValidationError extends Error {
  readonly #errors: ValidationErrorItem[];

  constructor(errors: ValidationErrorItem[]) {
    super(`${errors.length} validation error${errors.length === 1 ? "" : "s"}`);
    this.name = "RequestValidationError";
    this.#errors = errors;
  }

  errors(): ValidationErrorItem[] {
    return this.#errors;
  }
}

/** Python's RuntimeError: Starlette raises it for misuse it detects while running. */
export class RuntimeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class FastAPIError extends RuntimeError {}

/** Python's ValueError: json.dumps raises it for NaN and the infinities. */
export class ValueError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Raised when a route is declared, never while serving. */
export class DependencyScopeError extends FastAPIError {}

/** Python's KeyError: a message read for a key it does not hold (a text frame read as bytes). */
export class KeyError extends Error {
  constructor(key: string) {
    super(`'${key}'`);
    this.name = "KeyError";
  }
}

/** What Python raises when a function-scope `yield` dependency swallows the endpoint's error. */
export class UnboundLocalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnboundLocalError";
  }
}

/**
 * anyio's cancellation. In Python it is not an `Exception`, so `except Exception` blocks and
 * exception handlers let it through; code here checks `isCancelled` to do the same.
 */
export class Cancelled extends Error {
  constructor() {
    super("cancelled");
    this.name = "CancelledError";
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof Cancelled;
}

/** How traces and lessons name an error: "HTTPException:404", "RequestValidationError", "ValueError". */
export function exceptionLabel(error: unknown): string {
  if (error instanceof StarletteHTTPException) return `HTTPException:${error.statusCode}`;
  if (error instanceof Error) return error.constructor.name || error.name;
  return typeof error;
}
