import { describe, expect, expectTypeOf, it } from "vitest";
import { int, list, optional, str } from "../../validation/index.ts";
import { TestClient } from "../testclient/client";
import { FastAPI } from "./app";

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

  it("may be validation types, typed by what they validate to", async () => {
    const app = new FastAPI();
    app.get(
      "/search",
      (params) => {
        expectTypeOf(params.limit).toEqualTypeOf<number>();
        expectTypeOf(params.tags).toEqualTypeOf<string[]>();
        expectTypeOf(params.q).toEqualTypeOf<string | null>();
        return params;
      },
      { query: { limit: int({ le: 100, default: 10 }), tags: list(str(), { default: [] }), q: optional(str()) } },
    );
    const client = new TestClient(app);
    expect((await client.get("/search?tags=a&tags=b&limit=7")).json()).toEqual({ limit: 7, tags: ["a", "b"], q: null });
    expect((await client.get("/search")).json()).toEqual({ limit: 10, tags: [], q: null });
    expect((await client.get("/search?limit=101")).json()).toEqual({
      detail: [{ type: "less_than_equal", loc: ["query", "limit"], msg: "Input should be less than or equal to 100", input: "101", ctx: { le: 100 } }],
    });
  });

  it("read every value of a repeated key for a list, or a union holding one", async () => {
    const app = new FastAPI();
    app.get("/l", ({ ids, maybe }) => ({ ids, maybe }), { query: { ids: optional(list(int())), maybe: optional(str()) } });
    const client = new TestClient(app);
    expect((await client.get("/l?ids=1&ids=2&maybe=a&maybe=b")).json()).toEqual({ ids: [1, 2], maybe: "b" });
    expect((await client.get("/l")).json()).toEqual({ ids: null, maybe: null });
  });

  it("give each request its own copy of a default, as FastAPI's deepcopy does", async () => {
    const app = new FastAPI();
    app.get("/d", ({ tags }) => (tags.push("seen"), tags), { query: { tags: list(str(), { default: [] }) } });
    const client = new TestClient(app);
    await client.get("/d");
    expect((await client.get("/d")).json()).toEqual(["seen"]);
  });

  it("read a header under its name with '-' for '_' unless it has an alias of its own", async () => {
    const app = new FastAPI();
    app.get("/h", ({ x_token, user_agent }) => ({ x_token, user_agent }), {
      headers: { x_token: str(), user_agent: { type: str(), alias: "x_agent" } },
    });
    const client = new TestClient(app);
    expect((await client.get("/h", { headers: { "x-token": "t", x_agent: "a" } })).json()).toEqual({ x_token: "t", user_agent: "a" });
    expect((await client.get("/h", { headers: { x_token: "t" } })).json()).toEqual({
      detail: [
        { type: "missing", loc: ["header", "x-token"], msg: "Field required", input: null },
        { type: "missing", loc: ["header", "x_agent"], msg: "Field required", input: null },
      ],
    });
  });

  it("refuse bounds beside a validation type, which carries its own", () => {
    const app = new FastAPI();
    expect(() => app.get("/x", () => null, { query: { n: { type: int(), le: 3 } } })).toThrow(TypeError);
  });
});
