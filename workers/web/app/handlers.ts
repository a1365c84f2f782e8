// FastAPI's default exception handlers, installed on every app: an HTTPException becomes
// {"detail": …} with its status and headers (no body where the status allows none), a
// RequestValidationError becomes 422 {"detail": [errors]}.
import { type RequestValidationError, type StarletteHTTPException } from "./errors";
import type { Request } from "./request";
import { JSONResponse, Response } from "./response";
import { isBodyAllowed } from "./status";

export function httpExceptionHandler(_request: Request, exc: StarletteHTTPException): Response {
  if (!isBodyAllowed(exc.statusCode)) return new Response(null, { status: exc.statusCode, headers: exc.headers });
  return new JSONResponse({ detail: exc.detail }, { status: exc.statusCode, headers: exc.headers });
}

export function requestValidationExceptionHandler(_request: Request, exc: RequestValidationError): Response {
  return new JSONResponse({ detail: exc.errors() }, { status: 422 });
}
