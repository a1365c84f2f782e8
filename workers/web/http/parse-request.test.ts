import { describe, expect, it } from "vitest";
import { parseRequest, type HttpRequest, type ParseResult } from "./parse-request.ts";

function ok(result: ParseResult): HttpRequest & { rest: string } {
  if (!result.ok) throw new Error(`expected a request, got 400: ${result.reason}`);
  return Object.assign(result.request, { rest: result.rest });
}

function refused(text: string): string {
  const result = parseRequest(text);
  if (result.ok) throw new Error(`expected 400 for ${JSON.stringify(text)}`);
  expect(result.status).toBe(400);
  return result.reason;
}

describe("parseRequest: well-formed requests", () => {
  it("reads the request line, the headers in order with repeats, and the query", () => {
    const req = ok(parseRequest("GET /items/a%20b?q=x+y&tag=1&tag=2&empty&e=%C3%A9 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\nX-Tag: one\r\nx-tag: two\r\n\r\n"));
    expect(req.method).toBe("GET");
    expect(req.target).toBe("/items/a%20b?q=x+y&tag=1&tag=2&empty&e=%C3%A9");
    expect(req.rawPath).toBe("/items/a%20b");
    expect(req.path).toBe("/items/a b");
    expect(req.queryString).toBe("q=x+y&tag=1&tag=2&empty&e=%C3%A9");
    expect(req.query.get("q")).toBe("x y");
    expect(req.query.getAll("tag")).toEqual(["1", "2"]);
    expect(req.query.get("tag")).toBe("2");
    expect(req.query.get("empty")).toBe("");
    expect(req.query.get("e")).toBe("é");
    expect(req.version).toBe("HTTP/1.1");
    expect(req.headers.get("HOST")).toBe("example.com");
    expect(req.headers.get("x-tag")).toBe("one");
    expect(req.headers.getAll("X-TAG")).toEqual(["one", "two"]);
    expect(req.headers.raw).toEqual([
      ["Host", "example.com"],
      ["Accept", "*/*"],
      ["X-Tag", "one"],
      ["x-tag", "two"],
    ]);
    expect(req.body).toBe("");
  });

  it("reads a body by Content-Length, counting UTF-8 bytes, and hands back what follows", () => {
    const req = ok(parseRequest('POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 13\r\n\r\n{"a":"été"}GET / HTTP/1.1\r\n'));
    expect(req.body).toBe('{"a":"été"}');
    expect(req.rest).toBe("GET / HTTP/1.1\r\n");
  });

  it("accepts bare LF line ends (a textarea's) and skips empty lines before the request line", () => {
    const req = ok(parseRequest("\n\r\nPUT /x HTTP/1.1\nHost: h\nContent-Length: 2\n\nhi"));
    expect(req.method).toBe("PUT");
    expect(req.body).toBe("hi");
  });

  it("trims header values and keeps HTTP/1.0 requests without Host", () => {
    const req = ok(parseRequest("GET / HTTP/1.0\r\nX-A: \t padded \t\r\n\r\n"));
    expect(req.headers.get("x-a")).toBe("padded");
    expect(req.version).toBe("HTTP/1.0");
  });

  it("decodes a chunked body and skips its trailers", () => {
    const req = ok(parseRequest("POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n6;ext=1\r\npedia \r\n0\r\nX-Trailer: t\r\n\r\nrest"));
    expect(req.body).toBe("Wikipedia ");
    expect(req.rest).toBe("rest");
  });

  it("takes the path of an absolute-form target, and * for OPTIONS", () => {
    expect(ok(parseRequest("GET http://example.com/a?b=1 HTTP/1.1\r\nHost: example.com\r\n\r\n")).path).toBe("/a");
    expect(ok(parseRequest("GET http://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n")).path).toBe("/");
    expect(ok(parseRequest("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n")).path).toBe("*");
  });

  it("decodes bad percent-encoding leniently, as Starlette does", () => {
    const req = ok(parseRequest("GET /a%zz/%C3?x=%2 HTTP/1.1\r\nHost: h\r\n\r\n"));
    expect(req.path).toBe("/a%zz/\uFFFD");
    expect(req.query.get("x")).toBe("%2");
  });
});

