// Starlette's TestClient: sends a request straight into the app's ASGI callable (no network),
// collects what the app sends, and gives it back as httpx would. Like Starlette's, it re-throws
// an error that escaped the app unless `raiseServerExceptions: false`; then the caller gets the
// response the server had sent (ServerErrorMiddleware's 500) or an empty 500.
// `websocketConnect` opens a WebSocket to the app's `asgiWebSocket` (websocket.ts).
import { parseRequest } from "../http/parse-request";
import { unquote } from "../http/percent";
import { serializeResponse } from "../http/serialize";
import type { FastAPI } from "../app/app";
import {
  concatBytes,
  decode,
  encode,
  type AsgiApp,
  type AsgiWebSocketApp,
  type HttpScope,
  type RawHeaders,
  type Receive,
  type Send,
} from "../app/asgi";
import { RuntimeError } from "../app/errors";
import { WebSocketDisconnect } from "../websocket/errors";
import { serveWebSocket, webSocketScope } from "../websocket/server";
import { SessionPeer, WebSocketTestSession } from "./websocket";

export type QueryValue = string | number | boolean;

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Appended to the URL's own query string; an array repeats the key. */
  query?: Record<string, QueryValue | QueryValue[]>;
  /** Sent as JSON with content-type application/json. */
  json?: unknown;
  /** Sent as it is. */
  content?: string | Uint8Array;
}

export interface WebSocketConnectOptions {
  headers?: Record<string, string>;
  /** Sent in one Cookie header. */
  cookies?: Record<string, string>;
  /** Offered in Sec-WebSocket-Protocol, in this order. */
  subprotocols?: string[];
  /** Appended to the URL's own query string; an array repeats the key. */
  query?: Record<string, QueryValue | QueryValue[]>;
}

export interface TestClientOptions {
  baseUrl?: string;
  raiseServerExceptions?: boolean;
  headers?: Record<string, string>;
  /** The peer address the app sees as `request.client`. Default ["testclient", 50000]. */
  client?: [host: string, port: number];
}

/** Response headers as httpx reads them: a repeated header reads as its values joined by ", ". */
export class ResponseHeaders {
  constructor(readonly raw: RawHeaders) {}

  get(name: string): string | null {
    const all = this.getAll(name);
    return all.length > 0 ? all.join(", ") : null;
  }

  getAll(name: string): string[] {
    const key = name.toLowerCase();
    return this.raw.filter(([k]) => k === key).map(([, v]) => v);
  }

  has(name: string): boolean {
    return this.getAll(name).length > 0;
  }

  toJSON(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k] of this.raw) out[k] ??= this.get(k)!;
    return out;
  }
}

export class TestResponse {
  constructor(
    readonly status: number,
    readonly headers: ResponseHeaders,
    readonly body: Uint8Array,
  ) {}

  text(): string {
    return decode(this.body);
  }

  json(): unknown {
    return JSON.parse(this.text());
  }

  /** The response as it would cross the wire: status line, header fields, body. */
  toHttp(): string {
    return serializeResponse({ status: this.status, headers: this.headers.raw, body: this.text() });
  }
}

/** What `raw()` gives: the response, and why the server refused the request if it did. */
export class RawResponse extends TestResponse {
  constructor(
    response: TestResponse,
    /** Set when the text was not a valid HTTP/1.1 request: the app never saw it. */
    readonly parseError?: { reason: string; line?: number },
  ) {
    super(response.status, response.headers, response.body);
  }
}

/** What the client sends into the app, before it becomes an ASGI scope. */
export interface OutgoingRequest {
  method: string;
  /** The request target as it goes on the wire: path plus "?query". */
  target: string;
  headers: RawHeaders;
  body: Uint8Array;
  scheme?: string;
  httpVersion?: string;
}

export class TestClient {
  readonly #app: AsgiApp;
  readonly #websocketApp: AsgiWebSocketApp | undefined;
  readonly #base: URL;
  readonly #raise: boolean;
  readonly #headers: Record<string, string>;
  readonly #client: [string, number];

  /**
   * An exception escaped the app and `raiseServerExceptions` is false: Starlette's TestClient says
   * nothing; a subclass may report it as a server would (the playground logs uvicorn's line).
   */
  protected serverError(_error: unknown): void {}

