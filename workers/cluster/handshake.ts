// What a simulated client's handshake carries: the request line's path and query, and the
// headers a browser sends with its own (host, upgrade) and the lesson's (cookies as one header).
import type { ConnectOptions } from "./learner-api.ts";

export function splitPath(path: string): { path: string; query: string } {
  const at = path.indexOf("?");
  return at < 0 ? { path, query: "" } : { path: path.slice(0, at), query: path.slice(at + 1) };
}

export function headerList(options: ConnectOptions): [string, string][] {
  const headers: [string, string][] = [
    ["host", "localhost:8000"],
    ["connection", "Upgrade"],
    ["upgrade", "websocket"],
    ["sec-websocket-version", "13"],
  ];
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.push([name.toLowerCase(), String(value)]);
  const cookies = Object.entries(options.cookies ?? {});
  if (cookies.length > 0) headers.push(["cookie", cookies.map(([name, value]) => `${name}=${String(value)}`).join("; ")]);
  return headers;
}
