// The routing visualization's reading of a real trace, as `playground/web` emits it in a run.
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../../workers/trace";
import { webModule } from "../../../workers/web/playground";
import { disagree, readRun, targetOf, walkOf } from "./model";

async function traceOf(send: (client: InstanceType<ReturnType<typeof webModule>["TestClient"]>) => Promise<unknown>): Promise<TraceEvent[]> {
  const trace: TraceEvent[] = [];
  const web = webModule({ now: () => 0, trace: (e) => trace.push(e) });
  const app = new web.FastAPI();
  app.get("/users/{username}", ({ username }) => ({ username }));
  app.get("/users/me", () => ({ me: true }));
  app.get("/orders/{order_id:int}", ({ order_id }) => ({ order_id }));
  app.get("/search", ({ limit }) => ({ limit }), { query: { limit: { type: "int", default: 10 } } });
  await send(new web.TestClient(app));
  return trace;
}

describe("the routing visualization's model", () => {
  it("pairs each lookup with its route table and the status the app sent", async () => {
    const trace = await traceOf(async (c) => {
      await c.get("/users/me");
      await c.get("/search?limit=abc");
    });
    const { lookups, raw } = readRun(trace);
    expect(raw).toBeUndefined();
    expect(lookups.map((l) => [targetOf(l.event), l.event.linear.status, l.response])).toEqual([
      ["/users/me", 200, 200],
      ["/search?limit=abc", 200, 422],
    ]);
    expect(lookups[0].table?.routes).toHaveLength(4);
    expect(disagree(lookups[0].event)).toBe(true);
    expect(disagree(lookups[1].event)).toBe(false);
  });

  it("draws the radix walk: steps in order, backtracking, and the path to the route", async () => {
    const trace = await traceOf(async (c) => {
      await c.get("/users/me/");
      await c.get("/orders/abc");
      await c.get("/users/ada");
    });
    const [slash, abc, ada] = readRun(trace).lookups.map(walkOf);
    expect(slash.steps.map((s) => `${s.n} ${s.text} ${s.matched}`)).toEqual([
      "1 static map: miss for /users/me/ false",
      '2 "/" true',
      '3 "users/" true',
      '4 "me" true',
      '5 {username} = "me" true',
    ]);
    expect(slash.probe).toBe("/users/me");
    expect([...slash.states.values()]).toEqual(["left", "left", "left", "left"]);
    expect(abc.steps.at(-1)).toMatchObject({ text: '{order_id:int} = "abc"', matched: false });
    expect([...abc.states.values()]).toEqual(["left", "left", "failed"]);
    // Found: the root, "/", "users/" and the parameter, each on the path to the route.
    expect([...ada.states.values()].filter((s) => s === "found")).toHaveLength(4);
    expect(ada.staticHit).toBe(false);
  });

  it("keeps the last raw request and the lookup it led to", async () => {
    const trace = await traceOf(async (c) => {
      await c.raw("GET /users/ada HTTP/1.1\r\nHost: api\r\n\r\n");
      await c.raw("GET /users/ada HTTP/1.1\r\n\r\n");
    });
    const { raw, lookups } = readRun(trace);
    expect(raw?.event.ok).toBe(false);
    expect(raw?.lookup).toBeUndefined(); // refused before the app saw it
    expect(lookups).toHaveLength(1);
  });
});
