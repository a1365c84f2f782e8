import { describe, expect, expectTypeOf, it } from "vitest";
import { FastAPI } from "../app/app";
import { HTTPException, KeyError, RuntimeError } from "../app/errors";
import type { WebAppTrace } from "../app/trace";
import { APIRouter } from "../app/routing";
import { Depends, inject } from "../di/depends";
import { TestClient } from "../testclient/client";
import { ProtocolError, WebSocketDisconnect, WebSocketException } from "./errors";
import { WebSocket } from "./websocket";

/** The error a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

function echoApp() {
  const app = new FastAPI();
  app.websocket("/echo", async (ws) => {
    await ws.accept();
    for await (const text of ws.iterText()) await ws.sendText(`echo: ${text}`);
  });
  app.websocket("/json", async (ws) => {
    await ws.accept();
    const message = (await ws.receiveJson()) as { n: number };
    await ws.sendJson({ doubled: message.n * 2, note: "é" });
    await ws.close();
  });
  app.get("/echo", () => "http");
  return app;
}

describe("app.websocket with the TestClient", () => {
  it("accepts, echoes text and closes when the client closes", async () => {
    const client = new TestClient(echoApp());
    const ws = await client.websocketConnect("/echo");
    ws.sendText("hi");
    expect(await ws.receiveText()).toBe("echo: hi");
    ws.sendText("again");
    expect(await ws.receiveText()).toBe("echo: again");
    const outcome = await ws.close();
    expect(outcome.close).toEqual({ code: 1000, reason: "", by: "client" });
  });

  it("exchanges JSON, compact and unescaped, then reads the app's close as WebSocketDisconnect", async () => {
    const ws = await new TestClient(echoApp()).websocketConnect("/json");
    ws.sendJson({ n: 21 });
    const raw = await ws.receive();
    expect(raw).toEqual({ type: "websocket.send", text: '{"doubled":42,"note":"é"}' });
    const closed = await failure(ws.receiveText());
    expect(closed).toBeInstanceOf(WebSocketDisconnect);
    expect(closed).toMatchObject({ code: 1000, reason: "" });
  });

  it("keeps HTTP and WebSocket routes apart: no WebSocket route means a refused handshake (1000)", async () => {
    const client = new TestClient(echoApp());
    expect((await client.get("/echo")).json()).toBe("http");
    expect((await client.get("/json")).status).toBe(404);
    const refused = await failure(client.websocketConnect("/nowhere"));
    expect(refused).toBeInstanceOf(WebSocketDisconnect);
    expect(refused).toMatchObject({ code: 1000 });
    // Starlette redirects a missing trailing slash for HTTP only.
    expect(await failure(client.websocketConnect("/echo/"))).toMatchObject({ code: 1000 });
  });

  it("negotiates a subprotocol the client offered", async () => {
    const app = new FastAPI();
    app.websocket("/ws", async (ws) => {
      const offered = ws.scope.subprotocols;
      await ws.accept({ subprotocol: offered.includes("v2") ? "v2" : null, headers: [["x-room", "lobby"]] });
      await ws.close();
    });
    const ws = await new TestClient(app).websocketConnect("/ws", { subprotocols: ["v1", "v2"] });
    expect([ws.acceptedSubprotocol, ws.extraHeaders]).toEqual(["v2", [["x-room", "lobby"]]]);
  });
});

describe("how a WebSocket handler ends", () => {
  it("re-raises the handler's error by default, and shows the server's 1011 with raiseServerExceptions: false", async () => {
    const app = new FastAPI();
    let served = 0;
    app.websocket("/ws", async (ws) => {
      served++;
      await ws.accept();
      const text = await ws.receiveText();
      if (text === "crash") throw new Error("handler bug");
      await ws.sendText("fine");
    });

    const strict = await new TestClient(app).websocketConnect("/ws");
    strict.sendText("crash");
    expect(await failure(strict.receiveText())).toMatchObject({ message: "handler bug" });

    const client = new TestClient(app, { raiseServerExceptions: false });
    const ws = await client.websocketConnect("/ws");
    ws.sendText("crash");
    const closed = await failure(ws.receiveText());
    expect(closed).toBeInstanceOf(WebSocketDisconnect);
    expect(closed).toMatchObject({ code: 1011 });
    const outcome = await ws.close();
    expect(outcome).toMatchObject({ close: { code: 1011, by: "server" }, problem: { message: "Exception in ASGI application" } });

    // The app object is unharmed: the next connection is served.
    const next = await client.websocketConnect("/ws");
    next.sendText("hello");
    expect(await next.receiveText()).toBe("fine");
    expect(await failure(next.receiveText())).toMatchObject({ code: 1000 });
    expect(served).toBe(3);
  });

  it("closes with a WebSocketException's code: after accepting the client reads it, before it refuses the handshake", async () => {
    const app = new FastAPI();
    app.websocket("/late", async (ws) => {
      await ws.accept();
      throw new WebSocketException(4001, "room is full");
    });
    app.websocket("/early", async () => {
      throw new WebSocketException(4003, "banned");
    });
    const client = new TestClient(app);
    const late = await client.websocketConnect("/late");
    expect(await failure(late.receiveText())).toMatchObject({ code: 4001, reason: "room is full" });
    expect(await failure(client.websocketConnect("/early"))).toMatchObject({ code: 4003, reason: "banned" });
  });

  it("refuses close(1006) with a clear error (the client sees the server's 1011)", async () => {
    const app = new FastAPI();
    app.websocket("/ws", async (ws) => {
      await ws.accept();
      await ws.close(1006);
    });
    const error = await failure(new TestClient(app).websocketConnect("/ws").then((ws) => ws.receiveText()));
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toMatch(/^invalid close code: 1006 \(Abnormal Closure\) must never be sent in a close frame/);
    const quiet = await new TestClient(app, { raiseServerExceptions: false }).websocketConnect("/ws");
    expect(await failure(quiet.receiveText())).toMatchObject({ code: 1011 });
  });

  it("turns a send to a client that dropped into WebSocketDisconnect(1006)", async () => {
    const app = new FastAPI();
    const seen: unknown[] = [];
    let release!: () => void;
    const dropped = new Promise<void>((resolve) => (release = resolve));
    app.websocket("/ws", async (ws) => {
      await ws.accept();
      await dropped;
      try {
        await ws.sendText("are you there?");
      } catch (error) {
        seen.push(error);
      }
    });
    const ws = await new TestClient(app).websocketConnect("/ws");
    const ending = ws.drop();
    release();
    expect(await ending).toEqual({ accepted: true, refused: null, close: null });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(WebSocketDisconnect);
    expect(seen[0]).toMatchObject({ code: 1006 });
  });

  it("lets a handler that caught the disconnect learn that receive is over", async () => {
    const app = new FastAPI();
    const seen: string[] = [];
    app.websocket("/ws", async (ws) => {
      await ws.accept();
      try {
        await ws.receiveText();
      } catch (error) {
        seen.push(`${(error as WebSocketDisconnect).code}`);
      }
      await ws.receive().catch((error: Error) => seen.push(error.message));
    });
    const ws = await new TestClient(app).websocketConnect("/ws");
    await ws.close(1001);
    expect(seen).toEqual(["1001", 'Cannot call "receive" once a disconnect message has been received.']);
  });

  it("reads a binary frame asked for as text as Python's KeyError", async () => {
    const app = new FastAPI();
    app.websocket("/ws", async (ws) => {
      await ws.accept();
      await ws.receiveText();
    });
    const ws = await new TestClient(app).websocketConnect("/ws");
    ws.sendBytes(new Uint8Array([1]));
    expect(await failure(ws.receive())).toBeInstanceOf(KeyError);
  });
});

describe("parameters and dependencies on WebSocket routes", () => {
  it("passes path and query parameters, typed and validated; a bad one closes with 1008", async () => {
    const app = new FastAPI();
    app.websocket(
      "/rooms/{room:int}",
      async (ws, { room, nick, limit }) => {
        expectTypeOf(room).toEqualTypeOf<number>();
        expectTypeOf(limit).toEqualTypeOf<number>();
        await ws.accept();
        await ws.sendJson({ room, nick, limit });
        await ws.close();
      },
      { query: { nick: {}, limit: { type: "int", default: 10, le: 100 } } },
    );
    const client = new TestClient(app);
    const ws = await client.websocketConnect("/rooms/7?nick=ada", { query: { limit: 5 } });
    expect(await ws.receiveJson()).toEqual({ room: 7, nick: "ada", limit: 5 });

    const refused = await failure(client.websocketConnect("/rooms/7?nick=ada&limit=500"));
    expect(refused).toBeInstanceOf(WebSocketDisconnect);
    expect((refused as WebSocketDisconnect).code).toBe(1008);
    expect(JSON.parse((refused as WebSocketDisconnect).reason)).toEqual([
      { type: "less_than_equal", loc: ["query", "limit"], msg: "Input should be less than or equal to 100", input: "500", ctx: { le: 100 } },
    ]);
  });

  it("runs yield dependencies' teardown after the handler ends, sharing one cached value", async () => {
    const log: string[] = [];
    let opened = 0;
    const db = async function* db() {
      const id = ++opened;
      log.push(`open db ${id}`);
      try {
        yield { id };
      } finally {
        log.push(`close db ${id}`);
      }
    };
    const repo = inject({ deps: { db: Depends(db) } }, ({ db }) => ({ db }));
    const audit = async function* audit() {
      log.push("audit start");
      try {
        yield null;
      } catch (error) {
        log.push(`audit saw ${(error as Error).name}`);
        throw error;
      }
      log.push("audit end");
    };
    const app = new FastAPI();
    app.websocket(
      "/ws",
      async (ws, { db, repo }) => {
        log.push(`handler with db ${db.id}, repo's db ${repo.db.id}`);
        await ws.accept();
        await ws.receiveText();
        log.push("handler ends");
      },
      { deps: { db: Depends(db), repo: Depends(repo) }, dependencies: [Depends(audit, { scope: "function" })] },
    );
    const ws = await new TestClient(app).websocketConnect("/ws");
    ws.sendText("bye");
    await ws.close();
    expect(log).toEqual([
      "audit start",
      "open db 1",
      "handler with db 1, repo's db 1",
      "handler ends",
      "audit end",
      "close db 1",
    ]);

    log.length = 0;
    const again = await new TestClient(app).websocketConnect("/ws");
    await again.close(1001);
    expect(log).toEqual(["audit start", "open db 2", "handler with db 2, repo's db 2", "audit saw WebSocketDisconnect", "close db 2"]);
  });

  it("gives dependencies the connection, reads cookies and headers, and has no Request to give", async () => {
    const currentUser = inject({ headers: { x_user: { default: null } } }, (params, { connection }) => {
      return params.x_user ?? connection.cookies.session ?? null;
    });
    const app = new FastAPI();
    app.get("/me", ({ user }) => ({ user }), { deps: { user: Depends(currentUser) } });
    app.websocket(
      "/ws",
      async (ws, { user }, ctx) => {
        await ws.accept();
        await ws.sendJson({ user, same: ctx.websocket === ws, cookies: ws.cookies });
        await ws.sendText(((): string => {
          try {
            return ctx.request.method;
          } catch (error) {
            return (error as Error).message;
          }
        })());
        await ws.close();
      },
      { deps: { user: Depends(currentUser) } },
    );
    const client = new TestClient(app);
    expect((await client.get("/me", { headers: { cookie: "session=bob" } })).json()).toEqual({ user: "bob" });
    const ws = await client.websocketConnect("/ws", { cookies: { session: "ada", theme: "dark" } });
    expect(await ws.receiveJson()).toEqual({ user: "ada", same: true, cookies: { session: "ada", theme: "dark" } });
    expect(await ws.receiveText()).toMatch(/^This reads ctx.request, but it runs for a WebSocket route, which has no Request/);
    const byHeader = await client.websocketConnect("/ws", { headers: { "x-user": "eve" } });
    expect(await byHeader.receiveJson()).toMatchObject({ user: "eve" });
  });

  it("follows dependency overrides and includeRouter (prefix and dependencies)", async () => {
    const log: string[] = [];
    const token = (): string => "real";
    const guard = () => void log.push("guard");
    const router = new APIRouter({ prefix: "/chat" });
    router.websocket("/{room}", async (ws, { room, token }) => {
      await ws.accept();
      await ws.sendText(`${room}:${token}`);
      await ws.close();
    }, { deps: { token: Depends(token) } });
    const app = new FastAPI();
    app.includeRouter(router, { prefix: "/v1", dependencies: [Depends(guard)] });
    app.dependencyOverrides.set(token, () => "fake");
    expect(app.websocketRoutes.map((r) => r.path)).toEqual(["/v1/chat/{room}"]);
    const ws = await new TestClient(app).websocketConnect("/v1/chat/lobby");
    expect(await ws.receiveText()).toBe("lobby:fake");
    expect(log).toEqual(["guard"]);
  });

  it("does not consult HTTP exception handlers: an HTTPException before accepting is a server error", async () => {
    const app = new FastAPI();
    app.websocket("/ws", async () => {
      throw new HTTPException(401);
    });
    expect(await failure(new TestClient(app).websocketConnect("/ws"))).toBeInstanceOf(HTTPException);
    const quiet = await failure(new TestClient(app, { raiseServerExceptions: false }).websocketConnect("/ws"));
    expect(quiet).toMatchObject({ code: 1006 });
  });
});

describe("the first-message authentication pattern", () => {
  const users: Record<string, string> = { t1: "ada" };
  function chat() {
    const app = new FastAPI();
    app.websocket("/chat", async (ws: WebSocket) => {
      await ws.accept();
      const hello = (await ws.receiveJson()) as { token?: string };
      const user = hello.token ? users[hello.token] : undefined;
      if (!user) {
        await ws.close(1008, "invalid token");
        return;
      }
      await ws.sendJson({ welcome: user });
      for await (const text of ws.iterText()) await ws.sendJson({ from: user, text });
    });
    return app;
  }

  it("welcomes a client whose first message carries a good token", async () => {
    const ws = await new TestClient(chat()).websocketConnect("/chat");
    ws.sendJson({ token: "t1" });
    expect(await ws.receiveJson()).toEqual({ welcome: "ada" });
    ws.sendText("hello");
    expect(await ws.receiveJson()).toEqual({ from: "ada", text: "hello" });
    await ws.close();
  });

  it("closes with 1008 and the reason when the token is wrong", async () => {
    const ws = await new TestClient(chat()).websocketConnect("/chat");
    ws.sendJson({ token: "nope" });
    const closed = await failure(ws.receiveJson());
    expect(closed).toBeInstanceOf(WebSocketDisconnect);
    expect(closed).toMatchObject({ code: 1008, reason: "invalid token", message: "1008 (Policy Violation): invalid token" });
  });
});

describe("trace", () => {
  it("reports the connection, the route, dependencies, the handler, accept and closes, on the injected clock", async () => {
    let now = 0;
    const events: WebAppTrace[] = [];
    const app = new FastAPI({ now: () => ++now, trace: (e) => events.push(e) });
    const settings = function settings() {
      return 1;
    };
    app.websocket("/rooms/{room}", async function room(ws) {
      await ws.accept();
      await ws.receiveText();
      await ws.close(4000, "done");
    }, { deps: { s: Depends(settings) } });
    await new TestClient(app).get("/missing");
    const ws = await new TestClient(app).websocketConnect("/rooms/a");
    ws.sendText("x");
    await ws.close();
    expect(await failure(new TestClient(app).websocketConnect("/nope"))).toBeInstanceOf(WebSocketDisconnect);
    const wsEvents = events.filter((e) => e.request > 1 && e.kind !== "router.step").map(({ t: _t, source: _s, ...rest }) => rest);
    expect(wsEvents).toEqual([
      { request: 2, kind: "ws.connect", path: "/rooms/a" },
      { request: 2, kind: "route", status: 200, path: "/rooms/{room}", params: { room: "a" } },
      { request: 2, kind: "dependency.call", id: 1, name: "settings", parentId: 0, parent: "room", scope: null, generator: false },
      { request: 2, kind: "endpoint", name: "room", phase: "start" },
      { request: 2, kind: "ws.accept" },
      { request: 2, kind: "ws.close", code: 4000, by: "app" },
      { request: 2, kind: "endpoint", name: "room", phase: "end" },
      { request: 3, kind: "ws.connect", path: "/nope" },
      { request: 3, kind: "route", status: 404 },
      { request: 3, kind: "ws.close", code: 1000, by: "app" },
    ]);
    expect(events.every((e, i) => i === 0 || e.t > events[i - 1].t)).toBe(true);
    // No trailing-slash redirect is probed for a WebSocket.
    expect(events.some((e) => e.kind === "router.step" && e.step.kind === "redirect-probe" && e.request === 3)).toBe(false);
  });

  it("reports the client's close as the app reads it", async () => {
    const events: WebAppTrace[] = [];
    const app = new FastAPI({ trace: (e) => events.push(e) });
    app.websocket("/ws", async (ws) => {
      await ws.accept();
      for await (const _ of ws.iterText());
    });
    const ws = await new TestClient(app).websocketConnect("/ws");
    await ws.close(1001, "tab closed");
    expect(events.filter((e) => e.kind === "ws.close")).toMatchObject([{ kind: "ws.close", code: 1001, by: "client" }]);
  });
});

describe("a misused WebSocket", () => {
  it("raises Starlette's texts through the app", async () => {
    const app = new FastAPI();
    app.websocket("/ws", async (ws) => {
      await ws.receiveText();
    });
    expect(await failure(new TestClient(app).websocketConnect("/ws"))).toEqual(
      new RuntimeError('WebSocket is not connected. Need to call "accept" first.'),
    );
  });
});
