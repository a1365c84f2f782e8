// What a simulated client's handshake carries, under a browser's rules: `new WebSocket(url,
// protocols)` sends the URL's path and query, the subprotocols it offers, the site's cookies and
// its own headers (host, upgrade, version) — and nothing else. No Authorization header: that is why
// a WebSocket authenticates by cookie, by a short-lived ticket in the query, or by its first message.
import type { ConnectOptions } from "./learner-api.ts";

export function splitPath(path: string): { path: string; query: string } {
  const at = path.indexOf("?");
  return at < 0 ? { path, query: "" } : { path: path.slice(0, at), query: path.slice(at + 1) };
}

export const NO_CUSTOM_HEADERS =
  "a browser's WebSocket cannot send headers of its own (new WebSocket(url, protocols) has no place for them): authenticate with a cookie (options.cookies), a short-lived ticket in the query (\"/ws?ticket=…\") or the first message";

export function headerList(options: ConnectOptions): [string, string][] {
  if ("headers" in options) throw new TypeError(NO_CUSTOM_HEADERS);
  const headers: [string, string][] = [
    ["host", "localhost:8000"],
    ["connection", "Upgrade"],
    ["upgrade", "websocket"],
    ["sec-websocket-version", "13"],
  ];
  if (options.protocols?.length) headers.push(["sec-websocket-protocol", options.protocols.map(String).join(", ")]);
  const cookies = Object.entries(options.cookies ?? {});
  if (cookies.length > 0) headers.push(["cookie", cookies.map(([name, value]) => `${name}=${String(value)}`).join("; ")]);
  return headers;
}
