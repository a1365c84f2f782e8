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

describe("TestClient.raw", () => {
  const app = new FastAPI();
  app.get("/items/{id:int}", ({ id }, { request }) => ({ id, q: request.queryParams.get("q"), ua: request.headers.get("user-agent") }));
  app.post("/items", async (_p, { request }) => ({ got: await request.json() }), { statusCode: 201 });
  const client = new TestClient(app);

  it("sends a request written as text", async () => {
    const res = await client.raw("GET /items/7?q=a%20b HTTP/1.1\r\nHost: example.com\r\nUser-Agent: curl/8\r\n\r\n");
    expect([res.status, res.json(), res.parseError]).toEqual([200, { id: 7, q: "a b", ua: "curl/8" }, undefined]);
  });

  it("reads a body framed by Content-Length, with LF line ends too", async () => {
    const body = '{"name":"pen"}';
    const res = await client.raw(`POST /items HTTP/1.1\nHost: x\nContent-Type: application/json\nContent-Length: ${body.length}\n\n${body}`);
    expect([res.status, res.json()]).toEqual([201, { got: { name: "pen" } }]);
    expect(res.toHttp()).toBe('HTTP/1.1 201 Created\r\ncontent-length: 22\r\ncontent-type: application/json\r\n\r\n{"got":{"name":"pen"}}');
  });

  it("answers a malformed request with 400 without reaching the app", async () => {
    const res = await client.raw("GET /items/7 HTTP/1.1\r\n\r\n");
    expect([res.status, res.text()]).toEqual([400, "Invalid HTTP request received."]);
    expect(res.parseError?.reason).toBe("HTTP/1.1 requires a Host header");
  });

  it("lets the app answer 404 and 405 to raw requests as to any other", async () => {
    expect((await client.raw("DELETE /items/7 HTTP/1.1\r\nHost: x\r\n\r\n")).status).toBe(405);
    expect((await client.raw("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n")).json()).toEqual({ detail: "Not Found" });
  });
});
