// Messages back to text: the status line with Python's reason phrase, the header fields in the
// order given, an empty line, the body. The serializer frames the body itself: Content-Length is
// always the body's UTF-8 byte count (a Content-Length given with the headers is corrected in its
// place, a Transfer-Encoding dropped), and statuses that never carry a body (1xx, 204, 304) get
// neither body nor Content-Length. A header that would break the framing — a CR or LF in a value,
// a name that is not a token — is a bug in the caller, and throws.
import { HttpHeaders, type HeadersInit } from "./headers.ts";
import { reasonPhrase } from "./status.ts";

export interface HttpResponseInit {
  status: number;
  headers?: HeadersInit;
  body?: string;
}

export interface HttpRequestInit {
  method: string;
  target: string;
  headers?: HeadersInit;
  body?: string;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const encoder = new TextEncoder();

function fieldLines(headers: HttpHeaders): string {
  let out = "";
  for (const [name, value] of headers.raw) {
    if (!TOKEN.test(name)) throw new TypeError(`invalid header name ${JSON.stringify(name)}`);
    if (/[\r\n\0]/.test(value)) throw new TypeError(`invalid value for header ${name}: CR, LF and NUL are not allowed`);
    out += `${name}: ${value}\r\n`;
  }
  return out;
}

/** Sets Content-Length to the body's byte count, in place of any given one. */
function frame(init: HeadersInit | undefined, body: string, withLength: boolean): HttpHeaders {
  const headers = new HttpHeaders(init);
  headers.delete("transfer-encoding");
  if (withLength) headers.set("Content-Length", String(encoder.encode(body).length));
  else headers.delete("content-length");
  return headers;
}

export function serializeResponse(response: HttpResponseInit): string {
  const { status } = response;
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new RangeError(`invalid status code ${status}`);
  const bodyless = status < 200 || status === 204 || status === 304;
  const body = bodyless ? "" : (response.body ?? "");
  const headers = frame(response.headers, body, !bodyless);
  return `HTTP/1.1 ${status} ${reasonPhrase(status)}\r\n${fieldLines(headers)}\r\n${body}`;
}

/** A request as a client sends it: Content-Length when there is a body, or a method that expects one. */
export function serializeRequest(request: HttpRequestInit): string {
  if (!TOKEN.test(request.method)) throw new TypeError(`invalid method ${JSON.stringify(request.method)}`);
  if (!/^[\x21-\x7e]+$/.test(request.target)) throw new TypeError(`invalid request target ${JSON.stringify(request.target)}`);
  const body = request.body ?? "";
  const headers = frame(request.headers, body, body !== "" || ["POST", "PUT", "PATCH"].includes(request.method));
  return `${request.method} ${request.target} HTTP/1.1\r\n${fieldLines(headers)}\r\n${body}`;
}
