// parseRequest against hostile text: random bytes, and runs of 100 KB to 10 MB in every place a
// line can be. Whatever comes, it answers (400 with a short reason, or a request when the long
// run is a body), never throws, and takes time linear in the text. Seeded, so a failure replays.
import { describe, expect, it } from "vitest";
import { MAX_LINE } from "./limits.ts";
import { parseRequest, type ParseResult } from "./parse-request.ts";
import { mulberry32 } from "../../testing/prng.ts";

/** A parse that must not throw and must answer in time linear in the text (generously). */
function parse(text: string): ParseResult {
  const started = performance.now();
  const result = parseRequest(text);
  const took = performance.now() - started;
  expect(took, `${text.length} characters took ${Math.round(took)} ms`).toBeLessThan(1000 + text.length / 10_000);
  if (!result.ok) {
    expect(result.status).toBe(400);
    expect(result.reason.length, result.reason.slice(0, 200)).toBeLessThan(200);
  }
  return result;
}

// Pieces that steer the parser into its corners, mixed with arbitrary characters.
const PIECES = [
  "GET / HTTP/1.1\r\n", "Host: h\r\n", "Transfer-Encoding: chunked\r\n", "Content-Length: 5\r\n", "Content-Length: 99999999999999999999\r\n",
  "\r\n", "\n", "\r", " ", "\t", ":", ";", "0\r\n", "5;x=y\r\n", "ffffffffffffffffffffff\r\n", "X-T: t\r\n", "%", "%C3", "é",
  "\u{1F600}", "\ud800", "\0", "HTTP/1.1", "*", "OPTIONS", "http://h",
];
// Runs with no line end in them, so each stays one long line wherever it goes.
const FILLERS = ["a", "0", " ", "\t", " \t", "é", "%", ";", ":", "\r", "x\u{1F600}", "\0\xff"];

/** A request built line by line, each line well formed, noise, or (now and then) a run past 100 KB. */
function randomRequest(next: () => number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const noise = () => {
    let text = "";
    for (let n = Math.floor(next() * 12); n > 0; n--) text += next() < 0.5 ? pick(PIECES) : String.fromCharCode(Math.floor(next() * 256));
    return text;
  };
  const line = (good: readonly string[]) => {
    const roll = next();
    const text = roll < 0.04 ? pick(FILLERS).repeat(100_000 + Math.floor(next() * 100_000)) : roll < 0.25 ? noise() : pick(good);
    return text + (next() < 0.9 ? "\r\n" : pick(["\n", "\r", ""]));
  };
  if (next() < 0.1) return noise();
  let text = line(["GET / HTTP/1.1", "POST /p?q=1 HTTP/1.1", "OPTIONS * HTTP/1.1", "GET http://h/x HTTP/1.0"]);
  for (let n = Math.floor(next() * 5); n > 0; n--) text += line(["Host: h", "Transfer-Encoding: chunked", "Content-Length: 5", "X-A:  v "]);
  text += "\r\n";
  for (let n = Math.floor(next() * 4); n > 0; n--) text += line(["5", "1;e=v", "0", "hello", "X-T: t", ""]);
  return text;
}

describe("parseRequest on random text", () => {
  it("answers every one of 2,000 randomly built requests, never throwing", () => {
    const next = mulberry32(0x5eed);
    for (let i = 0; i < 2000; i++) parse(randomRequest(next));
  });
});

// `§` marks where the long run goes; `ok` says whether the text is still a request.
const PLACES: { name: string; text: string; ok: boolean }[] = [
  { name: "method", text: "G§ / HTTP/1.1\r\nHost: h\r\n\r\n", ok: false },
  { name: "path", text: "GET /§ HTTP/1.1\r\nHost: h\r\n\r\n", ok: false },
  { name: "query", text: "GET /?q=§ HTTP/1.1\r\nHost: h\r\n\r\n", ok: false },
  { name: "version", text: "GET / HTTP/1.1§\r\nHost: h\r\n\r\n", ok: false },
  { name: "request line without a line end", text: "GET /§", ok: false },
  { name: "header name", text: "GET / HTTP/1.1\r\nHost: h\r\nX-§: v\r\n\r\n", ok: false },
  { name: "header value", text: "GET / HTTP/1.1\r\nHost: h\r\nX-A: x§x\r\n\r\n", ok: false },
  { name: "header line without a colon", text: "GET / HTTP/1.1\r\nHost: h\r\n§\r\n\r\n", ok: false },
  { name: "header line without a line end", text: "GET / HTTP/1.1\r\nHost: h\r\nX-A: §", ok: false },
  { name: "chunk size", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1§\r\nx\r\n0\r\n\r\n", ok: false },
  { name: "chunk extension", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;e=§\r\nx\r\n0\r\n\r\n", ok: false },
  { name: "chunk size without a line end", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n§", ok: false },
  { name: "trailer name", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT§: v\r\n\r\n", ok: false },
  { name: "trailer value", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: §\r\n\r\n", ok: false },
  { name: "trailer without a line end", text: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: §", ok: false },
  { name: "after the request (the next one on the connection)", text: "GET / HTTP/1.1\r\nHost: h\r\n\r\n§", ok: true },
];

const LENGTHS = [100_000, 1_000_000, 10_000_000];

describe("parseRequest on very long lines", () => {
  it("refuses a run of 100 KB to 10 MB in every line of the head, chunk sizes and trailers with 400", () => {
    const next = mulberry32(0xc0ffee);
    for (const place of PLACES) {
      for (const length of LENGTHS) {
        const filler = FILLERS[Math.floor(next() * FILLERS.length)];
        const run = filler.repeat(Math.ceil(length / filler.length));
        const result = parse(place.text.replace("§", () => run));
        expect(result.ok, `${place.name}, ${length} characters of ${JSON.stringify(filler)}: ${result.ok ? "" : result.reason}`).toBe(place.ok);
        if (!result.ok) expect(result.reason).toMatch(/too long/);
      }
    }
  });

  it("still reads long bodies, by Content-Length and chunked", () => {
    const body = "b".repeat(10_000_000);
    const byLength = parse(`POST / HTTP/1.1\r\nHost: h\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    expect(byLength.ok && byLength.request.body.length).toBe(body.length);
    const chunked = parse(`POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`);
    expect(chunked.ok && chunked.request.body.length).toBe(body.length);
  });

  it("reads a header line just under the limit whose value is mostly inner whitespace", () => {
    const value = "x" + " \t".repeat((MAX_LINE - 10) / 2 - 2) + "x";
    const result = parse(`GET / HTTP/1.1\r\nHost: h\r\nX-A: ${value}\r\n\r\n`);
    expect(result.ok && result.request.headers.get("x-a")).toBe(value);
  });
});
