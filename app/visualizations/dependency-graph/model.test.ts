import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../../workers/trace";
import { Depends, FastAPI, HTTPException, inject, TestClient } from "../../../workers/web/index";
import { requestsOf, summarize } from "./model";

// A small app shaped like the lesson's: settings shared by two dependencies, a guard, a session.
function traced() {
  const trace: TraceEvent[] = [];
  const clock = { now: 0 };
  const app = new FastAPI({ now: () => ++clock.now, trace: (e) => trace.push(e) });
  const settings = function settings() {
    return { admin: "ada" };
  };
  const auth = inject({ headers: { x_user: { default: null } }, deps: { s: Depends(settings) } }, function auth({ x_user, s }) {
    if (!x_user) throw new HTTPException(401, "Not authenticated");
    if (x_user !== s.admin) throw new HTTPException(403, "Admins only");
    return x_user;
  });
  const session = inject({ deps: { s: Depends(settings) } }, async function* session() {
    try {
      yield "db";
    } finally {
      // closed
    }
  });
  const tx = inject({ deps: { db: Depends(session) } }, function* tx({ db }) {
    yield db;
  });
  app.get("/things/{id:int}", function readThing({ id }) {
    if (id === 0) throw new HTTPException(404, "Not found");
    return id;
  }, { dependencies: [Depends(auth)], deps: { db: Depends(session), t: Depends(tx) } });
  return { app, trace, clock, client: new TestClient(app) };
}

describe("requestsOf", () => {
  it("numbers calls, marks cache hits and orders teardown after the response", async () => {
    const { client, trace } = traced();
    await client.get("/things/1", { headers: { "x-user": "ada" } });
    const [view] = requestsOf(trace);
    expect(view.steps.map((s) => `${s.order} ${s.name} ${s.how} for ${s.parent}`)).toEqual([
      "1 settings called for auth",
      "2 auth called for readThing",
      "3 settings cached for session",
      "4 session called for readThing",
      // FastAPI resolves a cached dependency's own needs again before it reads the cache.
      "5 settings cached for session",
      "6 session cached for tx",
      "7 tx called for readThing",
    ]);
    expect(view.teardowns.map((t) => [t.order, t.name, t.outcome, t.afterResponse])).toEqual([
      [1, "tx", "ok", true],
      [2, "session", "ok", true],
    ]);
    expect(view.nodes.find((n) => n.id === 0)?.name).toBe("readThing");
    expect(view.edges).toContainEqual({ from: view.nodes.find((n) => n.name === "session")!.id, to: view.nodes.find((n) => n.name === "settings")!.id, called: 0, cached: 2 });
    expect(view.phases.map((p) => p.kind)).toEqual(["resolve", "endpoint", "response", "teardown", "teardown"]);
    expect(view.failure).toBeUndefined();
    expect(summarize(view, 1)).toBe("Request 1 of 1: GET /things/1 → 200. 4 calls, 3 cache hits, 2 teardowns.");
  });

  it("blames the dependency that refused, not the generators torn down on the way out", async () => {
    const { client, trace } = traced();
    await client.get("/things/1", { headers: { "x-user": "bob" } });
    const [view] = requestsOf(trace);
    expect(view.failure).toEqual({ id: view.nodes.find((n) => n.name === "auth")!.id, where: "auth", error: "HTTPException:403", afterResponse: false });
    expect(view.endpoint).toEqual({ name: "readThing", ran: false });
    expect(view.status).toBe(403);
  });

  it("blames the endpoint when it raised, and shows the error passing through each yield", async () => {
    const { client, trace } = traced();
    await client.get("/things/0", { headers: { "x-user": "ada" } });
    const [view] = requestsOf(trace);
    expect(view.failure).toMatchObject({ id: 0, where: "readThing", error: "HTTPException:404" });
    expect(view.teardowns.map((t) => [t.name, t.outcome, t.error, t.afterResponse, t.passedOn])).toEqual([
      ["tx", "raised", "HTTPException:404", false, true],
      ["session", "raised", "HTTPException:404", false, true],
    ]);
    expect(summarize(view, 1)).toContain("cut short by readThing (HTTPException:404)");
  });

  it("tells a teardown that raised its own error from one that passed the endpoint's on", async () => {
    const trace: TraceEvent[] = [];
    const app = new FastAPI({ trace: (e) => trace.push(e) });
    const session = function* session() {
      try {
        yield "s";
      } catch {
        throw new HTTPException(409, "conflict");
      }
    };
    app.post("/", function save() {
      throw new HTTPException(400, "bad");
    }, { deps: { s: Depends(session, { scope: "function" }) } });
    await new TestClient(app).post("/");
    const [view] = requestsOf(trace);
    expect(view.failure).toMatchObject({ id: 0, where: "save", error: "HTTPException:400" });
    expect(view.teardowns).toMatchObject([{ name: "session", outcome: "raised", error: "HTTPException:409", passedOn: false, afterResponse: false }]);
    expect(view.status).toBe(409);
  });

  it("keeps requests apart, says which check sent each (by when it ran), and survives the router refusing", async () => {
    const { client, trace, clock } = traced();
    const moduleStart = clock.now;
    await client.get("/things/1", { headers: { "x-user": "ada" } });
    // The sandbox's event for a step is stamped with its start, and sorted there.
    trace.splice(0, 0, { t: moduleStart, source: "sandbox", kind: "module", durationMs: clock.now - moduleStart, ok: true });
    const checkStart = ++clock.now;
    await client.get("/nowhere");
    await client.get("/things/1");
    trace.splice(trace.findIndex((e) => e.t >= checkStart), 0, { t: checkStart, source: "sandbox", kind: "check", name: "401 without a user", durationMs: clock.now - checkStart, passed: true });
    const views = requestsOf(trace);
    expect(views.map((v) => [v.index, v.request, v.path, v.status, v.sentBy])).toEqual([
      [1, 1, "/things/1", 200, "your code"],
      [2, 2, "/nowhere", 404, "401 without a user"],
      [3, 3, "/things/1", 401, "401 without a user"],
    ]);
    expect(views[1]).toMatchObject({ endpoint: undefined, nodes: [], failure: { where: "the router", error: "HTTPException:404" } });
  });
});
