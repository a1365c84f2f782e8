// uvicorn's rules for one WebSocket connection, as serve.ts applies them to an ASGI app.
import { describe, expect, it } from "vitest";
import type { AsgiWebSocketApp, WebSocketReceiveMessage, WebSocketScope } from "../web/app/asgi.ts";
import { serveWebSocket, type WebSocketPeer } from "./serve.ts";

const scope: WebSocketScope = {
  type: "websocket",
  scheme: "ws",
  path: "/ws",
  raw_path: "/ws",
  query_string: "",
  root_path: "",
  headers: [],
  client: null,
  server: null,
  state: {},
  subprotocols: [],
};

/** Serves `app` and records what the client would see. */
function serve(app: AsgiWebSocketApp) {
  const seen: string[] = [];
  const errors: string[] = [];
  const peer: WebSocketPeer = {
    accept: () => seen.push("accept"),
    send: (frame) => seen.push(`frame ${frame.text}`),
    close: (code, reason) => seen.push(`close ${code}${reason ? ` ${reason}` : ""}`),
    reject: (status) => seen.push(`reject ${status}`),
    error: (error) => errors.push(String((error as Error).message)),
  };
  const served = serveWebSocket(app, scope, peer);
  return { served, seen, errors };
}

const accept = { type: "websocket.accept" } as const;

describe("serveWebSocket (uvicorn's rules)", () => {
  it("refuses the handshake with 403 when the app closes before accepting", async () => {
    let after: WebSocketReceiveMessage | undefined;
    const { served, seen } = serve(async (_scope, receive, send) => {
      await receive();
      await send({ type: "websocket.close", code: 4001 });
      after = await receive();
    });
    await served.done;
    expect(seen).toEqual(["reject 403"]);
    expect(after).toEqual({ type: "websocket.disconnect", code: 1006 });
  });

  it("answers 500 when the app raises or returns before accepting", async () => {
    const raised = serve(async () => {
      throw new Error("no database");
    });
    const returned = serve(async (_scope, receive) => {
      await receive();
    });
    await Promise.all([raised.served.done, returned.served.done]);
    expect(raised.seen).toEqual(["reject 500"]);
    expect(raised.errors).toEqual(["no database"]);
    expect(returned.seen).toEqual(["reject 500"]);
    expect(returned.errors).toEqual(["ASGI callable returned without sending handshake."]);
  });

  it("closes with 1011 when the app raises after accepting, 1000 when it returns", async () => {
    const raised = serve(async (_scope, receive, send) => {
      await receive();
      await send(accept);
      throw new Error("bug");
    });
    const returned = serve(async (_scope, receive, send) => {
      await receive();
      await send(accept);
      await send({ type: "websocket.send", text: "bye" });
    });
    await Promise.all([raised.served.done, returned.served.done]);
    expect(raised.seen).toEqual(["accept", "close 1011"]);
    expect(returned.seen).toEqual(["accept", "frame bye", "close 1000"]);
  });

  it("hands the app the client's frames in order (those sent during the handshake too), then its close", async () => {
    const received: WebSocketReceiveMessage[] = [];
    const { served, seen } = serve(async (_scope, receive, send) => {
      await receive();
      await send(accept);
      for (;;) {
        const message = await receive();
        received.push(message);
        if (message.type === "websocket.disconnect") return;
      }
    });
    served.frame({ text: "early" });
    await Promise.resolve();
    served.frame({ text: "later" });
    served.clientClosed(4000, "done");
    await served.done;
    expect(received).toEqual([
      { type: "websocket.receive", text: "early" },
      { type: "websocket.receive", text: "later" },
      { type: "websocket.disconnect", code: 4000, reason: "done" },
    ]);
    expect(seen).toEqual(["accept"]);
  });

  it("tells a dropped connection as 1006, and a send to a gone peer raises ClientDisconnected", async () => {
    let sendError: unknown;
    let disconnect: WebSocketReceiveMessage | undefined;
    const { served, seen } = serve(async (_scope, receive, send) => {
      await receive();
      await send(accept);
      disconnect = await receive();
      sendError = await send({ type: "websocket.send", text: "anyone?" }).catch((e: unknown) => e);
    });
    await Promise.resolve();
    served.dropped();
    await served.done;
    expect(disconnect).toEqual({ type: "websocket.disconnect", code: 1006 });
    expect(sendError).toMatchObject({ name: "ClientDisconnected", code: 1006 });
    expect(served.open).toBe(false);
    expect(seen).toEqual(["accept"]);
  });

  it("refuses a frame before the handshake, and anything after the app's own close", async () => {
    const errors: unknown[] = [];
    const early = serve(async (_scope, receive, send) => {
      await receive();
      await send({ type: "websocket.send", text: "too soon" });
    });
    const late = serve(async (_scope, receive, send) => {
      await receive();
      await send(accept);
      await send({ type: "websocket.close" });
      errors.push(await send({ type: "websocket.send", text: "too late" }).catch((e: unknown) => e));
    });
    await Promise.all([early.served.done, late.served.done]);
    expect(early.seen).toEqual(["reject 500"]);
    expect(early.errors[0]).toMatch(/Expected ASGI message 'websocket.accept' or 'websocket.close', but got 'websocket.send'/);
    expect(late.seen).toEqual(["accept", "close 1000"]);
    expect(String(errors[0])).toMatch(/after sending 'websocket.close'/);
  });
});
