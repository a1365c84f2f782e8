// The server side of one WebSocket connection: what an ASGI server (uvicorn, Daphne) does between
// the network and the app, with the network replaced by a peer — the TestClient's session, or a
// cluster worker's client. `serveWebSocket(app, scope, peer)` runs the app on the connection at
// once and returns a handle through which the peer side delivers what the client does (frames,
// a close frame, or vanishing); what the app does reaches the peer through its callbacks.
//
// The split with the app: Starlette's rules (state machines, error texts, closing on a
// WebSocketException) live in the app (websocket.ts, endpoint.ts); these are the server's:
//
// - Handshake. The app's `websocket.accept` completes it (HTTP 101); a `websocket.close` before
//   accepting refuses it with HTTP 403 (a browser then sees close code 1006). An app that fails, or
//   returns, before either is refused with HTTP 500, and the server logs it.
// - Close codes. A close frame may carry only the codes RFC 6455 allows on the wire
//   (close-codes.ts) and a reason of at most 123 bytes; anything else fails the app's `send` with
//   ProtocolError, as the `websockets` library under uvicorn does. (Before accepting no frame is
//   sent, so no code is checked.)
// - The app fails after accepting: the server closes with 1011 (Internal Error) and logs
//   "Exception in ASGI application". That is Daphne's rule; uvicorn drops the TCP connection
//   instead (the client sees 1006). 1011 is kept because it says what happened.
// - The app returns without closing: the server closes with 1000. Servers differ here (uvicorn
//   long left such a connection open until the client closed, and its late-2025 change to send a
//   close frame was contested); a simulation must not leave it open, and 1000 says nothing failed.
// - The client goes away. After its close frame the app reads `websocket.disconnect` with the
//   client's code; after a drop (no close frame) with 1006. Either way what the app sends next
//   fails with ClientDisconnected (an OSError: Starlette turns it into WebSocketDisconnect(1006)),
//   except a close, which is quietly dropped. An app that ends on ClientDisconnected is not logged.
// - After the app's own close, it reads `websocket.disconnect` with its code, and anything more it
//   sends is an error.
import type { AsgiWebSocketApp, RawHeaders, WebSocketReceiveMessage, WebSocketScope, WebSocketSendMessage } from "../app/asgi";
import { encode } from "../app/asgi";
import { RuntimeError } from "../app/errors";
import { unquote } from "../http/percent";
import { closeCodeProblem } from "./close-codes";
import { ClientDisconnected, ProtocolError } from "./errors";

/** One data frame. */
export type Frame = { text: string; bytes?: undefined } | { bytes: Uint8Array; text?: undefined };

/** A refused handshake: 403 carries the code and reason the app closed with (test clients report them). */
export type Refusal = { status: 403; code: number; reason: string } | { status: 500 };

export interface ServerClose {
  code: number;
  reason: string;
  /** "app": the app's close; "server": the server's, after the app failed (1011) or returned (1000). */
  by: "app" | "server";
}

/** What the server tells the client side. The server awaits each call before the app goes on. */
export interface WebSocketPeer {
  /** The app accepted: the handshake's 101 response, with the subprotocol and extra headers it chose. */
  accept(handshake: { subprotocol: string | null; headers: RawHeaders }): void | Promise<void>;
  /** The handshake was refused with an HTTP status. The connection is over. */
  refuse(refusal: Refusal): void | Promise<void>;
  /** A data frame for the client. */
  frame(frame: Frame): void | Promise<void>;
  /** A close frame for the client. The connection is over. */
  close(close: ServerClose): void | Promise<void>;
}

export type ConnectionState = "connecting" | "open" | "closed";

export interface WebSocketOutcome {
  accepted: boolean;
  /** The HTTP status the handshake was refused with, or null. */
  refused: 403 | 500 | null;
  /** The close handshake: who closed first and the code; null when refused or when the client vanished. */
  close: { code: number; reason: string; by: "app" | "client" | "server" } | null;
  /** What the server logs, when it logs: the message, and the error that escaped the app if one did. */
  problem?: { message: string; error?: unknown };
}

