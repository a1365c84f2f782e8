// Starlette's WebSocketTestSession: the client end of one WebSocket to the app, with the server
// in between being websocket/server.ts (so the TestClient follows the same server rules as the
// cluster: a refused handshake, 1011 after a failure, 1000 after a plain return). As Starlette's,
// it re-raises an error that escaped the app — at connect time, or where the client would
// otherwise see the server's 1011 — unless the TestClient has `raiseServerExceptions: false`;
// then the client sees what a browser would.
import { decode, encode, type RawHeaders } from "../app/asgi";
import { KeyError } from "../app/errors";
import { WebSocketDisconnect } from "../websocket/errors";
import type { Frame, Refusal, ServerClose, WebSocketConnection, WebSocketOutcome, WebSocketPeer } from "../websocket/server";

/** What the session reads: a data frame, or the close that ended the connection. */
export type SessionMessage =
  | { type: "websocket.send"; text?: string; bytes?: Uint8Array }
  | { type: "websocket.close"; code: number; reason: string };

type Handshake = { accepted: true; subprotocol: string | null; headers: RawHeaders } | { accepted: false; refusal: Refusal };

/**
 * The peer half the server talks to, which the session reads from. It exists before the
 * connection (serveWebSocket needs it), so the session is built once the handshake is settled.
 */
export class SessionPeer implements WebSocketPeer {
  readonly handshake: Promise<Handshake>;
  #settle!: (handshake: Handshake) => void;
  readonly #inbox: SessionMessage[] = [];
  readonly #readers: ((message: SessionMessage) => void)[] = [];
  /** The close that ended the connection once it has been read (or the client closed): read again from then on. */
  #final: SessionMessage | undefined;

  constructor() {
    this.handshake = new Promise((resolve) => (this.#settle = resolve));
  }

  accept(handshake: { subprotocol: string | null; headers: RawHeaders }): void {
    this.#settle({ accepted: true, ...handshake });
  }

  refuse(refusal: Refusal): void {
    this.#settle({ accepted: false, refusal });
  }

  frame(frame: Frame): void {
    this.#push(frame.bytes !== undefined ? { type: "websocket.send", bytes: frame.bytes } : { type: "websocket.send", text: frame.text });
  }

  close(close: ServerClose): void {
    this.#push({ type: "websocket.close", code: close.code, reason: close.reason });
  }

  /** The client's own close (or drop): nothing more will arrive after what is queued. */
  ended(code: number, reason: string): void {
    if (!this.#final) this.#push({ type: "websocket.close", code, reason });
  }

  #push(message: SessionMessage): void {
    if (this.#final) return;
    if (message.type === "websocket.close") this.#final = message;
    const reader = this.#readers.shift();
    if (reader) reader(message);
    else this.#inbox.push(message);
  }

  next(): Promise<SessionMessage> {
    const message = this.#inbox.shift() ?? this.#final;
    if (message) return Promise.resolve(message);
    return new Promise((resolve) => this.#readers.push(resolve));
  }
}

export class WebSocketTestSession {
  /** The subprotocol the app accepted with, if any. */
  readonly acceptedSubprotocol: string | null;
  /** The extra headers the app accepted with. */
  readonly extraHeaders: RawHeaders;
  readonly #peer: SessionPeer;
  readonly #connection: WebSocketConnection;
  readonly #raise: boolean;
  #errorRaised = false;

  constructor(peer: SessionPeer, connection: WebSocketConnection, handshake: { subprotocol: string | null; headers: RawHeaders }, raise: boolean) {
    this.#peer = peer;
    this.#connection = connection;
    this.#raise = raise;
    this.acceptedSubprotocol = handshake.subprotocol;
    this.extraHeaders = handshake.headers;
  }

  sendText(data: string): void {
    this.#connection.send({ text: data });
  }

  sendBytes(data: Uint8Array): void {
    this.#connection.send({ bytes: data });
  }

  sendJson(data: unknown, mode: "text" | "binary" = "text"): void {
    const text = JSON.stringify(data) as string | undefined;
    if (text === undefined) throw new TypeError(`Object of type ${typeof data} is not JSON serializable`);
    this.#connection.send(mode === "text" ? { text } : { bytes: encode(text) });
  }

  /** The next message from the app, raw: a frame, or the close that ended the connection. */
  async receive(): Promise<SessionMessage> {
    const message = await this.#peer.next();
    if (message.type === "websocket.close" && message.code === 1011) await this.#raiseServerError();
    return message;
  }

  async receiveText(): Promise<string> {
    const message = await this.#receiveFrame();
    if (message.text === undefined) throw new KeyError("text");
    return message.text;
  }

  async receiveBytes(): Promise<Uint8Array> {
    const message = await this.#receiveFrame();
    if (message.bytes === undefined) throw new KeyError("bytes");
    return message.bytes;
  }

  async receiveJson(mode: "text" | "binary" = "text"): Promise<unknown> {
    return JSON.parse(mode === "text" ? await this.receiveText() : decode(await this.receiveBytes()));
  }

  /** Starlette's _raise_on_close: a close reads as WebSocketDisconnect(code, reason). */
  async #receiveFrame(): Promise<Extract<SessionMessage, { type: "websocket.send" }>> {
    const message = await this.receive();
    if (message.type === "websocket.close") throw new WebSocketDisconnect(message.code, message.reason);
    return message;
  }

  /**
   * Sends the client's close frame and waits for the app to finish; an error that escaped the
   * app (other than the WebSocketDisconnect its reading raised) is re-raised here.
   */
  async close(code = 1000, reason = ""): Promise<WebSocketOutcome> {
    this.#connection.close(code, reason);
    this.#peer.ended(code, reason);
    const outcome = await this.#connection.done;
    await this.#raiseServerError();
    return outcome;
  }

  /** The client vanishes without a close frame (a phone in a tunnel): the app reads 1006. */
  async drop(): Promise<WebSocketOutcome> {
    this.#connection.drop();
    this.#peer.ended(1006, "");
    return this.#connection.done;
  }

  async #raiseServerError(): Promise<void> {
    if (!this.#raise || this.#errorRaised) return;
    const { problem } = await this.#connection.done;
    if (problem?.error === undefined || problem.error instanceof WebSocketDisconnect) return;
    this.#errorRaised = true;
    throw problem.error;
  }
}
