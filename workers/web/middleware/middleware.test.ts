import { describe, expect, it } from "vitest";
import { FastAPI } from "../app/app";
import type { AsgiMiddleware } from "../app/asgi";
import { HTTPException } from "../app/errors";
import { JSONResponse } from "../app/response";
import type { WebAppTrace } from "../app/trace";
import { TestClient } from "../testclient/client";
import type { Request } from "../app/request";
import type { CallNext, Dispatch } from "./base";

function helloApp(options: ConstructorParameters<typeof FastAPI>[0] = {}) {
  const app = new FastAPI(options);
  app.get("/", (_params, { request }) => ({ hello: "world", user: request.state.user ?? null }));
  return app;
}

describe("http middleware (BaseHTTPMiddleware)", () => {
  it("runs the last added first, inbound, and last, outbound", async () => {
    const log: string[] = [];
    const layer = (name: string): Dispatch =>
      async (request, callNext) => {
        log.push(`in ${name}`);
        const response = await callNext(request);
        log.push(`out ${name}`);
        return response;
      };
    const app = helloApp();
    app.addMiddleware(layer("A"));
    app.addMiddleware(layer("B"));
    await new TestClient(app).get("/");
    expect(log).toEqual(["in B", "in A", "out A", "out B"]);
  });

  it("can block a request without calling the app, and add headers on the way out", async () => {
    const app = helloApp();
    const blocked = new Set(["10.0.0.66"]);
    app.addMiddleware(async (request, callNext) => {
      if (blocked.has(request.client?.host ?? "")) return new JSONResponse({ detail: "Forbidden" }, { status: 403 });
      const response = await callNext(request);
      response.headers.set("X-Frame-Options", "DENY");
      return response;
    });
    const good = await new TestClient(app).get("/");
    expect([good.status, good.headers.get("x-frame-options")]).toEqual([200, "DENY"]);
    const bad = await new TestClient(app, { client: ["10.0.0.66", 1234] }).get("/");
    expect([bad.status, bad.json(), bad.headers.get("x-frame-options")]).toEqual([403, { detail: "Forbidden" }, null]);
  });

  it("times a request with the app's injected clock", async () => {
    let clock = 1000;
    const app = helloApp({ now: () => clock });
    app.get("/slow", () => {
      clock += 250;
      return "done";
    });
    app.addMiddleware(async (request, callNext) => {
      const start = app.now();
      const response = await callNext(request);
      response.headers.set("X-Process-Time", String(app.now() - start));
      return response;
    });
    expect((await new TestClient(app).get("/slow")).headers.get("x-process-time")).toBe("250");
  });

  it("passes data to the endpoint through request.state", async () => {
    const app = helloApp();
    app.addMiddleware(async (request, callNext) => {
      request.state.user = "ada";
      return callNext(request);
    });
    expect((await new TestClient(app).get("/")).json()).toEqual({ hello: "world", user: "ada" });
  });

  it("sees the handled HTTPException as a response, but an HTTPException it raises itself becomes a 500", async () => {
    const app = helloApp();
    app.get("/missing", () => {
      throw new HTTPException(404, "no such thing");
    });
    const statuses: number[] = [];
    app.addMiddleware(async (request, callNext) => {
      if (request.headers.get("x-deny")) throw new HTTPException(401);
      const response = await callNext(request);
      statuses.push(response.status);
      return response;
    });
    const client = new TestClient(app, { raiseServerExceptions: false });
    expect((await client.get("/missing")).status).toBe(404);
    expect(statuses).toEqual([404]);
    const denied = await client.get("/", { headers: { "x-deny": "1" } });
    expect([denied.status, denied.text()]).toEqual([500, "Internal Server Error"]);
  });

  it("says so when a dispatch function forgets to return the response", async () => {
    const app = helloApp();
    const forgetful = async function forgetful(request: Request, callNext: CallNext) {
      await callNext(request);
    };
    app.addMiddleware(forgetful as unknown as Dispatch);
    await expect(new TestClient(app).get("/")).rejects.toThrow('middleware "forgetful" returned undefined, not a Response');
  });

  it("may not be added once the app has served a request", async () => {
    const app = helloApp();
    await new TestClient(app).get("/");
    expect(() => app.addMiddleware((r, next) => next(r))).toThrow("Cannot add middleware after an application has started");
  });
});

describe("pure ASGI middleware", () => {
  it("wraps the app and can rewrite the response start on its way out", async () => {
    const secure: AsgiMiddleware = (next) => async (scope, receive, send) => {
      await next(scope, receive, async (message) => {
        if (message.type === "http.response.start") message.headers.push(["x-content-type-options", "nosniff"]);
        await send(message);
      });
    };
    const app = helloApp();
    app.addAsgiMiddleware(secure);
    expect((await new TestClient(app).get("/")).headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("trace of the layers", () => {
  it("shows the request going in and the response coming out, each layer at its time", async () => {
    let clock = 0;
    const events: WebAppTrace[] = [];
    const app = helloApp({ now: () => clock++, trace: (e) => events.push(e) });
    app.addMiddleware(async function timing(request, callNext) {
      return callNext(request);
    });
    await new TestClient(app).get("/");
    const layers = events
      .filter((e) => e.kind.startsWith("layer."))
      .map((e) => {
        const { kind, layer, depth } = e as { kind: string; layer: string; depth: number };
        return `${kind} ${layer}@${depth}`;
      });
    expect(layers).toEqual([
      "layer.enter ServerErrorMiddleware@0",
      "layer.enter timing@1",
      "layer.callNext timing@1",
      "layer.enter ExceptionMiddleware@2",
      "layer.enter Router@3",
      "layer.response Router@3",
      "layer.response ExceptionMiddleware@2",
      "layer.callNext timing@1",
      "layer.response timing@1",
      "layer.response ServerErrorMiddleware@0",
      "layer.exit Router@3",
      "layer.exit ExceptionMiddleware@2",
      "layer.exit timing@1",
      "layer.exit ServerErrorMiddleware@0",
    ]);
    expect(events.map((e) => e.t)).toEqual(events.map((_, i) => i));
  });
});