  constructor(app: FastAPI | AsgiApp, options: TestClientOptions = {}) {
    this.#app = typeof app === "function" ? app : app.asgi;
    this.#websocketApp = typeof app === "function" ? undefined : app.asgiWebSocket;
    this.#base = new URL(options.baseUrl ?? "http://testserver");
    this.#raise = options.raiseServerExceptions ?? true;
    this.#headers = options.headers ?? {};
    this.#client = options.client ?? ["testclient", 50000];
  }

  get(url: string, options?: RequestOptions) {
    return this.request("GET", url, options);
  }
  post(url: string, options?: RequestOptions) {
    return this.request("POST", url, options);
  }
  put(url: string, options?: RequestOptions) {
    return this.request("PUT", url, options);
  }
  patch(url: string, options?: RequestOptions) {
    return this.request("PATCH", url, options);
  }
  delete(url: string, options?: RequestOptions) {
    return this.request("DELETE", url, options);
  }
  head(url: string, options?: RequestOptions) {
    return this.request("HEAD", url, options);
  }
  options(url: string, options?: RequestOptions) {
    return this.request("OPTIONS", url, options);
  }

  async request(method: string, url: string, options: RequestOptions = {}): Promise<TestResponse> {
    const full = this.#url(url, options.query);
    let body: Uint8Array = new Uint8Array();
    const extra: RawHeaders = [];
    if (options.json !== undefined) {
      body = encode(JSON.stringify(options.json));
      extra.push(["content-length", String(body.length)], ["content-type", "application/json"]);
    } else if (options.content !== undefined) {
      body = typeof options.content === "string" ? encode(options.content) : options.content;
      extra.push(["content-length", String(body.length)]);
    } else if (["POST", "PUT", "PATCH"].includes(method.toUpperCase())) {
      extra.push(["content-length", "0"]);
    }
    const headers = this.#headersFor(full, options.headers, extra);
    return this.send({
      method: method.toUpperCase(),
      target: full.pathname + full.search,
      headers,
      body,
      scheme: full.protocol.replace(":", ""),
    });
  }