/** The handle the peer side holds: what the client does. */
export interface WebSocketConnection {
  /** A data frame from the client. Not allowed before the handshake completes; ignored once closed. */
  send(frame: Frame): void;
  /** The client's close frame (default code 1000). Ignored once closed. */
  close(code?: number, reason?: string): void;
  /** The client vanished without a close frame (or a heartbeat found it gone): the app reads 1006. */
  drop(): void;
  readonly state: ConnectionState;
  /** Settles (never rejects) once the app has returned and the server has done what follows. */
  readonly done: Promise<WebSocketOutcome>;
}

const MAX_REASON_BYTES = 123;

/** Runs `app` on one WebSocket connection described by `scope`; the client side is `peer`. */
export function serveWebSocket(app: AsgiWebSocketApp | { asgiWebSocket: AsgiWebSocketApp }, scope: WebSocketScope, peer: WebSocketPeer): WebSocketConnection {
  const run = typeof app === "function" ? app : app.asgiWebSocket;
  let state: ConnectionState = "connecting";
  /** Set when the client closed or vanished: sends fail from then on. */
  let clientGone = false;
  const outcome: WebSocketOutcome = { accepted: false, refused: null, close: null };

  // The app's inbox. Once it holds the final disconnect, that message is read again and again, so
  // a raw ASGI app that keeps reading does not hang.
  const inbox: WebSocketReceiveMessage[] = [{ type: "websocket.connect" }];
  const readers: ((message: WebSocketReceiveMessage) => void)[] = [];
  let final: WebSocketReceiveMessage | undefined;
  const deliver = (message: WebSocketReceiveMessage) => {
    if (final) return;
    if (message.type === "websocket.disconnect") final = message;
    const reader = readers.shift();
    if (reader) reader(message);
    else inbox.push(message);
  };
  const receive = async (): Promise<WebSocketReceiveMessage> => {
    const next = inbox.shift() ?? final;
    if (next) return next;
    return new Promise((resolve) => readers.push(resolve));
  };

  const send = async (message: WebSocketSendMessage): Promise<void> => {
    const type: string = message.type;
    if (clientGone) {
      if (type === "websocket.close") return;
      throw new ClientDisconnected("The client is gone: nothing can be sent on this WebSocket.");
    }
    if (state === "connecting") {
      if (message.type === "websocket.accept") {
        state = "open";
        outcome.accepted = true;
        await peer.accept({ subprotocol: message.subprotocol ?? null, headers: message.headers ?? [] });
      } else if (message.type === "websocket.close") {
        state = "closed";
        outcome.refused = 403;
        const code = message.code ?? 1000;
        const reason = message.reason ?? "";
        deliver({ type: "websocket.disconnect", code, reason });
        await peer.refuse({ status: 403, code, reason });
      } else {
        throw new RuntimeError(`Expected ASGI message 'websocket.accept' or 'websocket.close', but got '${type}'.`);
      }
    } else if (state === "open") {
      if (message.type === "websocket.send") {
        if (message.bytes !== undefined) await peer.frame({ bytes: message.bytes });
        else if (typeof message.text === "string") await peer.frame({ text: message.text });
        else throw new TypeError("A websocket.send message carries text or bytes");
      } else if (message.type === "websocket.close") {
        const code = message.code ?? 1000;
        const reason = message.reason ?? "";
        checkClose(code, reason);
        state = "closed";
        outcome.close = { code, reason, by: "app" };
        deliver({ type: "websocket.disconnect", code, reason });
        await peer.close({ code, reason, by: "app" });
      } else {
        throw new RuntimeError(`Expected ASGI message 'websocket.send' or 'websocket.close', but got '${type}'.`);
      }
    } else {
      throw new RuntimeError(`Unexpected ASGI message '${type}', after sending 'websocket.close'.`);
    }
  };

  const serverClose = async (code: number) => {
    state = "closed";
    outcome.close = { code, reason: "", by: "server" };
    await peer.close({ code, reason: "", by: "server" });
  };

  const done = (async (): Promise<WebSocketOutcome> => {
    try {
      await run(scope, receive, send);
    } catch (error) {
      if (error instanceof ClientDisconnected) return outcome;
      outcome.problem = { message: "Exception in ASGI application", error };
      if (clientGone) return outcome;
      if (state === "connecting") {
        state = "closed";
        outcome.refused = 500;
        await peer.refuse({ status: 500 });
      } else if (state === "open") {
        await serverClose(1011);
      }
      return outcome;
    }
    if (clientGone) return outcome;
    if (state === "connecting") {
      state = "closed";
      outcome.refused = 500;
      outcome.problem = { message: "ASGI callable returned without completing handshake." };
      await peer.refuse({ status: 500 });
    } else if (state === "open") {
      await serverClose(1000);
    }
    return outcome;
  })();

  return {
    get state() {
      return state;
    },
    done,
    send(frame) {
      if (state === "connecting" && !clientGone) throw new RuntimeError("A client cannot send frames before the handshake completes");
      if (state !== "open" || clientGone) return;
      deliver(frame.bytes !== undefined ? { type: "websocket.receive", bytes: frame.bytes } : { type: "websocket.receive", text: frame.text });
    },
    close(code = 1000, reason = "") {
      if (state === "closed" || clientGone) return;
      clientGone = true;
      // A client that gives up during the handshake sends no close frame: the app reads 1006.
      if (state === "connecting") {
        deliver({ type: "websocket.disconnect", code: 1006, reason: "" });
        state = "closed";
        return;
      }
      state = "closed";
      outcome.close = { code, reason, by: "client" };
      deliver({ type: "websocket.disconnect", code, reason });
    },
    drop() {
      if (state === "closed" || clientGone) return;
      clientGone = true;
      state = "closed";
      deliver({ type: "websocket.disconnect", code: 1006, reason: "" });
    },
  };
}

