import { describe, expect, it } from "vitest";
// The recordings come from the repository's golden/ through readGolden, or from $GOLDEN_DIR when it is set.
import { readGolden } from "../../testing/golden";
import { TestClient } from "../testclient/client";
import { buildValidationApp, recordedRequest, type FastAPICase } from "./validation";

const cases = readGolden<{ cases: { kind: string }[] }>("validation.json").cases.filter((c): c is FastAPICase => c.kind === "fastapi");

describe(`validation.json: its ${cases.length} FastAPI cases replayed against FastAPI 0.142.2`, () => {
  it("has cases", () => expect(cases.length).toBeGreaterThan(0));

  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const client = new TestClient(buildValidationApp(c));
    const { target, options } = recordedRequest(c);
    const response = await client.request(c.request.method, target, options);
    const got = { status: response.status, json: response.json() };
    expect(got).toEqual(c.response);
    // The error objects' keys in FastAPI's order (type, loc, msg, input, ctx), as a client reads them.
    expect(JSON.stringify(got)).toBe(JSON.stringify(c.response));
  });
});
