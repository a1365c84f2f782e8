import { describe, expect, it } from "vitest";
import { FastAPI } from "../app/app";
import { Response } from "../app/response";
import { TestClient } from "./client";

function echoApp() {
  const app = new FastAPI();
  app.post("/echo", async (_params, { request }) => ({
    method: request.method,
    path: request.url.path,
    query: request.queryParams.pairs,
    headers: request.headers.toJSON(),
    body: await request.json(),
  }));
  app.put("/raw", async (_params, { request }) => await request.text());
  app.get("/twice", () => new Response("x", { headers: [["set-cookie", "a=1"], ["set-cookie", "b=2"]] }));
  return app;
}

describe("TestClient", () => {
  const client = new TestClient(echoApp());

  it("sends JSON, query parameters and headers as httpx does", async () => {
    const res = await client.post("/echo?x=1", { json: { n: 1 }, query: { tag: ["a", "b"], flag: true }, headers: { "X-Token": "t" } });
    expect(res.json()).toEqual({
      method: "POST",
      path: "/echo",
      query: [["x", "1"], ["tag", "a"], ["tag", "b"], ["flag", "true"]],
      headers: {
        host: "testserver",
        accept: "*/*",
        "accept-encoding": "gzip, deflate",
        connection: "keep-alive",
        "user-agent": "testclient",
        "x-token": "t",
        "content-length": "7",
        "content-type": "application/json",
      },
      body: { n: 1 },
    });
  });

  it("sends text content", async () => {
    expect((await client.put("/raw", { content: "plain" })).json()).toBe("plain");
  });

  it("joins a repeated response header as httpx reads it, and keeps every value", async () => {
    const res = await client.get("/twice");
    expect(res.headers.get("set-cookie")).toBe("a=1, b=2");
    expect(res.headers.getAll("set-cookie")).toEqual(["a=1", "b=2"]);
  });

  it("drops the body of a HEAD response", async () => {
    const app = new FastAPI();
    app.head("/", () => ({ big: "body" }));
    const res = await new TestClient(app).head("/");
    expect([res.status, res.text(), res.headers.get("content-length")]).toEqual([200, "", "14"]);
  });

  it("re-throws what escaped the app unless told not to", async () => {
    const app = new FastAPI();
    app.get("/", () => {
      throw new TypeError("bad");
    });
    await expect(new TestClient(app).get("/")).rejects.toBeInstanceOf(TypeError);
    expect((await new TestClient(app, { raiseServerExceptions: false }).get("/")).status).toBe(500);
  });

  it("accepts an absolute URL and a base URL", async () => {
    const app = new FastAPI();
    app.get("/where", (_p, { request }) => request.url.href);
    expect((await new TestClient(app, { baseUrl: "https://api.example" }).get("/where?a=b")).json()).toBe("https://api.example/where?a=b");
    expect((await new TestClient(app).get("http://other/where")).json()).toBe("http://other/where");
  });
});
