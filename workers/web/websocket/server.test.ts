import { describe, expect, it } from "vitest";
import { FastAPI } from "../app/app";
import type { AsgiWebSocketApp } from "../app/asgi";
import { RuntimeError } from "../app/errors";
import { ClientDisconnected, ProtocolError, WebSocketDisconnect } from "./errors";
import { serveWebSocket, webSocketScope, type WebSocketPeer } from "./server";
import { WebSocket } from "./websocket";

/** A peer that writes down what the server told it, as plain data. */
function recorder() {
  const log: unknown[] = [];
  const peer: WebSocketPeer = {
    accept: (h) => void log.push(["accept", h.subprotocol]),
    refuse: (r) => void log.push(["refuse", r]),
    frame: (f) => void log.push(["frame", f.text ?? [...f.bytes!]]),
    close: (c) => void log.push(["close", c.code, c.reason, c.by]),
  };
  return { log, peer };
}

const scope = (path = "/ws", init: Partial<Parameters<typeof webSocketScope>[0]> = {}) => webSocketScope({ path, ...init });

/** Lets the app run until it waits on something. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("serveWebSocket: the handshake", () => {
  it("completes the handshake on accept and carries frames both ways", async () => {
    const app: AsgiWebSocketApp = async (s, receive, send) => {
      const ws = new WebSocket(s, receive, send);
      await ws.accept({ subprotocol: "chat" });
      for await (const text of ws.iterText()) await ws.sendText(text.toUpperCase());
    };
    const { log, peer } = recorder();
    const conn = serveWebSocket(app, scope(), peer);
    await settle();
    expect(conn.state).toBe("open");
    conn.send({ text: "hi" });
    conn.send({ text: "there" });
    await settle();
    conn.close(1001, "bye");
    const outcome = await conn.done;
    expect(log).toEqual([["accept", "chat"], ["frame", "HI"], ["frame", "THERE"]]);
    expect(outcome).toEqual({ accepted: true, refused: null, close: { code: 1001, reason: "bye", by: "client" } });
  });

  it("refuses with 403 when the app closes before accepting, passing its code on", async () => {
    const app: AsgiWebSocketApp = async (s, receive, send) => new WebSocket(s, receive, send).close(1008, "no token");
    const { log, peer } = recorder();
    const outcome = await serveWebSocket(app, scope(), peer).done;
    expect(log).toEqual([["refuse", { status: 403, code: 1008, reason: "no token" }]]);
    expect(outcome).toMatchObject({ accepted: false, refused: 403, close: null });
    expect(outcome.problem).toBeUndefined();
  });

  it("refuses with 500 and logs when the app fails, or returns, before accepting", async () => {
    const failing = recorder();
    const boom = new Error("boom");
    const failed = await serveWebSocket(async () => Promise.reject(boom), scope(), failing.peer).done;
    expect(failing.log).toEqual([["refuse", { status: 500 }]]);
    expect(failed).toMatchObject({ refused: 500, problem: { message: "Exception in ASGI application", error: boom } });

    const idle = recorder();
    const returned = await serveWebSocket(async () => {}, scope(), idle.peer).done;
    expect(idle.log).toEqual([["refuse", { status: 500 }]]);
    expect(returned.problem).toEqual({ message: "ASGI callable returned without completing handshake." });
  });

  it("builds the scope from the wire: decoded path, query, subprotocols offered", () => {
    const s = webSocketScope({ path: "/rooms/caf%C3%A9", query: "a=1", headers: [["Sec-WebSocket-Protocol", "v2, v1"]] });
    expect([s.path, s.raw_path, s.query_string, s.subprotocols, s.headers]).toEqual([
      "/rooms/café",
      "/rooms/caf%C3%A9",
      "a=1",
      ["v2", "v1"],
      [["sec-websocket-protocol", "v2, v1"]],
    ]);
  });

  it("does not let the client send before the handshake completes", async () => {
    const conn = serveWebSocket(async () => new Promise<void>(() => {}), scope(), recorder().peer);
    expect(() => conn.send({ text: "early" })).toThrow(RuntimeError);
  });
});

describe("serveWebSocket: how connections end", () => {
  it("closes with 1011 and logs when the app fails after accepting", async () => {
    const boom = new Error("boom");
    const app: AsgiWebSocketApp = async (s, receive, send) => {
      const ws = new WebSocket(s, receive, send);
      await ws.accept();
      await ws.receiveText();
      throw boom;
    };
    const { log, peer } = recorder();
    const conn = serveWebSocket(app, scope(), peer);
    await settle();
    conn.send({ text: "x" });
    const outcome = await conn.done;
    expect(log).toEqual([["accept", null], ["close", 1011, "", "server"]]);
    expect(outcome).toMatchObject({ close: { code: 1011, by: "server" }, problem: { message: "Exception in ASGI application", error: boom } });
  });

  it("closes with 1000 when the app returns without closing", async () => {
    const app: AsgiWebSocketApp = async (s, receive, send) => {
      const ws = new WebSocket(s, receive, send);
      await ws.accept();
      await ws.sendText("bye");
    };
    const { log, peer } = recorder();
    const outcome = await serveWebSocket(app, scope(), peer).done;
    expect(log).toEqual([["accept", null], ["frame", "bye"], ["close", 1000, "", "server"]]);
    expect(outcome.problem).toBeUndefined();
  });

  it("passes the app's close on, then reads the disconnect back and refuses more", async () => {
    const seen: unknown[] = [];
    const app: AsgiWebSocketApp = async (_s, receive, send) => {
      await receive();
      await send({ type: "websocket.accept" });
      await send({ type: "websocket.close", code: 4001, reason: "kicked" });
      seen.push(await receive());
      await send({ type: "websocket.send", text: "late" }).catch((e: Error) => seen.push(e.message));
    };
    const { log, peer } = recorder();
    const outcome = await serveWebSocket(app, scope(), peer).done;
    expect(log).toEqual([["accept", null], ["close", 4001, "kicked", "app"]]);
    expect(seen).toEqual([
      { type: "websocket.disconnect", code: 4001, reason: "kicked" },
      "Unexpected ASGI message 'websocket.send', after sending 'websocket.close'.",
    ]);
    expect(outcome.close).toEqual({ code: 4001, reason: "kicked", by: "app" });
  });

  it("refuses close codes that may not go on the wire, such as 1006", async () => {
    for (const [code, reason] of [[1006, ""], [999, ""], [1000, "x".repeat(124)]] as const) {
      let error: unknown;
      const app: AsgiWebSocketApp = async (s, receive, send) => {
        const ws = new WebSocket(s, receive, send);
        await ws.accept();
        await ws.close(code, reason).catch((e: unknown) => {
          error = e;
        });
      };
      const { log, peer } = recorder();
      await serveWebSocket(app, scope(), peer).done;
      expect(error).toBeInstanceOf(ProtocolError);
      // Starlette marked its side closed before the server refused, so the server closes (1000).
      expect(log).toEqual([["accept", null], ["close", 1000, "", "server"]]);
    }
    const refused = await serveWebSocket(
      async (s, r, send) => {
        const ws = new WebSocket(s, r, send);
        await ws.accept();
        await ws.close(1006);
      },
      scope(),
      recorder().peer,
    ).done;
    expect((refused.problem?.error as Error).message).toBe(
      "invalid close code: 1006 (Abnormal Closure) must never be sent in a close frame: it is what an endpoint reports when the connection ended without any close frame (RFC 6455 §7.4.1)",
    );
  });

  it("gives the app 1006 when the client drops, and fails its next send with WebSocketDisconnect(1006)", async () => {
    const seen: unknown[] = [];
    let ws!: WebSocket;
    const app: AsgiWebSocketApp = async (s, receive, send) => {
      ws = new WebSocket(s, receive, send);
      await ws.accept();
      try {
        await ws.sendText("still there?");
      } catch (error) {
        seen.push(error);
      }
    };
    const { log, peer } = recorder();
    peer.accept = () => conn.drop();
    const conn = serveWebSocket(app, scope(), peer);
    const outcome = await conn.done;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(WebSocketDisconnect);
    expect(seen[0]).toMatchObject({ code: 1006 });
    expect(((seen[0] as Error).cause as Error).constructor).toBe(ClientDisconnected);
    expect(log).toEqual([]);
    expect(outcome).toEqual({ accepted: true, refused: null, close: null });
    await expect(ws.receiveText()).rejects.toThrow(/Need to call "accept" first/);
  });

  it("reads a drop as 1006 on the receiving side too, and ends quietly on ClientDisconnected", async () => {
    const seen: unknown[] = [];
    const app: AsgiWebSocketApp = async (_s, receive, send) => {
      await receive();
      await send({ type: "websocket.accept" });
      seen.push(await receive());
      await send({ type: "websocket.send", text: "anyone?" });
    };
    const conn = serveWebSocket(app, scope(), recorder().peer);
    await settle();
    conn.drop();
    const outcome = await conn.done;
    expect(seen).toEqual([{ type: "websocket.disconnect", code: 1006, reason: "" }]);
    expect(outcome.problem).toBeUndefined();
  });

  it("sends nothing when a WebSocketDisconnect escapes after the client closed, and logs it as uvicorn does", async () => {
    const app: AsgiWebSocketApp = async (s, receive, send) => {
      const ws = new WebSocket(s, receive, send);
      await ws.accept();
      for (;;) await ws.receiveText();
    };
    const { log, peer } = recorder();
    const conn = serveWebSocket(app, scope(), peer);
    await settle();
    conn.close(1001);
    const outcome = await conn.done;
    expect(log).toEqual([["accept", null]]);
    expect(outcome.close).toEqual({ code: 1001, reason: "", by: "client" });
    expect(outcome.problem?.message).toBe("Exception in ASGI application");
    expect(outcome.problem?.error).toBeInstanceOf(WebSocketDisconnect);
  });

  it("serves a FastAPI app given as itself", async () => {
    const app = new FastAPI();
    app.websocket("/echo", async (ws) => {
      await ws.accept();
      await ws.sendText(await ws.receiveText());
      await ws.close();
    });
    const { log, peer } = recorder();
    const conn = serveWebSocket(app, scope("/echo"), peer);
    await settle();
    conn.send({ text: "ping" });
    expect(await conn.done).toMatchObject({ accepted: true, close: { code: 1000, by: "app" } });
    expect(log).toEqual([["accept", null], ["frame", "ping"], ["close", 1000, "", "app"]]);
  });
});
