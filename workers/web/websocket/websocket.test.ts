import { describe, expect, it } from "vitest";
import type { WebSocketReceiveMessage, WebSocketScope, WebSocketSendMessage } from "../app/asgi";
import { KeyError, RuntimeError } from "../app/errors";
import { ClientDisconnected, WebSocketDisconnect } from "./errors";
import { WebSocket, WebSocketState } from "./websocket";

function scope(overrides: Partial<WebSocketScope> = {}): WebSocketScope {
  return {
    type: "websocket",
    scheme: "ws",
    path: "/ws",
    raw_path: "/ws",
    query_string: "",
    root_path: "",
    headers: [["host", "testserver"]],
    client: ["testclient", 50000],
    server: ["testserver", 80],
    subprotocols: [],
    state: {},
    ...overrides,
  };
}

/** A WebSocket over a scripted receive and a recording send. */
function socket(incoming: WebSocketReceiveMessage[], options: { sendFails?: boolean; scope?: Partial<WebSocketScope> } = {}) {
  const sent: WebSocketSendMessage[] = [];
  const ws = new WebSocket(
    scope(options.scope),
    async () => {
      const next = incoming.shift();
      if (!next) throw new Error("test script ran out of messages");
      return next;
    },
    async (message) => {
      if (options.sendFails && message.type !== "websocket.accept") throw new ClientDisconnected("peer gone");
      sent.push(message);
    },
  );
  return { ws, sent };
}

const connect = { type: "websocket.connect" } as const;
const text = (t: string) => ({ type: "websocket.receive", text: t }) as const;

