import { describe, expect, it } from "vitest";
import { FastAPI, HTTPException, JSONResponse, TestClient } from "../../../workers/web/index";
import type { WebAppTrace } from "../../../workers/web/app/trace";
import { requestLabel, requestsOf, requestSummary } from "./requests";

function bouncerApp(options: { raise?: boolean } = {}) {
  let clock = 0;
  const trace: WebAppTrace[] = [];
  const app = new FastAPI({ now: () => (clock += 0.5), trace: (e) => trace.push(e) });
  app.get("/", () => ({ ok: true }));
  app.addMiddleware(async function bouncer(request, callNext) {
    if (request.client?.host === "10.0.0.66") {
      if (options.raise) throw new HTTPException(403, "Forbidden");
      return new JSONResponse({ detail: "Forbidden" }, { status: 403 });
    }
    return callNext(request);
  });
  app.addMiddleware(async function timing(request, callNext) {
    return callNext(request);
  });
  return { app, trace };
}

const from = (app: FastAPI, host: string) => new TestClient(app, { client: [host, 1], raiseServerExceptions: false });

describe("the requests of a run, for the onion", () => {
  it("follows a request through every layer to the endpoint and back", async () => {
    const { app, trace } = bouncerApp();
    await from(app, "203.0.113.7").get("/");
    const [view] = requestsOf(trace);
    expect(view.layers.map((l) => l.name)).toEqual(["ServerErrorMiddleware", "timing", "bouncer", "ExceptionMiddleware", "Router"]);
    expect(view.answeredBy?.name).toBe("Router");
    expect(view.shortCircuit).toBe(false);
    expect(view.steps[0]).toMatchObject({ kind: "arrive", t: 0 });
    expect(view.steps.at(-1)).toMatchObject({ kind: "sent", status: 200 });
    expect(view.steps.filter((s) => s.kind === "response").map((s) => s.layer)).toEqual(["Router", "ExceptionMiddleware", "bouncer", "timing", "ServerErrorMiddleware"]);
    expect(requestSummary(view)).toMatch(/^GET \/ → 200 in .*: through 5 of 5 layers to the endpoint and back out\.$/);
  });

  it("stops a short-circuited request at the layer that answered, and borrows the layers it skipped", async () => {
    const { app, trace } = bouncerApp();
    await from(app, "203.0.113.7").get("/");
    await from(app, "10.0.0.66").get("/");
    const view = requestsOf(trace)[1];
    expect(view.shortCircuit).toBe(true);
    expect(view.answeredBy?.name).toBe("bouncer");
    expect(view.layers.map((l) => [l.name, l.reached])).toEqual([
      ["ServerErrorMiddleware", true],
      ["timing", true],
      ["bouncer", true],
      ["ExceptionMiddleware", false],
      ["Router", false],
    ]);
    expect(view.steps.some((s) => s.kind === "endpoint")).toBe(false);
    expect(requestLabel(view)).toBe("2. GET / → 403 (bouncer)");
    expect(requestSummary(view)).toContain("short-circuited by bouncer; the 2 layers inside it never saw the request");
  });

  it("shows an HTTPException raised in a middleware leaving it and answered with a 500", async () => {
    const { app, trace } = bouncerApp({ raise: true });
    await from(app, "10.0.0.66").get("/");
    const [view] = requestsOf(trace);
    expect(view.status).toBe(500);
    expect(view.answeredBy?.name).toBe("ServerErrorMiddleware");
    expect(view.unhandled).toBe("HTTPException:403");
    expect(view.steps.find((s) => s.kind === "raise")).toMatchObject({ layer: "bouncer", error: "HTTPException:403" });
    expect(requestSummary(view)).toContain("bouncer raised HTTPException:403, and ServerErrorMiddleware answered with a 500");
  });

  it("keeps the requests of two apps apart though both number from 1", async () => {
    const one = bouncerApp();
    const two = bouncerApp();
    await from(one.app, "1.1.1.1").get("/");
    await from(two.app, "1.1.1.1").get("/missing");
    await from(one.app, "1.1.1.1").get("/");
    const trace = [...one.trace.slice(0, one.trace.length / 2), ...two.trace, ...one.trace.slice(one.trace.length / 2)];
    const views = requestsOf(trace);
    expect(views.map((v) => `${v.path} ${v.status}`)).toEqual(["/ 200", "/missing 404", "/ 200"]);
    expect(views[1].answeredBy?.name).toBe("ExceptionMiddleware");
  });
});
