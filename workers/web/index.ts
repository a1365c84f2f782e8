// playground/web: the web engine's public entry (docs/architecture.md, "Contracts"). A plain list
// of exports.
export { Router } from "./router/router.ts";
export type {
  MatchFound,
  MatchNotAllowed,
  MatchNotFound,
  MatchOptions,
  MatchRedirect,
  MatchResult,
  ParamValue,
  Params,
  RouteInfo,
  RouterOptions,
  Strategy,
} from "./router/types.ts";
export type { RouterStep, RouterStepKind, TraceSink } from "./router/trace.ts";
export { countComparisons } from "./router/trace.ts";
export type { NodeSnapshot, LinearRouteSnapshot, RouterSnapshot } from "./router/describe.ts";

// HTTP as text: raw HTTP/1.1 requests in, responses out.
export { parseRequest, type HttpRequest, type ParseResult } from "./http/parse-request.ts";
export { serializeRequest, serializeResponse, type HttpRequestInit, type HttpResponseInit } from "./http/serialize.ts";
export { HttpHeaders, type HeaderPairs, type HeadersInit as HttpHeadersInit } from "./http/headers.ts";
export { QueryParams, parseQuery } from "./http/query.ts";
export { JSONDecodeError } from "./http/python-json.ts";
export { quote, unquote, unquotePlus } from "./http/percent.ts";
export { reasonPhrase } from "./http/status.ts";

// The app: FastAPI on Starlette — routes, parameters, middleware, dependency injection, TestClient.
export { FastAPI, type FastAPIOptions, type Lifespan } from "./app/app.ts";
export {
  APIRouter,
  type APIRoute,
  type APIRouterOptions,
  type APIWebSocketRoute,
  type Endpoint,
  type PathParams,
  type RouteOptions,
  type WebSocketEndpoint,
  type WebSocketRouteOptions,
} from "./app/routing.ts";
export type { ParamOptions, ParamSpec, ParamType } from "./app/params.ts";
// Bodies and parameters are validated by the validation engine: its types (`playground/validation`) declare them.
export { Body, BodyMarker, type BodyDecl, type BodyParam } from "./app/body.ts";
export {
  DependencyScopeError,
  FastAPIError,
  HTTPException,
  KeyError,
  RequestValidationError,
  RuntimeError,
  StarletteHTTPException,
  ValueError,
  type ValidationErrorItem,
} from "./app/errors.ts";
export { HTTPConnection } from "./app/connection.ts";
export { Request, type URLInfo } from "./app/request.ts";
export {
  HTMLResponse,
  JSONResponse,
  PlainTextResponse,
  RedirectResponse,
  Response,
  StreamingResponse,
  type ResponseInit,
} from "./app/response.ts";
export { Headers } from "./app/headers.ts";
export { BackgroundTasks } from "./app/background.ts";
export type {
  AsgiApp,
  AsgiMiddleware,
  AsgiWebSocketApp,
  ConnectionScope,
  HttpScope,
  RawHeaders,
  Receive,
  ReceiveMessage,
  Send,
  SendMessage,
  WebSocketReceive,
  WebSocketReceiveMessage,
  WebSocketScope,
  WebSocketSend,
  WebSocketSendMessage,
} from "./app/asgi.ts";
export type { AppTraceSink, LayerKind, WebAppTrace } from "./app/trace.ts";
export { Depends, inject, type DependencyScope, type DependsOptions, type Provided, type RequestContext } from "./di/depends.ts";
export type { CallNext, Dispatch } from "./middleware/base.ts";
export {
  RawResponse,
  TestClient,
  TestResponse,
  type RequestOptions,
  type TestClientOptions,
  type WebSocketConnectOptions,
} from "./testclient/client.ts";
export { WebSocketTestSession, type SessionMessage } from "./testclient/websocket.ts";

// WebSockets: Starlette's WebSocket and its errors, the close codes, and the server side of a
// connection (what the TestClient and the cluster's workers run each connection with).
export { WebSocket, WebSocketState, type AcceptOptions, type JsonMode } from "./websocket/websocket.ts";
export {
  ClientDisconnected,
  OSError,
  ProtocolError,
  WebSocketDisconnect,
  WebSocketException,
  WebSocketRequestValidationError,
} from "./websocket/errors.ts";
export { CLOSE_CODES, closeCodeName, closeCodeProblem, type CloseCode } from "./websocket/close-codes.ts";
export {
  serveWebSocket,
  webSocketScope,
  type ConnectionState,
  type Frame,
  type Refusal,
  type ServerClose,
  type WebSocketConnection,
  type WebSocketOutcome,
  type WebSocketPeer,
  type WebSocketScopeInit,
} from "./websocket/server.ts";
