import { describe, expect, it } from "vitest";
import { TestClient } from "../testclient/client";
import { FastAPI } from "./app";
import { HTTPException } from "./errors";
import { APIRouter } from "./routing";
import { PlainTextResponse } from "./response";
import type { WebAppTrace } from "./trace";

describe("FastAPI app: routing answers", () => {
  const app = new FastAPI();
  app.get("/items/", () => ["a", "b"]);
  app.get("/items/{id:int}", ({ id }) => ({ id, kind: typeof id }));
  app.post("/items/", () => ({ created: true }), { statusCode: 201 });
  const client = new TestClient(app);

  it("serves a route and renders its value as compact JSON", async () => {
    const res = await client.get("/items/");
    expect(res.status).toBe(200);
    expect(res.text()).toBe('["a","b"]');
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("content-length")).toBe("9");
  });

  it("passes convertor params as the router converted them", async () => {
    expect((await client.get("/items/42")).json()).toEqual({ id: 42, kind: "number" });
  });

  it("answers 404 and 405 with FastAPI's bodies (Allow lists the first route whose path matched)", async () => {
    const missing = await client.get("/nope");
    expect([missing.status, missing.json()]).toEqual([404, { detail: "Not Found" }]);
    const wrong = await client.delete("/items/");
    expect([wrong.status, wrong.json(), wrong.headers.get("allow")]).toEqual([405, { detail: "Method Not Allowed" }, "GET"]);
  });

  it("redirects to the other trailing-slash form with 307, keeping the query", async () => {
    const res = await client.get("/items?x=1");
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("http://testserver/items/?x=1");
    expect(res.text()).toBe("");
  });

  it("uses the status code option", async () => {
    expect((await client.post("/items/")).status).toBe(201);
  });

  it("does not answer HEAD on a GET route (FastAPI adds no HEAD)", async () => {
    expect((await client.head("/items/")).status).toBe(405);
  });
});

describe("FastAPI app: errors", () => {
  it("turns HTTPException into {detail} with its headers", async () => {
    const app = new FastAPI();
    app.get("/secret", () => {
      throw new HTTPException(401, "Not authenticated", { "WWW-Authenticate": "Bearer" });
    });
    const res = await new TestClient(app).get("/secret");
    expect([res.status, res.json(), res.headers.get("www-authenticate")]).toEqual([401, { detail: "Not authenticated" }, "Bearer"]);
  });

  it("gives a status phrase as the default detail and no body where the status allows none", async () => {
    const app = new FastAPI();
    app.get("/teapot", () => {
      throw new HTTPException(418);
    });
    app.get("/empty", () => {
      throw new HTTPException(204);
    });
    const client = new TestClient(app);
    expect((await client.get("/teapot")).json()).toEqual({ detail: "I'm a Teapot" });
    const empty = await client.get("/empty");
    expect([empty.status, empty.text(), empty.headers.get("content-type")]).toEqual([204, "", null]);
  });

  it("answers an unknown error with a plain 500 that leaks nothing, and re-raises it to the server", async () => {
    const app = new FastAPI();
    app.get("/boom", () => {
      throw new Error("database password is hunter2");
    });
    const quiet = await new TestClient(app, { raiseServerExceptions: false }).get("/boom");
    expect([quiet.status, quiet.text(), quiet.headers.get("content-type")]).toEqual([500, "Internal Server Error", "text/plain; charset=utf-8"]);
    await expect(new TestClient(app).get("/boom")).rejects.toThrow("hunter2");
  });

  it("lets an exception handler answer for an error class", async () => {
    class OutOfStock extends Error {}
    const app = new FastAPI();
    app.get("/buy", () => {
      throw new OutOfStock("no more pens");
    });
    app.addExceptionHandler(OutOfStock, (_req, err) => new PlainTextResponse(`sorry: ${err.message}`, { status: 409 }));
    const res = await new TestClient(app).get("/buy");
    expect([res.status, res.text()]).toEqual([409, "sorry: no more pens"]);
  });

  it("returns a Response from an endpoint as it is", async () => {
    const app = new FastAPI();
    app.get("/hi", () => new PlainTextResponse("hi", { headers: { "x-a": "1" } }));
    const res = await new TestClient(app).get("/hi");
    expect([res.text(), res.headers.get("x-a"), res.headers.get("content-type")]).toEqual(["hi", "1", "text/plain; charset=utf-8"]);
  });
});

describe("APIRouter", () => {
  it("joins prefixes and copies the routes it finds when included", async () => {
    const users = new APIRouter({ prefix: "/users" });
    users.get("/{name}", ({ name }) => ({ name }));
    const app = new FastAPI();
    app.includeRouter(users, { prefix: "/v1" });
    users.get("/late/{x}", () => "never included");
    const client = new TestClient(app);
    expect((await client.get("/v1/users/ada")).json()).toEqual({ name: "ada" });
    expect(app.routes.map((r) => r.path)).toEqual(["/v1/users/{name}"]);
  });

  it("rejects prefixes FastAPI rejects", () => {
    expect(() => new APIRouter({ prefix: "users" })).toThrow("must start with '/'");
    expect(() => new FastAPI().includeRouter(new APIRouter(), { prefix: "/v1/" })).toThrow("must not end with '/'");
  });

  it("matches the same way with the radix strategy", async () => {
    for (const strategy of ["linear", "radix"] as const) {
      const app = new FastAPI({ strategy });
      app.get("/users/me", () => "me");
      app.get("/users/{id}", ({ id }) => id);
      const client = new TestClient(app);
      expect((await client.get("/users/me")).json()).toBe("me");
      expect((await client.get("/users/7")).json()).toBe("7");
    }
  });

  it("reports the router's lookup steps in the app trace", async () => {
    const events: WebAppTrace[] = [];
    const app = new FastAPI({ strategy: "radix", trace: (e) => events.push(e) });
    app.get("/users/{id}", ({ id }) => id);
    await new TestClient(app).get("/users/7");
    const steps = events.flatMap((e) => (e.kind === "router.step" ? [e.step.kind] : []));
    expect(steps.length).toBeGreaterThan(1);
    expect(steps.at(-1)).toBe("result");
    expect(events.find((e) => e.kind === "route")).toMatchObject({ status: 200, path: "/users/{id}", params: { id: "7" } });
  });

  it("keeps declaration order under linear: /users/{id} before /users/me shadows it", async () => {
    const app = new FastAPI();
    app.get("/users/{id}", ({ id }) => ({ id }));
    app.get("/users/me", () => ({ me: true }));
    expect((await new TestClient(app).get("/users/me")).json()).toEqual({ id: "me" });
  });
});
