import { describe, expect, it } from "vitest";
// The recordings come from the repository's golden/ through readGolden, or from $GOLDEN_DIR when it is set.
import { readGolden } from "../../testing/golden";
import { TestClient } from "../testclient/client";
import { parsedBody, probe } from "./common";
import { buildMiddlewareApp, type MiddlewareCase } from "./middleware";

const golden = readGolden<{ cases: MiddlewareCase[] }>("middleware.json");

/** The headers the recordings list: x-*, content-type, allow, location, www-authenticate. */
function listedHeaders(raw: [string, string][], get: (name: string) => string | null): Record<string, string> {
  const listed = ["content-type", "allow", "location", "www-authenticate"];
  const names = [...new Set(raw.map(([k]) => k))].filter((k) => k.startsWith("x-") || listed.includes(k));
  return Object.fromEntries(names.map((k) => [k, get(k)!]));
}

describe(`middleware.json: all ${golden.cases.length} cases replayed against real FastAPI 0.142.2 / Starlette 1.7.0`, () => {
  it("has cases", () => expect(golden.cases.length).toBeGreaterThan(0));

  it.each(golden.cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const events: string[] = [];
    const app = buildMiddlewareApp(c, events);
    const client = new TestClient(probe(app.asgi, events), { raiseServerExceptions: false });
    const response = await client.request(c.request.method, c.request.path, { headers: c.request.headers });
    expect({
      status: response.status,
      headers: listedHeaders(response.headers.raw, (n) => response.headers.get(n)),
      body: parsedBody(response),
      events,
    }).toEqual(c.expect);
  });
});
