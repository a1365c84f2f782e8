// A raw HTTP/1.1 request, given as text, read the way a careful server reads the bytes
// (RFC 9112). A malformed request is an answer — 400 and the reason — never an exception.
// Decisions where the RFC leaves room, or where text is not bytes:
// - Line ends: CRLF, or a bare LF, which RFC 9112 §2.2 lets a recipient accept (a textarea
//   gives nothing else). A CR that is not followed by LF is refused.
// - Empty lines before the request line are skipped (§2.2).
// - The request line is exactly `method SP target SP version`, the version HTTP/1.1 or
//   HTTP/1.0; the target is origin-form ("/path?query"), absolute-form ("http://host/path") or
//   "*" for OPTIONS, in visible ASCII only (a non-ASCII character must be percent-encoded).
// - Header lines are `name: value`: no space before the colon (§5.1), no obsolete folding onto
//   a following indented line (§5.2); the value is trimmed. HTTP/1.1 needs exactly one Host.
// - The header section must end with an empty line: text that stops before it is incomplete.
// - A line of the head longer than MAX_LINE (16 KB, ./limits.ts) is refused as too long, ended
//   or not; a reason quotes only the start of the text it objects to.
// - The body is read by Content-Length, which counts UTF-8 bytes; a body shorter than that is
//   refused (a server would wait for the rest; this text is all there is). Transfer-Encoding:
//   chunked is decoded; any other coding, or chunked together with Content-Length, is refused.
//   What follows the body is returned as `rest`: the next request on the connection.
// - Percent-encoding in the path and query is decoded leniently, as Starlette does: a "%" not
//   followed by two hex digits stays as it is, bytes that are not UTF-8 become U+FFFD.
import { dechunk } from "./chunked.ts";
import { HttpHeaders } from "./headers.ts";
import { MAX_LINE, quoted } from "./limits.ts";
import { unquote } from "./percent.ts";
import { parseQuery, type QueryParams } from "./query.ts";

export interface HttpRequest {
  method: string;
  /** The request target exactly as sent. */
  target: string;
  /** The path as sent, without the query. */
  rawPath: string;
  /** The path percent-decoded: what a router matches. */
  path: string;
  /** The query as sent, without its "?" ("" when there is none). */
  queryString: string;
  query: QueryParams;
  version: "HTTP/1.1" | "HTTP/1.0";
  headers: HttpHeaders;
  body: string;
}

export type ParseResult =
  | { ok: true; request: HttpRequest; rest: string }
  | { ok: false; status: 400; reason: string; line?: number };

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

const TOO_LONG: unique symbol = Symbol("line too long");

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A field value may hold any character but the controls (tab aside). */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 32 && c !== 9) || c === 127) return true;
  }
  return false;
}

/** The value without the spaces and tabs around it (a loop: /[ \t]+$/ backtracks quadratically on inner runs). */
function trimOws(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && (value[start] === " " || value[start] === "\t")) start++;
  while (end > start && (value[end - 1] === " " || value[end - 1] === "\t")) end--;
  return value.slice(start, end);
}

function bad(reason: string, line?: number): ParseResult {
  return line === undefined ? { ok: false, status: 400, reason } : { ok: false, status: 400, reason, line };
}

function splitTarget(target: string, method: string): { rawPath: string; queryString: string } | string {
  let pathAndQuery = target;
  if (target === "*") {
    if (method !== "OPTIONS") return `the target "*" is only for OPTIONS`;
  } else if (/^https?:\/\//i.test(target)) {
    const slash = target.indexOf("/", target.indexOf("//") + 2);
    const q = target.indexOf("?");
    pathAndQuery = slash === -1 || (q !== -1 && q < slash) ? "/" + (q === -1 ? "" : target.slice(q)) : target.slice(slash);
  } else if (!target.startsWith("/")) {
    return `the target ${quoted(target)} must start with "/"`;
  }
  const q = pathAndQuery.indexOf("?");
  return q === -1 ? { rawPath: pathAndQuery, queryString: "" } : { rawPath: pathAndQuery.slice(0, q), queryString: pathAndQuery.slice(q + 1) };
}

/** The body length Content-Length asks for, null without one, or the reason it is unusable. */
function contentLength(headers: HttpHeaders): number | null | string {
  const values = headers.getAll("content-length").flatMap((v) => v.split(",").map((s) => s.trim()));
  if (values.length === 0) return null;
  if (!values.every((v) => /^[0-9]+$/.test(v))) return `bad Content-Length ${quoted(headers.getAll("content-length").join(", "))}`;
  if (new Set(values.map(Number)).size > 1) return `conflicting Content-Length values ${quoted(values.join(", "))}`;
  const length = Number(values[0]);
  return Number.isSafeInteger(length) ? length : `Content-Length ${quoted(values[0])} is too large`;
}