describe("parseRequest: malformed requests get 400 with a reason, never an exception", () => {
  it("refuses a bad request line", () => {
    expect(refused("")).toBe("empty request");
    expect(refused("GET /\r\nHost: h\r\n\r\n")).toMatch(/request line must be/);
    expect(refused("GET  / HTTP/1.1\r\nHost: h\r\n\r\n")).toMatch(/request line must be/);
    expect(refused("GET / HTTP/1.1 \r\nHost: h\r\n\r\n")).toMatch(/request line must be/);
    expect(refused("G(T / HTTP/1.1\r\nHost: h\r\n\r\n")).toMatch(/bad method/);
    expect(refused("GET /a b HTTP/1.1\r\nHost: h\r\n\r\n")).toMatch(/request line must be/);
    expect(refused("GET /café HTTP/1.1\r\nHost: h\r\n\r\n")).toMatch(/must be percent-encoded/);
    expect(refused("GET items HTTP/1.1\r\nHost: h\r\n\r\n")).toMatch(/must start with "\/"/);
    expect(refused("GET * HTTP/1.1\r\nHost: h\r\n\r\n")).toMatch(/only for OPTIONS/);
    expect(refused("GET / HTTP/2.0\r\nHost: h\r\n\r\n")).toBe("unsupported HTTP version HTTP/2.0");
    expect(refused("GET / http/1.1\r\nHost: h\r\n\r\n")).toMatch(/bad HTTP version/);
    expect(refused("GET / HTTP/1.1")).toMatch(/no line end/);
  });

  it("refuses bad header lines, naming the line", () => {
    const noColon = parseRequest("GET / HTTP/1.1\r\nHost: h\r\nBroken header\r\n\r\n");
    expect(noColon).toEqual({ ok: false, status: 400, reason: 'header line without a colon: "Broken header"', line: 3 });
    expect(refused("GET / HTTP/1.1\r\nHost : h\r\n\r\n")).toMatch(/no whitespace allowed between a header name and its colon/);
    expect(refused("GET / HTTP/1.1\r\nHo(st: h\r\n\r\n")).toMatch(/bad header name/);
    expect(refused("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n  continued\r\n\r\n")).toMatch(/obsolete line folding/);
    expect(refused("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\x01b\r\n\r\n")).toMatch(/control character/);
    expect(refused("GET / HTTP/1.1\r\nHost: h\rX-A: 1\r\n\r\n")).toBe("a CR must be followed by LF");
  });

  it("refuses a header section that never ends", () => {
    expect(refused("GET / HTTP/1.1\r\nHost: h\r\n")).toMatch(/must end with an empty line/);
  });

  it("requires exactly one Host in HTTP/1.1", () => {
    expect(refused("GET / HTTP/1.1\r\n\r\n")).toBe("HTTP/1.1 requires a Host header");
    expect(refused("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")).toBe("more than one Host header");
  });

  it("refuses bodies that do not add up", () => {
    expect(refused("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nshort")).toBe("the body is shorter than Content-Length: 5 of 10 bytes");
    expect(refused("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1e3\r\n\r\n")).toMatch(/bad Content-Length/);
    expect(refused("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")).toMatch(/conflicting Content-Length/);
    expect(refused("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")).toMatch(/both Transfer-Encoding and Content-Length/);
    expect(refused("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n")).toMatch(/unsupported Transfer-Encoding/);
    expect(refused("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")).toMatch(/bad chunk size/);
    expect(refused("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab")).toMatch(/cut short/);
  });

  it("accepts repeated identical Content-Length values", () => {
    expect(ok(parseRequest("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2, 2\r\n\r\nok")).body).toBe("ok");
  });

  it("never throws, whatever the text", () => {
    const pieces = ["GET", " ", "/", "\r", "\n", ":", "Host", "%", "\u00e9", "\t", "0", "Content-Length: 3", "Transfer-Encoding: chunked", "HTTP/1.1"];
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      let text = "";
      for (let k = 0; k < 12; k++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        text += pieces[seed % pieces.length];
      }
      const result = parseRequest(text);
      expect(result.ok || result.status === 400).toBe(true);
    }
  });
});

