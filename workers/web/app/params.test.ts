import { describe, expect, expectTypeOf, it } from "vitest";
// The recordings come from the repository's golden/ through readGolden, or from $GOLDEN_DIR when it is set.
import { readGolden } from "../../testing/golden";
import { TestClient } from "../testclient/client";
import { FastAPI } from "./app";
import { validateScalar } from "./params";

describe("scalar conversion with Pydantic's lax rules", () => {
  const ok = (input: unknown, type: "int" | "float" | "bool" | "str") => {
    const r = validateScalar(input, type);
    return r.ok ? r.value : r.error.type;
  };

  it("int", () => {
    expect(["42", " 42 ", "+5", "00042", "1_000", "4.0", "4.5", "abc", "", "0x10", "1e3"].map((v) => ok(v, "int"))).toEqual([
      42, 42, 5, 42, 1000, 4, "int_parsing", "int_parsing", "int_parsing", "int_parsing", "int_parsing",
    ]);
    expect([ok(4.5, "int"), ok(null, "int"), ok(true, "int")]).toEqual(["int_from_float", "int_type", 1]);
  });

  it("float", () => {
    expect(["3.14", "1e3", " 2.5 ", ".5", "abc", "", "0x1p3"].map((v) => ok(v, "float"))).toEqual([
      3.14, 1000, 2.5, 0.5, "float_parsing", "float_parsing", "float_parsing",
    ]);
    expect(ok("inf", "float")).toBe(Infinity);
    expect(Number.isNaN(ok("nan", "float"))).toBe(true);
  });

  it("bool", () => {
    expect(["true", "True", "yes", "on", "1", "y", "t", "ON", "no", "off", "0"].map((v) => ok(v, "bool"))).toEqual([
      true, true, true, true, true, true, true, true, false, false, false,
    ]);
    expect(["2", " true ", ""].map((v) => ok(v, "bool"))).toEqual(["bool_parsing", "bool_parsing", "bool_parsing"]);
    expect([ok(2, "bool"), ok(0.5, "bool")]).toEqual(["bool_parsing", "bool_type"]);
  });

  it("str", () => {
    expect([ok("x", "str"), ok(3, "str")]).toEqual(["x", "string_type"]);
  });

  it("bounds give Pydantic's message and ctx", () => {
    expect(validateScalar("1000", "int", { le: 100 })).toEqual({
      ok: false,
      error: { type: "less_than_equal", msg: "Input should be less than or equal to 100", input: "1000", ctx: { le: 100 } },
    });
  });
});

// The fixed FastAPI app of validation.json (its `fastapi_apps.items`), without the body routes,
// which need the validation engine.
function itemsApp(): FastAPI {
  const app = new FastAPI();
  app.get("/items/{item_id}", ({ item_id, x_token }) => ({ item_id, x_token }), {
    path: { item_id: { type: "int" } },
    headers: { x_token: { type: "str" } },
  });
  app.get("/search", ({ tags, page, flag }) => ({ tags, page, flag }), {
    query: { tags: { type: "list[str]", default: [] }, page: { type: "int", default: 1, ge: 1 }, flag: { type: "bool", default: false } },
  });
  return app;
}

interface FastAPICase {
  name: string;
  kind: string;
  request: { method: string; path: string; query: string; headers: Record<string, string>; json?: unknown; body_text?: string };
  response: { status: number; json: unknown };
}

const getCases = readGolden<{ cases: FastAPICase[] }>("validation.json").cases.filter(
  (c) => c.kind === "fastapi" && c.request.method === "GET",
);

describe(`validation.json: its ${getCases.length} FastAPI GET cases (path, query and header parameters) replayed`, () => {
  it("has cases", () => expect(getCases.length).toBeGreaterThan(0));

  it.each(getCases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const target = c.request.path + (c.request.query ? `?${c.request.query}` : "");
    const res = await new TestClient(itemsApp()).request(c.request.method, target, { headers: c.request.headers });
    expect({ status: res.status, json: res.json() }).toEqual(c.response);
  });
});

describe("declared parameters", () => {
  it("are typed from their declaration and the path template", () => {
    const app = new FastAPI();
    app.get(
      "/shops/{shop}/items/{id:int}",
      (params) => {
        expectTypeOf(params.shop).toEqualTypeOf<string>();
        expectTypeOf(params.id).toEqualTypeOf<number>();
        expectTypeOf(params.limit).toEqualTypeOf<number>();
        expectTypeOf(params.q).toEqualTypeOf<string | null>();
        return params;
      },
      { query: { limit: { type: "int", default: 10 }, q: { default: null } } },
    );
  });

  it("collect every error with its location before the endpoint runs", async () => {
    const app = new FastAPI();
    let ran = false;
    app.get("/items/{id}", () => (ran = true), {
      path: { id: { type: "int" } },
      query: { limit: { type: "int", le: 100 }, q: { type: "float" } },
    });
    const res = await new TestClient(app).get("/items/x?limit=1000");
    expect(ran).toBe(false);
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        { type: "int_parsing", loc: ["path", "id"], msg: "Input should be a valid integer, unable to parse string as an integer", input: "x" },
        { type: "less_than_equal", loc: ["query", "limit"], msg: "Input should be less than or equal to 100", input: "1000", ctx: { le: 100 } },
        { type: "missing", loc: ["query", "q"], msg: "Field required", input: null },
      ],
    });
  });

  it("are written with FastAPI's key order: type, loc, msg, input, ctx", async () => {
    const app = new FastAPI();
    app.get("/search", ({ limit }) => ({ limit }), { query: { limit: { type: "int", default: 10, le: 100 } } });
    const client = new TestClient(app);
    expect((await client.get("/search?limit=abc")).text()).toBe(
      '{"detail":[{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}',
    );
    expect((await client.get("/search?limit=500")).text()).toBe(
      '{"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"500","ctx":{"le":100}}]}',
    );
  });

  it("take the last value of a repeated query key, and every value for a list", async () => {
    const app = new FastAPI();
    app.get("/q", ({ a, b }) => ({ a, b }), { query: { a: { type: "int" }, b: { type: "list[int]" } } });
    const res = await new TestClient(app).get("/q", { query: { a: [1, 2], b: [3, 4] } });
    expect(res.json()).toEqual({ a: 2, b: [3, 4] });
    const bad = await new TestClient(app).get("/q?a=1&b=3&b=x");
    expect(bad.json()).toEqual({
      detail: [{ type: "int_parsing", loc: ["query", "b", 1], msg: "Input should be a valid integer, unable to parse string as an integer", input: "x" }],
    });
  });
});
