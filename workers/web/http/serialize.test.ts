import { describe, expect, it } from "vitest";
import { parseRequest } from "./parse-request.ts";
import { serializeRequest, serializeResponse } from "./serialize.ts";
import { reasonPhrase } from "./status.ts";

describe("serializeResponse", () => {
  it("writes the status line with the reason phrase, the headers in order, Content-Length in bytes", () => {
    const text = serializeResponse({ status: 200, headers: [["content-type", "application/json"], ["set-cookie", "a=1"], ["set-cookie", "b=2"]], body: '{"a":"é"}' });
    expect(text).toBe('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nset-cookie: a=1\r\nset-cookie: b=2\r\nContent-Length: 10\r\n\r\n{"a":"é"}');
  });

  it("corrects a given Content-Length in its place and drops Transfer-Encoding", () => {
    const text = serializeResponse({ status: 404, headers: { "content-length": "99", "transfer-encoding": "chunked", "x-a": "1" }, body: "no" });
    expect(text).toBe("HTTP/1.1 404 Not Found\r\ncontent-length: 2\r\nx-a: 1\r\n\r\nno");
  });

  it("sends neither body nor Content-Length for 1xx, 204 and 304", () => {
    expect(serializeResponse({ status: 204, headers: { "content-length": "4" }, body: "gone" })).toBe("HTTP/1.1 204 No Content\r\n\r\n");
    expect(serializeResponse({ status: 304 })).toBe("HTTP/1.1 304 Not Modified\r\n\r\n");
  });

  it("uses Python 3.11's phrases (the recorded servers') and none for unnamed codes", () => {
    expect(reasonPhrase(422)).toBe("Unprocessable Entity");
    expect(reasonPhrase(307)).toBe("Temporary Redirect");
    expect(serializeResponse({ status: 299 })).toBe("HTTP/1.1 299 \r\nContent-Length: 0\r\n\r\n");
  });

  it("throws on what would break the message apart", () => {
    expect(() => serializeResponse({ status: 200, headers: { "x-a": "1\r\nSet-Cookie: evil=1" } })).toThrow(TypeError);
    expect(() => serializeResponse({ status: 200, headers: { "bad name": "1" } })).toThrow(TypeError);
    expect(() => serializeResponse({ status: 42 })).toThrow(RangeError);
  });
});

describe("serializeRequest", () => {
  it("writes what parseRequest reads back", () => {
    const text = serializeRequest({ method: "POST", target: "/items?x=1", headers: [["Host", "testserver"], ["Content-Type", "text/plain"]], body: "héllo" });
    expect(text).toBe("POST /items?x=1 HTTP/1.1\r\nHost: testserver\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nhéllo");
    const parsed = parseRequest(text);
    expect(parsed.ok && parsed.request.body).toBe("héllo");
  });

  it("sends Content-Length: 0 for a POST without a body, nothing for a GET", () => {
    expect(serializeRequest({ method: "POST", target: "/", headers: { Host: "h" } })).toBe("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
    expect(serializeRequest({ method: "GET", target: "/", headers: { Host: "h" } })).toBe("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
  });
});