  /**
   * Opens a WebSocket to the app, as Starlette's `websocket_connect`, and resolves once the app
   * has accepted. A handshake the app refuses (closing before it accepts) throws
   * WebSocketDisconnect with the app's code and reason; an error that escaped the app before it
   * accepted is re-thrown (with `raiseServerExceptions: false`, WebSocketDisconnect(1006), what a
   * browser reports for an HTTP 500 handshake answer).
   */
  async websocketConnect(url: string, options: WebSocketConnectOptions = {}): Promise<WebSocketTestSession> {
    if (!this.#websocketApp) throw new TypeError("websocketConnect needs the FastAPI app itself, not a plain ASGI function");
    const full = this.#url(url, options.query);
    full.protocol = full.protocol === "https:" ? "wss:" : "ws:";
    const extra: RawHeaders = [
      ["connection", "upgrade"],
      ["sec-websocket-key", "testserver=="],
      ["sec-websocket-version", "13"],
    ];
    if (options.subprotocols) extra.push(["sec-websocket-protocol", options.subprotocols.join(", ")]);
    const cookies = Object.entries(options.cookies ?? {});
    if (cookies.length > 0) extra.push(["cookie", cookies.map(([k, v]) => `${k}=${v}`).join("; ")]);
    const scope = webSocketScope({
      path: full.pathname,
      query: full.search.slice(1),
      headers: this.#headersFor(full, options.headers, extra),
      scheme: full.protocol === "wss:" ? "wss" : "ws",
      client: [...this.#client],
      server: [this.#base.hostname, Number(this.#base.port || (full.protocol === "wss:" ? 443 : 80))],
    });
    const peer = new SessionPeer();
    const connection = serveWebSocket(this.#websocketApp, scope, peer);
    const handshake = await peer.handshake;
    if (handshake.accepted) return new WebSocketTestSession(peer, connection, handshake, this.#raise);
    const { refusal } = handshake;
    if (refusal.status === 403) throw new WebSocketDisconnect(refusal.code, refusal.reason);
    const { problem } = await connection.done;
    if (this.#raise && problem) throw problem.error ?? new RuntimeError(problem.message);
    throw new WebSocketDisconnect(1006);
  }

  #url(url: string, query: Record<string, QueryValue | QueryValue[]> = {}): URL {
    const full = new URL(url, this.#base);
    for (const [key, value] of Object.entries(query)) {
      for (const v of Array.isArray(value) ? value : [value]) full.searchParams.append(key, String(v));
    }
    return full;
  }

  /** httpx's default headers, then the client's and the call's (which replace defaults), then `extra`. */
  #headersFor(full: URL, own: Record<string, string> = {}, extra: RawHeaders = []): RawHeaders {
    const given = { ...this.#headers, ...own };
    const defaults: Record<string, string> = {
      host: full.host,
      accept: "*/*",
      "accept-encoding": "gzip, deflate",
      connection: "keep-alive",
      "user-agent": "testclient",
    };
    const headers: RawHeaders = [];
    for (const [k, v] of Object.entries(defaults)) if (!hasKey(given, k) && !extra.some(([e]) => e === k)) headers.push([k, v]);
    for (const [k, v] of Object.entries(given)) headers.push([k.toLowerCase(), v]);
    for (const [k, v] of extra) if (!hasKey(given, k)) headers.push([k, v]);
    return headers;
  }

  /**
   * Sends raw HTTP/1.1 request text (CRLF or LF line ends). A malformed request never reaches
   * the app: the server answers 400 as uvicorn does, and `parseError` says what was wrong.
   */
  async raw(text: string): Promise<RawResponse> {
    const parsed = parseRequest(text);
    if (!parsed.ok) {
      const body = encode("Invalid HTTP request received.");
      const headers: RawHeaders = [
        ["content-type", "text/plain; charset=utf-8"],
        ["content-length", String(body.length)],
        ["connection", "close"],
      ];
      const error = parsed.line === undefined ? { reason: parsed.reason } : { reason: parsed.reason, line: parsed.line };
      return new RawResponse(new TestResponse(400, new ResponseHeaders(headers), body), error);
    }
    const r = parsed.request;
    const response = await this.send({
      method: r.method,
      target: r.rawPath + (r.queryString ? `?${r.queryString}` : ""),
      headers: r.headers.raw.map(([k, v]) => [k.toLowerCase(), v]),
      body: encode(r.body),
      httpVersion: r.version.slice(5),
    });
    return new RawResponse(response);
  }

  /** Sends one request into the app and collects the response. */
  async send(request: OutgoingRequest): Promise<TestResponse> {
    const q = request.target.indexOf("?");
    const rawPath = q < 0 ? request.target : request.target.slice(0, q);
    const scheme = request.scheme ?? "http";
    const scope: HttpScope = {
      type: "http",
      http_version: request.httpVersion ?? "1.1",
      method: request.method,
      scheme,
      path: unquote(rawPath),
      raw_path: rawPath,
      query_string: q < 0 ? "" : request.target.slice(q + 1),
      root_path: "",
      headers: request.headers,
      client: [...this.#client],
      server: [this.#base.hostname, Number(this.#base.port || (scheme === "https" ? 443 : 80))],
      state: {},
    };
    let bodySent = false;
    const receive: Receive = async () => {
      if (bodySent) return { type: "http.disconnect" };
      bodySent = true;
      return { type: "http.request", body: request.body, more_body: false };
    };
    let status: number | undefined;
    let headers: RawHeaders = [];
    const chunks: Uint8Array[] = [];
    const send: Send = async (message) => {
      if (message.type === "http.response.start") {
        status = message.status;
        headers = message.headers.map(([k, v]) => [k, v]);
      } else if (message.body && request.method !== "HEAD") {
        chunks.push(message.body);
      }
    };
    try {
      await this.#app(scope, receive, send);
    } catch (error) {
      if (this.#raise) throw error;
      this.serverError(error);
    }
    if (status === undefined) return new TestResponse(500, new ResponseHeaders([]), new Uint8Array());
    return new TestResponse(status, new ResponseHeaders(headers), concatBytes(chunks));
  }
}

function hasKey(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}
