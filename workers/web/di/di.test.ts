import { describe, expect, expectTypeOf, it } from "vitest";
import { FastAPI } from "../app/app";
import { DependencyScopeError, HTTPException } from "../app/errors";
import type { WebAppTrace } from "../app/trace";
import { TestClient } from "../testclient/client";
import { Depends, inject } from "./depends";

// The dependency-injection lesson's chain: settings -> auth service -> current user -> admin.
type User = { name: string; admin: boolean };

const getSettings = () => ({ tokens: { t1: { name: "ada", admin: true }, t2: { name: "bob", admin: false } } as Record<string, User> });

const getAuth = inject({ deps: { settings: Depends(getSettings) } }, async ({ settings }) => ({
  userFor: (token: string) => settings.tokens[token],
}));

const currentUser = inject(
  { headers: { authorization: { default: null } }, deps: { auth: Depends(getAuth) } },
  ({ authorization, auth }) => {
    const user = authorization?.startsWith("Bearer ") ? auth.userFor(authorization.slice(7)) : undefined;
    if (!user) throw new HTTPException(401, "Not authenticated", { "WWW-Authenticate": "Bearer" });
    return user;
  },
);

const requireAdmin = inject({ deps: { user: Depends(currentUser) } }, ({ user }) => {
  if (!user.admin) throw new HTTPException(403, "Admins only");
  return user;
});

function adminApp() {
  const app = new FastAPI();
  app.get("/admin", ({ admin }) => ({ hello: admin.name }), { deps: { admin: Depends(requireAdmin) } });
  return app;
}

describe("dependency chain", () => {
  it("types each value from what its function provides", () => {
    adminApp().get("/t", (params) => {
      expectTypeOf(params.me).toEqualTypeOf<User>();
      return null;
    }, { deps: { me: Depends(currentUser) } });
  });

  it("resolves settings -> auth -> user -> admin", async () => {
    const client = new TestClient(adminApp());
    expect((await client.get("/admin", { headers: { authorization: "Bearer t1" } })).json()).toEqual({ hello: "ada" });
    const guest = await client.get("/admin", { headers: { authorization: "Bearer t2" } });
    expect([guest.status, guest.json()]).toEqual([403, { detail: "Admins only" }]);
    const anon = await client.get("/admin");
    expect([anon.status, anon.headers.get("www-authenticate")]).toEqual([401, "Bearer"]);
  });

  it("lets a test override a dependency by its function", async () => {
    const app = adminApp();
    app.dependencyOverrides.set(currentUser, () => ({ name: "test", admin: true }));
    expect((await new TestClient(app).get("/admin")).json()).toEqual({ hello: "test" });
    app.dependencyOverrides.clear();
    expect((await new TestClient(app).get("/admin")).status).toBe(401);
  });
});

describe("yield dependencies", () => {
  it("tear down after the response and background tasks, in reverse order", async () => {
    const log: string[] = [];
    const db = async function* db() {
      log.push("open db");
      yield { query: () => "row" };
      log.push("close db");
    };
    const tx = inject({ deps: { db: Depends(db) } }, function* tx({ db }) {
      log.push("begin");
      yield db;
      log.push("commit");
    });
    const app = new FastAPI();
    app.get("/", ({ tx }, { background }) => {
      background.addTask(() => void log.push("email"));
      return tx.query();
    }, { deps: { tx: Depends(tx) } });
    const client = new TestClient(async (scope, receive, send) =>
      app.asgi(scope, receive, async (m) => {
        if (m.type === "http.response.start") log.push("response");
        await send(m);
      }),
    );
    expect((await client.get("/")).json()).toBe("row");
    expect(log).toEqual(["open db", "begin", "response", "email", "commit", "close db"]);
  });

  it("receive the endpoint's error at their yield and can turn it into another", async () => {
    const seen: string[] = [];
    const session = function* session() {
      try {
        yield "s";
      } catch (error) {
        seen.push(`rollback after ${(error as Error).message}`);
        throw new HTTPException(409, "conflict");
      }
    };
    const app = new FastAPI();
    app.post("/", () => {
      throw new Error("duplicate key");
    }, { deps: { s: Depends(session, { scope: "function" }) } });
    const res = await new TestClient(app).post("/");
    expect([res.status, res.json(), seen]).toEqual([409, { detail: "conflict" }, ["rollback after duplicate key"]]);
  });

  it("refuses a request-scoped yield dependency on a function-scoped one when the route is declared", () => {
    const inner = async function* inner() {
      yield 1;
    };
    const outer = inject({ deps: { i: Depends(inner, { scope: "function" }) } }, async function* outer() {
      yield 2;
    });
    const app = new FastAPI();
    expect(() => app.get("/", () => null, { deps: { o: Depends(outer) } })).toThrow(DependencyScopeError);
  });
});

describe("request-scoped cache", () => {
  it("calls a shared dependency once per request, unless useCache is false", async () => {
    let calls = 0;
    const counter = () => ++calls;
    const a = inject({ deps: { n: Depends(counter) } }, ({ n }) => n);
    const b = inject({ deps: { n: Depends(counter, { useCache: false }) } }, ({ n }) => n);
    const app = new FastAPI();
    app.get("/", (v) => v, { deps: { a: Depends(a), b: Depends(b), c: Depends(counter) } });
    expect((await new TestClient(app).get("/")).json()).toEqual({ a: 1, b: 2, c: 1 });
    expect((await new TestClient(app).get("/")).json()).toEqual({ a: 3, b: 4, c: 3 });
  });
});

describe("trace", () => {
  it("reports calls, cache hits and teardown with the injected clock", async () => {
    let now = 0;
    const events: WebAppTrace[] = [];
    const app = new FastAPI({ now: () => (now += 1), trace: (e) => events.push(e) });
    const settings = function settings() {
      return 1;
    };
    const db = inject({ deps: { s: Depends(settings) } }, async function* db() {
      yield 2;
    });
    app.get("/", () => null, { deps: { s: Depends(settings), d: Depends(db) } });
    await new TestClient(app).get("/");
    const deps = events.filter((e) => e.kind.startsWith("dependency."));
    expect(deps.map(({ t: _t, source: _s, request: _r, ...rest }) => rest)).toEqual([
      { kind: "dependency.call", id: 1, name: "settings", parentId: 0, parent: "endpoint", scope: null, generator: false },
      { kind: "dependency.cached", id: 1, name: "settings", parentId: 2, parent: "db" },
      { kind: "dependency.call", id: 2, name: "db", parentId: 0, parent: "endpoint", scope: "request", generator: true },
      { kind: "dependency.teardown", id: 2, name: "db", outcome: "ok" },
    ]);
    expect(events.every((e, i) => i === 0 || e.t > events[i - 1].t)).toBe(true);
    expect(new Set(events.map((e) => e.request))).toEqual(new Set([1]));
  });
});
