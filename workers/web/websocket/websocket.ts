// Starlette's WebSocket (starlette/websockets.py, 1.x) over an ASGI (scope, receive, send): the
// connection's view of the scope (HTTPConnection), and two state machines that keep the ASGI
// messages in a legal order — `clientState` follows what was received (connect, then frames,
// then disconnect), `applicationState` what was sent (accept or close, then frames, then close).
// Error texts are Starlette's, word for word. One change of Starlette 1.x matters to lessons: when
// the server's `send` fails because the client is gone (an OSError such as uvicorn's
// ClientDisconnected), `send` marks the app side DISCONNECTED and raises WebSocketDisconnect(1006),
// so a handler's `except WebSocketDisconnect` also covers writing to a dead peer.
import type {
  RawHeaders,
  WebSocketReceive,
  WebSocketReceiveMessage,
  WebSocketScope,
  WebSocketSend,
  WebSocketSendMessage,
} from "../app/asgi";
import { decode, encode } from "../app/asgi";
import { HTTPConnection } from "../app/connection";
import { KeyError, RuntimeError } from "../app/errors";
import { OSError, WebSocketDisconnect } from "./errors";

/** Starlette's WebSocketState. RESPONSE belongs to the denial-response extension, which no server here offers. */
export const WebSocketState = Object.freeze({
  CONNECTING: "CONNECTING",
  CONNECTED: "CONNECTED",
  DISCONNECTED: "DISCONNECTED",
  RESPONSE: "RESPONSE",
} as const);
export type WebSocketState = (typeof WebSocketState)[keyof typeof WebSocketState];

export interface AcceptOptions {
  subprotocol?: string | null;
  /** Extra headers for the handshake response. */
  headers?: RawHeaders;
}

export type JsonMode = "text" | "binary";

/** How Python's `{value!r}` prints a message type. */
const repr = (value: unknown): string => (typeof value === "string" ? `'${value}'` : String(value));

const NOT_CONNECTED = 'WebSocket is not connected. Need to call "accept" first.';
const BAD_MODE = 'The "mode" argument should be "text" or "binary".';

export class WebSocket extends HTTPConnection<WebSocketScope> {
  clientState: WebSocketState = WebSocketState.CONNECTING;
  applicationState: WebSocketState = WebSocketState.CONNECTING;
  readonly #receive: WebSocketReceive;
  readonly #send: WebSocketSend;

  constructor(scope: WebSocketScope, receive: WebSocketReceive, send: WebSocketSend) {
    if (scope.type !== "websocket") throw new TypeError(`A WebSocket needs a "websocket" scope, not ${repr(scope.type)}`);
    super(scope);
    this.#receive = receive;
    this.#send = send;
  }

  /** The path (Starlette's `websocket["path"]`, also `websocket.url.path`). */
  get path(): string {
    return this.scope.path;
  }

  /** The next ASGI message, checked against the client's state. */
  async receive(): Promise<WebSocketReceiveMessage> {
    if (this.clientState === WebSocketState.CONNECTING) {
      const message = await this.#receive();
      if (message.type !== "websocket.connect") {
        throw new RuntimeError(`Expected ASGI message "websocket.connect", but got ${repr(message.type)}`);
      }
      this.clientState = WebSocketState.CONNECTED;
      return message;
    }
    if (this.clientState === WebSocketState.CONNECTED) {
      const message = await this.#receive();
      if (message.type !== "websocket.receive" && message.type !== "websocket.disconnect") {
        throw new RuntimeError(`Expected ASGI message "websocket.receive" or "websocket.disconnect", but got ${repr(message.type)}`);
      }
      if (message.type === "websocket.disconnect") this.clientState = WebSocketState.DISCONNECTED;
      return message;
    }
    throw new RuntimeError('Cannot call "receive" once a disconnect message has been received.');
  }

