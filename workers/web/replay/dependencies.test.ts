import { describe, expect, it } from "vitest";
// The recordings come from the repository's golden/ through readGolden, or from $GOLDEN_DIR when it is set.
import { readGolden } from "../../testing/golden";
import { TestClient } from "../testclient/client";
import { parsedBody, probe } from "./common";
import { buildDependencyApp, type DependencyCase } from "./dependencies";

const golden = readGolden<{ cases: DependencyCase[] }>("dependencies.json");

describe(`dependencies.json: all ${golden.cases.length} cases replayed against real FastAPI 0.142.2`, () => {
  it("has cases", () => expect(golden.cases.length).toBeGreaterThan(0));

  it.each(golden.cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const events: string[] = [];
    if ("setup_error" in c.expect) {
      let thrown: unknown;
      try {
        buildDependencyApp(c, events);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect((thrown as Error).constructor.name).toBe(c.expect.setup_error);
      expect((thrown as Error).message).toBe(c.expect.message);
      return;
    }
    const app = buildDependencyApp(c, events);
    const client = new TestClient(probe(app.asgi, events), { raiseServerExceptions: false });
    const request = c.request!;
    const response = await client.request(request.method, request.path, { headers: request.headers });
    expect({ status: response.status, body: parsedBody(response), events }).toEqual(c.expect);
  });
});
