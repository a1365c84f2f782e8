// Starlette's HTTPConnection: what a Request and a WebSocket share — a read-only view of the
// connection's ASGI scope (URL, headers, query and path parameters, cookies, state, client).
// Dependencies that must work on HTTP and WebSocket routes alike read this (ctx.connection).
import type { ConnectionScope } from "./asgi";
import { Headers } from "./headers";
import { parseCookies } from "../http/cookies";
import { parseQuery, type QueryParams } from "../http/query";

export interface URLInfo {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
  href: string;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443 };

export class HTTPConnection<S extends ConnectionScope = ConnectionScope> {
  readonly scope: S;

  constructor(scope: S) {
    this.scope = scope;
  }

  get url(): URLInfo {
    const s = this.scope;
    const host = new Headers(s.headers).get("host");
    let netloc = host ?? "";
    if (!host && s.server) {
      const [name, port] = s.server;
      netloc = port === DEFAULT_PORTS[s.scheme] ? name : `${name}:${port}`;
    }
    const path = s.root_path + s.path;
    const href = `${s.scheme}://${netloc}${path}${s.query_string ? `?${s.query_string}` : ""}`;
    return { scheme: s.scheme, netloc, path, query: s.query_string, href };
  }

  get headers(): Headers {
    return new Headers(this.scope.headers);
  }

  get queryParams(): QueryParams {
    return parseQuery(this.scope.query_string);
  }

  get pathParams(): Record<string, unknown> {
    return this.scope.path_params ?? {};
  }

  /** The first Cookie header, parsed (Starlette reads only the first). */
  get cookies(): Record<string, string> {
    const header = this.headers.get("cookie");
    return header === null ? {} : parseCookies(header);
  }

  get state(): Record<string, unknown> {
    return this.scope.state;
  }

  get client(): { host: string; port: number } | null {
    return this.scope.client ? { host: this.scope.client[0], port: this.scope.client[1] } : null;
  }
}