  /** Sends one ASGI message, checked against the app's state. */
  async send(message: WebSocketSendMessage): Promise<void> {
    const type: string = message.type;
    if (this.applicationState === WebSocketState.CONNECTING) {
      if (type !== "websocket.accept" && type !== "websocket.close") {
        throw new RuntimeError(
          `Expected ASGI message "websocket.accept", "websocket.close" or "websocket.http.response.start", but got ${repr(type)}`,
        );
      }
      this.applicationState = type === "websocket.close" ? WebSocketState.DISCONNECTED : WebSocketState.CONNECTED;
      await this.#send(message);
    } else if (this.applicationState === WebSocketState.CONNECTED) {
      if (type !== "websocket.send" && type !== "websocket.close") {
        throw new RuntimeError(`Expected ASGI message "websocket.send" or "websocket.close", but got ${repr(type)}`);
      }
      if (type === "websocket.close") this.applicationState = WebSocketState.DISCONNECTED;
      try {
        await this.#send(message);
      } catch (error) {
        if (!(error instanceof OSError)) throw error;
        this.applicationState = WebSocketState.DISCONNECTED;
        throw new WebSocketDisconnect(1006, undefined, { cause: error });
      }
    } else if (this.applicationState === WebSocketState.RESPONSE) {
      throw new RuntimeError(`Expected ASGI message "websocket.http.response.body", but got ${repr(type)}`);
    } else {
      throw new RuntimeError('Cannot call "send" once a close message has been sent.');
    }
  }

  /** Completes the handshake (reading `websocket.connect` first if nobody has yet). */
  async accept(options: AcceptOptions = {}): Promise<void> {
    if (this.clientState === WebSocketState.CONNECTING) await this.receive();
    await this.send({ type: "websocket.accept", subprotocol: options.subprotocol ?? null, headers: options.headers ?? [] });
  }

  #raiseOnDisconnect(message: WebSocketReceiveMessage): asserts message is Extract<WebSocketReceiveMessage, { type: "websocket.receive" }> {
    if (message.type === "websocket.disconnect") throw new WebSocketDisconnect(message.code, message.reason);
  }

  async #receiveData(): Promise<Extract<WebSocketReceiveMessage, { type: "websocket.receive" }>> {
    if (this.applicationState !== WebSocketState.CONNECTED) throw new RuntimeError(NOT_CONNECTED);
    const message = await this.receive();
    this.#raiseOnDisconnect(message);
    return message;
  }

  async receiveText(): Promise<string> {
    const message = await this.#receiveData();
    if (message.text === undefined) throw new KeyError("text");
    return message.text;
  }

  async receiveBytes(): Promise<Uint8Array> {
    const message = await this.#receiveData();
    if (message.bytes === undefined) throw new KeyError("bytes");
    return message.bytes;
  }

  async receiveJson(mode: JsonMode = "text"): Promise<unknown> {
    if (mode !== "text" && mode !== "binary") throw new RuntimeError(BAD_MODE);
    const message = await this.#receiveData();
    const key = mode === "text" ? "text" : "bytes";
    const data = message[key];
    if (data === undefined) throw new KeyError(key);
    return JSON.parse(typeof data === "string" ? data : decode(data));
  }

  /** Text frames until the client disconnects (the disconnect ends the loop quietly). */
  async *iterText(): AsyncGenerator<string, void, undefined> {
    yield* this.#iterate(() => this.receiveText());
  }

  async *iterBytes(): AsyncGenerator<Uint8Array, void, undefined> {
    yield* this.#iterate(() => this.receiveBytes());
  }

  async *iterJson(): AsyncGenerator<unknown, void, undefined> {
    yield* this.#iterate(() => this.receiveJson());
  }

  async *#iterate<T>(next: () => Promise<T>): AsyncGenerator<T, void, undefined> {
    try {
      for (;;) yield await next();
    } catch (error) {
      if (!(error instanceof WebSocketDisconnect)) throw error;
    }
  }

  async sendText(data: string): Promise<void> {
    await this.send({ type: "websocket.send", text: data });
  }

  async sendBytes(data: Uint8Array): Promise<void> {
    await this.send({ type: "websocket.send", bytes: data });
  }

  /** JSON without spaces, as Starlette's json.dumps(separators=(",", ":"), ensure_ascii=False). */
  async sendJson(data: unknown, mode: JsonMode = "text"): Promise<void> {
    if (mode !== "text" && mode !== "binary") throw new RuntimeError(BAD_MODE);
    const text = JSON.stringify(data) as string | undefined;
    // JSON.stringify gives undefined for what Python's json.dumps refuses outright.
    if (text === undefined) throw new TypeError(`Object of type ${typeof data} is not JSON serializable`);
    await this.send(mode === "text" ? { type: "websocket.send", text } : { type: "websocket.send", bytes: encode(text) });
  }

  /** Closes with `code` (before `accept`, this refuses the handshake: the server answers HTTP 403). */
  async close(code = 1000, reason?: string | null): Promise<void> {
    await this.send({ type: "websocket.close", code, reason: reason ?? "" });
  }
}
