// One WebSocket connection served to an ASGI app with uvicorn's rules (its websockets
// implementation), behind one narrow function so it can give way to the web engine's shared
// `serveWebSocket` once that exists:
//   - the app first receives `websocket.connect`; `websocket.accept` completes the handshake;
//     `websocket.close` before accepting refuses it with HTTP 403;
//   - the app raises (or returns) before accepting: HTTP 500; raises after: close 1011; returns
//     without closing: close 1000;
//   - the client's close frame reaches the app as `websocket.disconnect` with its code, a dropped
//     connection as `websocket.disconnect` 1006; receive after that answers the same again;
//   - sending to a peer that is gone raises ClientDisconnected (Starlette turns it into
//     WebSocketDisconnect 1006); sending after the app's own close is a RuntimeError.
import type { AsgiWebSocketApp, WebSocketReceiveMessage, WebSocketScope, WebSocketSendMessage } from "../web/app/asgi.ts";

/** The server's side of the wire: what the app's messages turn into. */
export interface WebSocketPeer {
  accept(subprotocol: string | null): void;
  send(frame: { text?: string; bytes?: Uint8Array }): void;
  /** A close frame after the handshake. */
  close(code: number, reason: string): void;
  /** The handshake refused: 403 (the app closed first) or 500 (it raised or returned first). */
  reject(status: 403 | 500): void;
  /** The app raised (uvicorn logs "Exception in ASGI application"). */
  error(error: unknown): void;
}

/** The client's side: what arrives for the app. */
export interface ServedWebSocket {
  frame(frame: { text?: string; bytes?: Uint8Array }): void;
  /** The client's close frame. */
  clientClosed(code: number, reason: string): void;
  /** The connection dropped without a close frame (the heartbeat's verdict, a killed peer). */
  dropped(): void;
  /** True until either side closed or the connection dropped. */
  readonly open: boolean;
  /** Settles when the app's handler has returned (or raised). */
  readonly done: Promise<void>;
}

/** uvicorn's ClientDisconnected: a send to a peer that is gone. */
export class ClientDisconnected extends Error {
  readonly code = 1006;
  constructor() {
    super("the client is gone: the frame was not sent");
    this.name = "ClientDisconnected";
  }
}

type State = "handshake" | "open" | "closed";

class Connection implements ServedWebSocket {
  private state: State = "handshake";
  private closedByApp = false;
  private readonly inbox: WebSocketReceiveMessage[] = [{ type: "websocket.connect" }];
  private waiters: ((message: WebSocketReceiveMessage) => void)[] = [];
  private disconnect: WebSocketReceiveMessage | null = null;
  done: Promise<void> = Promise.resolve();

  constructor(private readonly peer: WebSocketPeer) {}

  get open(): boolean {
    return this.state !== "closed";
  }

  receive = (): Promise<WebSocketReceiveMessage> => {
    const next = this.inbox.shift() ?? this.disconnect;
    if (next) return Promise.resolve(next);
    return new Promise((resolve) => this.waiters.push(resolve));
  };

  send = async (message: WebSocketSendMessage): Promise<void> => {
    const type = (message as { type?: unknown } | null)?.type;
    if (this.state === "closed") {
      if (this.closedByApp) throw new Error(`Unexpected ASGI message '${String(type)}', after sending 'websocket.close'.`);
      throw new ClientDisconnected();
    }
    if (this.state === "handshake") {
      if (type === "websocket.accept") {
        this.state = "open";
        this.peer.accept((message as { subprotocol?: string | null }).subprotocol ?? null);
      } else if (type === "websocket.close") {
        this.end(true, 1006, "");
        this.peer.reject(403);
      } else {
        throw new Error(`Expected ASGI message 'websocket.accept' or 'websocket.close', but got '${String(type)}'.`);
      }
      return;
    }
    if (type === "websocket.send") {
      const { text, bytes } = message as { text?: unknown; bytes?: unknown };
      if (typeof text === "string") this.peer.send({ text });
      else if (bytes instanceof Uint8Array) this.peer.send({ bytes });
      else throw new TypeError("websocket.send needs `text` (a string) or `bytes` (a Uint8Array)");
    } else if (type === "websocket.close") {
      const { code = 1000, reason = "" } = message as { code?: number; reason?: string };
      this.end(true, code, reason);
      this.peer.close(code, reason);
    } else {
      throw new Error(`Expected ASGI message 'websocket.send' or 'websocket.close', but got '${String(type)}'.`);
    }
  };

  frame(frame: { text?: string; bytes?: Uint8Array }): void {
    if (this.state === "closed") return;
    this.push({ type: "websocket.receive", ...frame });
  }

  clientClosed(code: number, reason: string): void {
    if (this.state === "closed") return;
    // A client that goes before the handshake completes has dropped the connection.
    if (this.state === "handshake") this.end(false, 1006, "");
    else this.end(false, code, reason);
  }

  dropped(): void {
    if (this.state !== "closed") this.end(false, 1006, "");
  }

  /** The app ended the handler: uvicorn's rules for what the peer then sees. */
  finished(error: unknown, raised: boolean): void {
    if (raised) this.peer.error(error);
    if (this.state === "handshake") {
      if (!raised) this.peer.error(new Error("ASGI callable returned without sending handshake."));
      this.end(true, 1006, "");
      this.peer.reject(500);
    } else if (this.state === "open") {
      const code = raised ? 1011 : 1000;
      this.end(true, code, "");
      this.peer.close(code, "");
    }
  }

  private end(byApp: boolean, code: number, reason: string): void {
    this.state = "closed";
    this.closedByApp = byApp;
    this.disconnect = { type: "websocket.disconnect", code, ...(reason ? { reason } : {}) };
    // Whatever the client sent and the app has not read yet is still read first.
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake(this.disconnect);
  }

  private push(message: WebSocketReceiveMessage): void {
    const wake = this.waiters.shift();
    if (wake) wake(message);
    else this.inbox.push(message);
  }
}

/** Runs `app` for one connection to `scope`; the returned handle feeds it what the client does. */
export function serveWebSocket(app: AsgiWebSocketApp, scope: WebSocketScope, peer: WebSocketPeer): ServedWebSocket {
  const connection = new Connection(peer);
  connection.done = new Promise<void>((resolve) => resolve(app(scope, connection.receive, connection.send))).then(
    () => connection.finished(undefined, false),
    (error: unknown) => connection.finished(error, true),
  );
  return connection;
}
