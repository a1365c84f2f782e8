// The ASGI shapes the whole stack speaks, kept close to the ASGI spec so a lesson can show that a
// Starlette middleware is only a function of (scope, receive, send). Header names are lower-case
// strings and bodies are bytes, as an ASGI server hands them over.

export type RawHeaders = [name: string, value: string][];

export interface HttpScope {
  type: "http";
  http_version: string;
  method: string;
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

export type ReceiveMessage =
  | { type: "http.request"; body: Uint8Array; more_body?: boolean }
  | { type: "http.disconnect" };

export type SendMessage =
  | { type: "http.response.start"; status: number; headers: RawHeaders }
  | { type: "http.response.body"; body?: Uint8Array; more_body?: boolean };

export type Receive = () => Promise<ReceiveMessage>;
export type Send = (message: SendMessage) => Promise<void>;
export type AsgiApp = (scope: HttpScope, receive: Receive, send: Send) => Promise<void>;

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