describe("WebSocket (starlette.websockets)", () => {
  it("accepts, exchanges text, bytes and JSON, and closes", async () => {
    const { ws, sent } = socket([connect, text("hi"), { type: "websocket.receive", bytes: new Uint8Array([1, 2]) }, text('{"a":[1,2]}')]);
    await ws.accept({ subprotocol: "chat" });
    expect([ws.clientState, ws.applicationState]).toEqual([WebSocketState.CONNECTED, WebSocketState.CONNECTED]);
    expect(await ws.receiveText()).toBe("hi");
    expect([...(await ws.receiveBytes())]).toEqual([1, 2]);
    expect(await ws.receiveJson()).toEqual({ a: [1, 2] });
    await ws.sendText("yo");
    await ws.sendJson({ b: "é", c: [1, { d: null }] });
    await ws.sendJson([1], "binary");
    await ws.close(4000, "bye");
    expect(ws.applicationState).toBe(WebSocketState.DISCONNECTED);
    expect(sent.map((m) => ("bytes" in m && m.bytes ? { ...m, bytes: new TextDecoder().decode(m.bytes) } : m))).toEqual([
      { type: "websocket.accept", subprotocol: "chat", headers: [] },
      { type: "websocket.send", text: "yo" },
      { type: "websocket.send", text: '{"b":"é","c":[1,{"d":null}]}' },
      { type: "websocket.send", bytes: "[1]" },
      { type: "websocket.close", code: 4000, reason: "bye" },
    ]);
  });

  it("raises WebSocketDisconnect with the client's code and reason, then refuses to receive again", async () => {
    const { ws } = socket([connect, { type: "websocket.disconnect", code: 1001, reason: "tab closed" }]);
    await ws.accept();
    const error = await ws.receiveText().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebSocketDisconnect);
    expect(error).toMatchObject({ code: 1001, reason: "tab closed", message: "1001 (Going Away): tab closed" });
    expect(ws.clientState).toBe(WebSocketState.DISCONNECTED);
    await expect(ws.receiveText()).rejects.toThrow(new RuntimeError('Cannot call "receive" once a disconnect message has been received.'));
  });

  it("ends iterText quietly at the disconnect", async () => {
    const { ws } = socket([connect, text("a"), text("b"), { type: "websocket.disconnect", code: 1000 }]);
    await ws.accept();
    const seen: string[] = [];
    for await (const message of ws.iterText()) seen.push(message);
    expect(seen).toEqual(["a", "b"]);
  });

  it("speaks Starlette's error texts for messages out of order", async () => {
    const early = socket([text("too soon")]);
    await expect(early.ws.accept()).rejects.toThrow('Expected ASGI message "websocket.connect", but got \'websocket.receive\'');

    const twice = socket([connect, connect]);
    await twice.ws.accept();
    await expect(twice.ws.receive()).rejects.toThrow(
      'Expected ASGI message "websocket.receive" or "websocket.disconnect", but got \'websocket.connect\'',
    );

    const unaccepted = socket([connect]);
    await expect(unaccepted.ws.receiveText()).rejects.toThrow('WebSocket is not connected. Need to call "accept" first.');
    await expect(unaccepted.ws.sendText("x")).rejects.toThrow(
      'Expected ASGI message "websocket.accept", "websocket.close" or "websocket.http.response.start", but got \'websocket.send\'',
    );

    const accepted = socket([connect]);
    await accepted.ws.accept();
    await expect(accepted.ws.accept()).rejects.toThrow('Expected ASGI message "websocket.send" or "websocket.close", but got \'websocket.accept\'');
    await accepted.ws.close();
    await expect(accepted.ws.sendText("x")).rejects.toThrow('Cannot call "send" once a close message has been sent.');
    await expect(accepted.ws.receiveText()).rejects.toThrow('WebSocket is not connected. Need to call "accept" first.');
  });

  it("refuses a bad JSON mode and reads the wrong kind of frame as Python's KeyError", async () => {
    const { ws } = socket([connect, text("not bytes")]);
    await ws.accept();
    await expect(ws.receiveJson("xml" as "text")).rejects.toThrow('The "mode" argument should be "text" or "binary".');
    const error = await ws.receiveBytes().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyError);
    expect((error as Error).message).toBe("'bytes'");
  });

  it("turns a send to a vanished client into WebSocketDisconnect(1006) (Starlette 1.x)", async () => {
    const { ws } = socket([connect], { sendFails: true });
    await ws.accept();
    const error = await ws.sendText("anyone?").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebSocketDisconnect);
    expect(error).toMatchObject({ code: 1006, message: "1006 (Abnormal Closure)" });
    expect((error as Error).cause).toBeInstanceOf(ClientDisconnected);
    expect(ws.applicationState).toBe(WebSocketState.DISCONNECTED);
  });

  it("closes before accepting, which refuses the handshake", async () => {
    const { ws, sent } = socket([connect]);
    await ws.close(1008);
    expect(sent).toEqual([{ type: "websocket.close", code: 1008, reason: "" }]);
    expect(ws.applicationState).toBe(WebSocketState.DISCONNECTED);
  });

  it("reads the scope as an HTTPConnection: url, query, headers, cookies, path params, state", () => {
    const { ws } = socket([], {
      scope: {
        path: "/rooms/7",
        raw_path: "/rooms/7",
        query_string: "token=abc&x=1&x=2",
        headers: [["host", "example.com"], ["cookie", "session=s1; theme=dark"]],
        path_params: { room: 7 },
        state: { user: "ada" },
      },
    });
    expect(ws.url.href).toBe("ws://example.com/rooms/7?token=abc&x=1&x=2");
    expect(ws.path).toBe("/rooms/7");
    expect([ws.queryParams.get("token"), ws.queryParams.getAll("x")]).toEqual(["abc", ["1", "2"]]);
    expect(ws.headers.get("host")).toBe("example.com");
    expect(ws.cookies).toEqual({ session: "s1", theme: "dark" });
    expect(ws.pathParams).toEqual({ room: 7 });
    expect(ws.state).toEqual({ user: "ada" });
  });

  it("needs a websocket scope", () => {
    expect(() => new WebSocket({ ...scope(), type: "http" } as unknown as WebSocketScope, async () => connect, async () => {})).toThrow(
      /websocket/,
    );
  });
});
