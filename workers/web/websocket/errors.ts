// The errors of the WebSocket stack, named as in Python: Starlette's WebSocketDisconnect and
// WebSocketException, FastAPI's WebSocketRequestValidationError, and on the server side uvicorn's
// ClientDisconnected (an OSError) and the `websockets` library's ProtocolError.
import type { ValidationErrorItem } from "../app/errors";
import { closeCodeName } from "./close-codes";

function describe(code: number, reason: string): string {
  const name = closeCodeName(code);
  return `${code}${name ? ` (${name})` : ""}${reason ? `: ${reason}` : ""}`;
}

/** The peer closed (or vanished: 1006). What `receiveText()` and friends raise. */
export class WebSocketDisconnect extends Error {
  readonly code: number;
  readonly reason: string;

  constructor(code = 1000, reason?: string | null, options?: ErrorOptions) {
    super(describe(code, reason ?? ""), options);
    this.name = "WebSocketDisconnect";
    this.code = code;
    this.reason = reason ?? "";
  }
}

/** Raised in a WebSocket handler: the connection is closed with this code and reason. */
export class WebSocketException extends Error {
  readonly code: number;
  readonly reason: string;

  constructor(code: number, reason?: string | null) {
    super(`${code}: ${reason ?? ""}`);
    this.name = "WebSocketException";
    this.code = code;
    this.reason = reason ?? "";
  }
}

/** FastAPI's: a WebSocket route's parameters failed validation (closed with 1008). */
export class WebSocketRequestValidationError extends Error {
  readonly #errors: ValidationErrorItem[];

  constructor(errors: ValidationErrorItem[]) {
    super(`${errors.length} validation error${errors.length === 1 ? "" : "s"}`);
    this.name = "WebSocketRequestValidationError";
    this.#errors = errors;
  }

  errors(): ValidationErrorItem[] {
    return this.#errors;
  }
}

/** Python's OSError: what a server's `send` raises when the socket is gone. */
export class OSError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** uvicorn's: the client is gone, so nothing can be sent to it. Starlette turns it into WebSocketDisconnect(1006). */
export class ClientDisconnected extends OSError {}

/** The `websockets` library's: a frame the protocol forbids (a reserved close code, a reason too long). */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProtocolError";
  }
}
