// The ASGI shapes the whole stack speaks, kept close to the ASGI spec so a lesson can show that a
// Starlette middleware is only a function of (scope, receive, send). Header names are lower-case
// strings and bodies are bytes, as an ASGI server hands them over.

export type RawHeaders = [name: string, value: string][];

/** What every connection's scope holds, whether it is an HTTP request or a WebSocket. */
export interface ConnectionScope {
  scheme: string;
  /** The percent-decoded path. */
  path: string;
  /** The path exactly as it arrived on the wire. */
  raw_path: string;
  /** Without the leading "?". */
  query_string: string;
  root_path: string;
  headers: RawHeaders;
  client: [host: string, port: number] | null;
  server: [host: string, port: number] | null;
  /** Shared by every layer: what `request.state` reads and writes. */
  state: Record<string, unknown>;
  path_params?: Record<string, unknown>;
  [extension: string]: unknown;
}

export interface HttpScope extends ConnectionScope {
  type: "http";
  http_version: string;
  method: string;
}

export type ReceiveMessage =
  | { type: "http.request"; body: Uint8Array; more_body?: boolean }
  | { type: "http.disconnect" };

export type SendMessage =
  | { type: "http.response.start"; status: number; headers: RawHeaders }
  | { type: "http.response.body"; body?: Uint8Array; more_body?: boolean };

export type Receive = () => Promise<ReceiveMessage>;
export type Send = (message: SendMessage) => Promise<void>;
export type AsgiApp = (scope: HttpScope, receive: Receive, send: Send) => Promise<void>;

// WebSockets, as the ASGI spec's "WebSocket" section defines them: the server hands the app a
// `websocket` scope, then `websocket.connect`; the app answers `websocket.accept` (or
// `websocket.close` before accepting: the server then refuses the handshake with HTTP 403), and
// both sides exchange frames until one closes. `websocket.disconnect` carries the close code the
// server saw (1006 when the connection dropped without a close frame).
// (It extends ConnectionScope rather than Omit<HttpScope, …>: Omit over a type with an index
// signature keeps only the index signature, which left every field `unknown`.)
export interface WebSocketScope extends ConnectionScope {
  type: "websocket";
  http_version?: string;
  /** Subprotocols the client offered (Sec-WebSocket-Protocol), in its order. */
  subprotocols: string[];
}

export type WebSocketReceiveMessage =
  | { type: "websocket.connect" }
  | { type: "websocket.receive"; text?: string; bytes?: Uint8Array }
  | { type: "websocket.disconnect"; code: number; reason?: string };

export type WebSocketSendMessage =
  | { type: "websocket.accept"; subprotocol?: string | null; headers?: RawHeaders }
  | { type: "websocket.send"; text?: string; bytes?: Uint8Array }
  | { type: "websocket.close"; code?: number; reason?: string };

export type WebSocketReceive = () => Promise<WebSocketReceiveMessage>;
export type WebSocketSend = (message: WebSocketSendMessage) => Promise<void>;
/** What a server calls for a WebSocket connection (FastAPI's `app.asgiWebSocket`). */
export type AsgiWebSocketApp = (scope: WebSocketScope, receive: WebSocketReceive, send: WebSocketSend) => Promise<void>;

/** A pure ASGI middleware: given the app inside it, returns the app that wraps it. */
export type AsgiMiddleware = (app: AsgiApp) => AsgiApp;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encode(text: string): Uint8Array {
  return encoder.encode(text);
}

export function decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function concatBytes(chunks: Uint8Array[]): Uint8Array {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
