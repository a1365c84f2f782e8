import { describe, expect, expectTypeOf, it } from "vitest";
import { int, model, str } from "../../validation/index.ts";
import { Depends, inject } from "../di/depends";
import { TestClient } from "../testclient/client";
import { FastAPI } from "./app";
import { Body } from "./body";

const Item = model("Item", { name: str(), n: int({ default: 1 }) });
const missing = (loc: (string | number)[]) => ({ type: "missing", loc, msg: "Field required", input: null });

describe("a body declared as one validation type", () => {
  const app = new FastAPI();
  app.post("/items", ({ body }) => {
    expectTypeOf(body).toEqualTypeOf<{ name: string; n: number }>();
    return body;
  }, { body: Item });
  const client = new TestClient(app);

  it("is the whole JSON body, passed as `body`", async () => {
    expect((await client.post("/items", { json: { name: "pen" } })).json()).toEqual({ name: "pen", n: 1 });
  });

  it("is missing at ['body'] when there is none, or when it is null", async () => {
    expect((await client.post("/items")).json()).toEqual({ detail: [missing(["body"])] });
    expect((await client.post("/items", { json: null })).json()).toEqual({ detail: [missing(["body"])] });
  });

  it("answers a value that is not an object as FastAPI's from_attributes validation does", async () => {
    expect((await client.post("/items", { json: "pen" })).json()).toEqual({
      detail: [{ type: "model_attributes_type", loc: ["body"], msg: "Input should be a valid dictionary or object to extract fields from", input: "pen" }],
    });
  });

  it("reads a body sent as another media type as text, which a model refuses", async () => {
    const res = await client.post("/items", { content: '{"name": "pen"}', headers: { "content-type": "text/plain" } });
    expect(res.json()).toEqual({
      detail: [{ type: "model_attributes_type", loc: ["body"], msg: "Input should be a valid dictionary or object to extract fields from", input: '{"name": "pen"}' }],
    });
  });

  it("reads JSON when no content-type is given, and an application/*+json one", async () => {
    expect((await client.post("/items", { content: '{"name": "a"}' })).status).toBe(200);
    expect((await client.post("/items", { content: '{"name": "a"}', headers: { "content-type": "application/merge-patch+json" } })).status).toBe(200);
  });

  it("answers JSON that does not parse with json_invalid alone, before any parameter is read", async () => {
    const strict = new FastAPI();
    strict.post("/items", ({ body }) => body, { body: Item, query: { q: int() } });
    const res = await new TestClient(strict).post("/items", { content: '[1, 2', headers: { "content-type": "application/json" } });
    expect(res.json()).toEqual({
      detail: [{ type: "json_invalid", loc: ["body", 5], msg: "JSON decode error", input: {}, ctx: { error: "Expecting ',' delimiter" } }],
    });
  });

  it("answers bytes that are not UTF-8 with 400", async () => {
    const res = await client.post("/items", { content: new Uint8Array([0x22, 0xff, 0x22]), headers: { "content-type": "application/json" } });
    expect({ status: res.status, json: res.json() }).toEqual({ status: 400, json: { detail: "There was an error parsing the body" } });
  });
});

describe("named body parameters", () => {
  it("one alone is the whole body; Body(…, { embed: true }) reads it under its name", async () => {
    const app = new FastAPI();
    app.post("/a", ({ item }) => item, { body: { item: Item } });
    app.post("/b", ({ item }) => item, { body: { item: Body(Item, { embed: true }) } });
    const client = new TestClient(app);
    expect((await client.post("/a", { json: { name: "x" } })).json()).toEqual({ name: "x", n: 1 });
    expect((await client.post("/b", { json: { item: { name: "x" } } })).json()).toEqual({ name: "x", n: 1 });
    expect((await client.post("/b", { json: { name: "x" } })).json()).toEqual({ detail: [missing(["body", "item"])] });
  });

  it("several are embedded, each under its name; a body that is not an object misses each, defaults or not", async () => {
    const app = new FastAPI();
    app.put("/p", (values) => {
      expectTypeOf(values.size).toEqualTypeOf<number>();
      return values;
    }, { body: { item: Item, size: int({ gt: 0 }), note: str({ default: "none" }) } });
    const client = new TestClient(app);
    expect((await client.put("/p", { json: { size: 2, item: { name: "x" } } })).json()).toEqual({ item: { name: "x", n: 1 }, size: 2, note: "none" });
    expect((await client.put("/p", { json: { item: null, size: 0 } })).json()).toEqual({
      detail: [
        missing(["body", "item"]),
        { type: "greater_than", loc: ["body", "size"], msg: "Input should be greater than 0", input: 0, ctx: { gt: 0 } },
      ],
    });
    // Python's `.get` fails on a list before any default is considered.
    expect((await client.put("/p", { json: [1] })).json()).toEqual({
      detail: [missing(["body", "item"]), missing(["body", "size"]), missing(["body", "note"])],
    });
  });

  it("are embedded when a dependency declares a body parameter too", async () => {
    const tokenOf = inject({ body: { token: str() } }, ({ token }) => token);
    const app = new FastAPI();
    app.post("/d", ({ item, token }) => ({ item, token }), { body: { item: Item }, deps: { token: Depends(tokenOf) } });
    const client = new TestClient(app);
    expect((await client.post("/d", { json: { item: { name: "x" }, token: "t" } })).json()).toEqual({ item: { name: "x", n: 1 }, token: "t" });
    // The dependency's errors come first: it is solved before the endpoint's own parameters.
    expect((await client.post("/d", { json: {} })).json()).toEqual({ detail: [missing(["body", "token"]), missing(["body", "item"])] });
  });
});