function checkClose(code: number, reason: string): void {
  const problem = closeCodeProblem(code);
  if (problem) throw new ProtocolError(`invalid close code: ${problem}`);
  const bytes = encode(reason).length;
  if (bytes > MAX_REASON_BYTES) {
    throw new ProtocolError(`close reason too long: ${bytes} bytes in UTF-8, and a close frame holds at most ${MAX_REASON_BYTES} (RFC 6455 §5.5)`);
  }
}

export interface WebSocketScopeInit {
  /** The path as it arrived on the wire (percent-encoded). */
  path: string;
  /** The query string, without its "?". */
  query?: string;
  headers?: RawHeaders;
  /** Default: the Sec-WebSocket-Protocol headers' values, in order. */
  subprotocols?: string[];
  scheme?: "ws" | "wss";
  client?: [host: string, port: number] | null;
  server?: [host: string, port: number] | null;
  rootPath?: string;
  /** The app's state, copied per connection as uvicorn does. */
  state?: Record<string, unknown>;
}

/** The scope a server builds for an opening handshake. */
export function webSocketScope(init: WebSocketScopeInit): WebSocketScope {
  const headers = (init.headers ?? []).map(([k, v]): [string, string] => [k.toLowerCase(), v]);
  const offered = headers
    .filter(([k]) => k === "sec-websocket-protocol")
    .flatMap(([, v]) => v.split(",").map((token) => token.trim()))
    .filter((token) => token !== "");
  return {
    type: "websocket",
    http_version: "1.1",
    scheme: init.scheme ?? "ws",
    path: unquote(init.path),
    raw_path: init.path,
    query_string: init.query ?? "",
    root_path: init.rootPath ?? "",
    headers,
    client: init.client ?? null,
    server: init.server ?? null,
    subprotocols: init.subprotocols ?? offered,
    state: { ...(init.state ?? {}) },
  };
}
