// The routing events of `playground/web` (playground-routing.ts), seen as the sandbox sees them.
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../trace";
import { webModule } from "./playground";
import type { HttpParsedEvent, RoutingLookupEvent, RoutingTableEvent } from "./playground-routing";

function setup() {
  const events: TraceEvent[] = [];
  let clock = 0;
  const web = webModule({ now: () => clock++, trace: (e) => events.push(e) });
  const app = new web.FastAPI();
  // The trap: the parameter route first, as Starlette scans them.
  app.get("/users/{username}", ({ username }) => ({ username }));
  app.get("/users/me", () => ({ me: true }));
  app.get("/orders/{id:int}", ({ id }) => ({ id }));
  const client = new web.TestClient(app);
  const of = <K extends string>(kind: K) => events.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);
  return { web, app, client, events, tables: () => of("routing.table") as RoutingTableEvent[], lookups: () => of("routing.lookup") as RoutingLookupEvent[], parses: () => of("http.parsed") as HttpParsedEvent[] };
}

describe("playground/web routing events", () => {
  it("snapshot the route table as a radix tree once per change of routes", async () => {
    const { app, client, tables } = setup();
    await client.get("/users/me");
    await client.get("/users/ada");
    expect(tables()).toHaveLength(1);
    const [table] = tables();
    expect(table).toMatchObject({ source: "web-routing", app: 1, strategy: "linear", staticPaths: ["/users/me"] });
    expect(table.routes.map((r) => `${r.methods.join(",")} ${r.path}`)).toEqual(["GET /users/{username}", "GET /users/me", "GET /orders/{id:int}"]);
    const labels = (n: RoutingTableEvent["tree"]): string[] => [n.label, ...n.children.flatMap(labels)];
    expect(labels(table.tree)).toEqual(["", "/", "orders/", "{int}", "users/", "me", "{str}"]);

    app.get("/search", () => []);
    await client.get("/search");
    expect(tables()).toHaveLength(2);
    expect(tables()[1].routes).toHaveLength(4);
  });

  it("run each request under every strategy: the trap shows as two different routes", async () => {
    const { client, lookups, events } = setup();
    const res = await client.get("/users/me");
    expect(res.json()).toEqual({ username: "me" }); // the app is linear, as FastAPI
    const [me] = lookups();
    expect(me).toMatchObject({ app: 1, request: 1, method: "GET", path: "/users/me", query: "", strategy: "linear", staticMap: { hit: true, comparisons: 1 } });
    expect(me.linear).toMatchObject({ status: 200, route: 0, params: { username: "me" }, comparisons: 1 });
    expect(me.radix).toMatchObject({ status: 200, route: 1, params: {}, comparisons: 1 });
    // The table (first request) and the lookup follow the app's own `request` event.
    const request = events.findIndex((e) => e.source === "web" && e.kind === "request");
    expect(events.slice(request + 1, request + 3).map((e) => e.kind)).toEqual(["routing.table", "routing.lookup"]);
  });

  it("count comparisons and keep the steps, backtracking included", async () => {
    const { client, lookups } = setup();
    await client.get("/users/ada");
    await client.get("/orders/abc");
    await client.get("/users/me/");
    await client.post("/users/me");
    const [ada, abc, slash, post] = lookups();
    expect(ada.staticMap.hit).toBe(false);
    expect(ada.radix.steps.filter((s) => s.kind === "node" || s.kind === "param").map((s) => s.label)).toEqual(["/", "users/", "{str}"]);
    expect(ada.radix).toMatchObject({ status: 200, route: 0, comparisons: 4 });
    expect(ada.linear).toMatchObject({ status: 200, route: 0, comparisons: 1 });
    expect(abc.radix.status).toBe(404);
    expect(abc.linear).toMatchObject({ status: 404, comparisons: 6 }); // three regexes, then three for "/orders/abc/"
    expect(slash.radix).toMatchObject({ status: 307, location: "/users/me" });
    await client.get("/users/me/?x=1");
    expect(lookups()[4]).toMatchObject({ path: "/users/me/", query: "x=1", radix: { status: 307, location: "/users/me?x=1" } });
    // "me" matched, dead-ended at the "/", and the search came back to try {str}.
    const firstPass = slash.radix.steps.slice(0, slash.radix.steps.findIndex((s) => s.kind === "redirect-probe"));
    expect(firstPass.filter((s) => s.kind === "node" || s.kind === "param").map((s) => s.label)).toEqual(["/", "users/", "me", "{str}"]);
    expect(post.linear).toMatchObject({ status: 405, allow: ["GET"] });
    expect(post.radix).toMatchObject({ status: 405, allow: ["GET"] });
  });

  it("match percent-encoded paths as the app does", async () => {
    const { client, lookups } = setup();
    const res = await client.get("/users/a%2Fb");
    expect(res.status).toBe(404);
    await client.get("/users/a%3Fb");
    const [slash, question] = lookups();
    expect(slash.path).toBe("/users/a/b");
    expect([slash.linear.status, slash.radix.status]).toEqual([404, 404]);
    expect(question.linear).toMatchObject({ status: 200, params: { username: "a?b" } });
  });

  it("show what TestClient.raw parsed, or why it refused the text", async () => {
    const { client, parses, lookups } = setup();
    const ok = await client.raw("GET /orders/7?x=1&x=2 HTTP/1.1\r\nHost: api\r\nAccept: */*\r\n\r\n");
    expect(ok.json()).toEqual({ id: 7 });
    const bad = await client.raw("GET /users/me HTTP/1.1\r\n\r\n");
    expect(bad.status).toBe(400);
    const [parsed, refused] = parses();
    expect(parsed).toMatchObject({
      source: "web-routing",
      ok: true,
      request: {
        method: "GET",
        target: "/orders/7?x=1&x=2",
        path: "/orders/7",
        queryString: "x=1&x=2",
        query: [["x", "1"], ["x", "2"]],
        version: "HTTP/1.1",
        headers: [["Host", "api"], ["Accept", "*/*"]],
        body: "",
      },
    });
    expect(refused).toMatchObject({ ok: false, text: "GET /users/me HTTP/1.1\r\n\r\n" });
    expect(refused.ok === false && refused.reason).toMatch(/host/i);
    expect(lookups()).toHaveLength(1); // the refused request never reached the app
  });

  it("are plain data that survives structured cloning", async () => {
    const { client, events } = setup();
    await client.raw("GET /users/me HTTP/1.1\r\nHost: api\r\n\r\n");
    await client.get("/orders/1");
    const routing = events.filter((e) => e.source === "web-routing");
    expect(routing.map((e) => e.kind)).toEqual(["http.parsed", "routing.table", "routing.lookup", "routing.lookup"]);
    expect(structuredClone(routing)).toEqual(routing);
  });

  it("never change what an app answers, even when the observer cannot follow", async () => {
    const events: TraceEvent[] = [];
    const web = webModule({ now: () => 0, trace: (e) => events.push(e) });
    const app = new web.FastAPI({ strategy: "radix" });
    app.get("/users/me", () => "me");
    app.routes.push({ ...app.routes[0], path: "no-slash" }); // a table no router accepts
    const res = await new web.TestClient(app, { raiseServerExceptions: false }).get("/users/me");
    expect(res.status).toBe(500);
    expect(events.some((e) => e.source === "web-routing")).toBe(false);
  });
});