export function parseRequest(text: string): ParseResult {
  // The lines of the head, each without its line end; `at` is where the next line starts. A
  // line past MAX_LINE is TOO_LONG (numbered lineNo) whether or not a line end follows it.
  let at = 0;
  let lineNo = 0;
  const nextLine = (): string | null | typeof TOO_LONG => {
    const lf = text.indexOf("\n", at);
    const end = lf === -1 ? text.length : lf > at && text[lf - 1] === "\r" ? lf - 1 : lf;
    if (end - at > MAX_LINE) {
      lineNo++;
      return TOO_LONG;
    }
    if (lf === -1) return null;
    lineNo++;
    const line = text.slice(at, end);
    at = lf + 1;
    return line;
  };

  // 1. The request line, after any empty lines.
  let requestLine = nextLine();
  while (requestLine === "") requestLine = nextLine();
  if (requestLine === TOO_LONG) return bad(`request line too long: more than ${MAX_LINE} characters`, lineNo);
  if (requestLine === null) {
    return text.trim() === "" ? bad("empty request") : bad("incomplete request: the request line has no line end", lineNo + 1);
  }
  if (requestLine.includes("\r")) return bad("a CR must be followed by LF", lineNo);
  const parts = requestLine.split(" ");
  if (parts.length !== 3) return bad(`the request line must be "METHOD target HTTP/1.1", got ${quoted(requestLine)}`, lineNo);
  const [method, target, version] = parts;
  if (!TOKEN.test(method)) return bad(`bad method ${quoted(method)}`, lineNo);
  if (!VISIBLE_ASCII.test(target)) return bad(`bad request target ${quoted(target)}: spaces, control and non-ASCII characters must be percent-encoded`, lineNo);
  if (version !== "HTTP/1.1" && version !== "HTTP/1.0") {
    return bad(/^HTTP\/\d\.\d$/.test(version) ? `unsupported HTTP version ${version}` : `bad HTTP version ${quoted(version)}`, lineNo);
  }
  const split = splitTarget(target, method);
  if (typeof split === "string") return bad(split, lineNo);

  // 2. Header fields, up to the empty line.
  const headers = new HttpHeaders();
  for (;;) {
    const line = nextLine();
    if (line === TOO_LONG) return bad(`header line too long: more than ${MAX_LINE} characters`, lineNo);
    if (line === null) return bad("incomplete request: the header section must end with an empty line", lineNo + 1);
    if (line === "") break;
    if (line.includes("\r")) return bad("a CR must be followed by LF", lineNo);
    if (line[0] === " " || line[0] === "\t") return bad("obsolete line folding: a header line may not start with whitespace", lineNo);
    const colon = line.indexOf(":");
    if (colon === -1) return bad(`header line without a colon: ${quoted(line)}`, lineNo);
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) {
      return bad(/\s$/.test(name) ? `no whitespace allowed between a header name and its colon: ${quoted(line)}` : `bad header name ${quoted(name)}`, lineNo);
    }
    const value = trimOws(line.slice(colon + 1));
    if (hasControl(value)) return bad(`control character in the value of ${name}`, lineNo);
    headers.append(name, value);
  }
  const hosts = headers.getAll("host");
  if (version === "HTTP/1.1" && hosts.length !== 1) return bad(hosts.length === 0 ? "HTTP/1.1 requires a Host header" : "more than one Host header");

  // 3. The body, framed by Transfer-Encoding or Content-Length.
  const length = contentLength(headers);
  if (typeof length === "string") return bad(length);
  const after = encoder.encode(text.slice(at));
  let body: Uint8Array;
  let consumed: number;
  const codings = headers.getAll("transfer-encoding").flatMap((v) => v.split(",").map((s) => s.trim().toLowerCase())).filter((s) => s !== "");
  if (codings.length > 0) {
    if (length !== null) return bad("a request may not carry both Transfer-Encoding and Content-Length");
    if (version === "HTTP/1.0") return bad("Transfer-Encoding is not defined for HTTP/1.0");
    if (codings.length !== 1 || codings[0] !== "chunked") return bad(`unsupported Transfer-Encoding ${quoted(codings.join(", "))}`);
    const chunked = dechunk(after);
    if (!chunked.ok) return bad(chunked.reason);
    body = chunked.body;
    consumed = chunked.consumed;
  } else {
    consumed = length ?? 0;
    if (after.length < consumed) return bad(`the body is shorter than Content-Length: ${after.length} of ${consumed} bytes`);
    body = after.subarray(0, consumed);
  }

  const request: HttpRequest = {
    method,
    target,
    rawPath: split.rawPath,
    path: unquote(split.rawPath),
    queryString: split.queryString,
    query: parseQuery(split.queryString),
    version,
    headers,
    body: decoder.decode(body),
  };
  return { ok: true, request, rest: decoder.decode(after.subarray(consumed)) };
}