describe("parseRequest: hostile input", () => {
  const chunkedHead = "POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
  // Past about 123 KB, String.fromCharCode(...bytes) overflowed the stack (the exact size depends
  // on the stack), so these lines are comfortably longer.
  const long = "1".repeat(130_000);

  it("answers 400, not a stack overflow, to a chunk-size line of 130 KB", () => {
    expect(refused(chunkedHead + long + "\r\nx\r\n0\r\n\r\n")).toBe("chunk size line too long: more than 16384 bytes");
    expect(refused(chunkedHead + "1;ext=" + long + "\r\nx\r\n0\r\n\r\n")).toBe("chunk size line too long: more than 16384 bytes");
  });

  it("answers 400, not a stack overflow, to a trailer line of 130 KB", () => {
    expect(refused(chunkedHead + "0\r\nX-T: " + long + "\r\n\r\n")).toBe("trailer line too long: more than 16384 bytes");
  });

  it("refuses a request line or a header line longer than 16 KB, naming the line", () => {
    const target = "/" + "a".repeat(16 * 1024);
    expect(parseRequest(`GET ${target} HTTP/1.1\r\nHost: h\r\n\r\n`)).toEqual({ ok: false, status: 400, reason: "request line too long: more than 16384 characters", line: 1 });
    expect(parseRequest(`GET / HTTP/1.1\r\nHost: h\r\nX-Big: ${"v".repeat(16 * 1024)}\r\n\r\n`)).toEqual({
      ok: false,
      status: 400,
      reason: "header line too long: more than 16384 characters",
      line: 3,
    });
    // One without a line end at all is just as long.
    expect(parseRequest(`GET ${target}`)).toEqual({ ok: false, status: 400, reason: "request line too long: more than 16384 characters", line: 1 });
  });

  it("accepts lines up to the limit, line ends not counted", () => {
    const value = "v".repeat(16 * 1024 - "X-Big: ".length);
    expect(ok(parseRequest(`GET / HTTP/1.1\r\nHost: h\r\nX-Big: ${value}\r\n\r\n`)).headers.get("x-big")).toBe(value);
    const size = "0".repeat(16 * 1024 - 1) + "2";
    expect(ok(parseRequest(`${chunkedHead}${size}\r\nhi\r\n0\r\n\r\n`)).body).toBe("hi");
  });

  it("quotes only the start of a long offending text in its reason", () => {
    const reason = refused(`GET / HTTP/1.1\r\nHost: h\r\n${"n".repeat(10_000)}\r\n\r\n`);
    expect(reason).toMatch(/^header line without a colon: "n+"…$/);
    expect(reason.length).toBeLessThan(120);
  });

  it("takes a line that reads \"too long\" for what it says", () => {
    expect(refused("too long\r\n\r\n")).toMatch(/request line must be/);
  });

  it("refuses a chunk size or a Content-Length no byte count can reach", () => {
    expect(refused(`${chunkedHead}${"f".repeat(20)}\r\n`)).toBe(`chunk size "${"f".repeat(20)}" is too large`);
    expect(refused(`POST / HTTP/1.1\r\nHost: h\r\nContent-Length: ${"9".repeat(20)}\r\n\r\n`)).toBe(`Content-Length "${"9".repeat(20)}" is too large`);
  });
});
