// Starlette's Request: a read-only view of the ASGI scope plus the body, read once from
// `receive` and kept. `state` is the scope's shared object, so what a middleware puts there the
// endpoint sees.
import { concatBytes, decode, type HttpScope, type Receive, type ReceiveMessage } from "./asgi";
import { unquotePlus } from "../http/percent";
import { Headers } from "./headers";

export class QueryParams {
  readonly items: [string, string][];

  constructor(queryString: string) {
    this.items = parseQueryString(queryString);
  }

  /** The last value of a repeated key, as Starlette's QueryParams gives it. */
  get(key: string): string | null {
    for (let i = this.items.length - 1; i >= 0; i--) if (this.items[i][0] === key) return this.items[i][1];
    return null;
  }

  getAll(key: string): string[] {
    return this.items.filter(([k]) => k === key).map(([, v]) => v);
  }

  has(key: string): boolean {
    return this.items.some(([k]) => k === key);
  }

  keys(): string[] {
    return [...new Set(this.items.map(([k]) => k))];
  }
}

/** Python's parse_qsl(keep_blank_values=True), which Starlette's QueryParams uses. */
export function parseQueryString(query: string): [string, string][] {
  const out: [string, string][] = [];
  for (const piece of query.split("&")) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    const key = eq < 0 ? piece : piece.slice(0, eq);
    const value = eq < 0 ? "" : piece.slice(eq + 1);
    out.push([unquotePlus(key), unquotePlus(value)]);
  }
  return out;
}

export interface URLInfo {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
  href: string;
}

export class Request {
  readonly scope: HttpScope;
  readonly #receive: Receive;
  #body: Uint8Array | undefined;

  constructor(scope: HttpScope, receive?: Receive) {
    this.scope = scope;
    this.#receive = receive ?? (async () => ({ type: "http.disconnect" }));
  }

  get method(): string {
    return this.scope.method;
  }

  get url(): URLInfo {
    const s = this.scope;
    const host = new Headers(s.headers).get("host");
    let netloc = host ?? "";
    if (!host && s.server) {
      const [name, port] = s.server;
      const defaultPort = s.scheme === "https" ? 443 : 80;
      netloc = port === defaultPort ? name : `${name}:${port}`;
    }
    const path = s.root_path + s.path;
    const href = `${s.scheme}://${netloc}${path}${s.query_string ? `?${s.query_string}` : ""}`;
    return { scheme: s.scheme, netloc, path, query: s.query_string, href };
  }

  get headers(): Headers {
    return new Headers(this.scope.headers);
  }

  get queryParams(): QueryParams {
    return new QueryParams(this.scope.query_string);
  }

  get pathParams(): Record<string, unknown> {
    return this.scope.path_params ?? {};
  }

  get state(): Record<string, unknown> {
    return this.scope.state;
  }

  get client(): { host: string; port: number } | null {
    return this.scope.client ? { host: this.scope.client[0], port: this.scope.client[1] } : null;
  }

  async body(): Promise<Uint8Array> {
    if (this.#body === undefined) {
      const chunks: Uint8Array[] = [];
      for (;;) {
        const message = await this.#receive();
        if (message.type !== "http.request") break;
        chunks.push(message.body);
        if (!message.more_body) break;
      }
      this.#body = concatBytes(chunks);
    }
    return this.#body;
  }

  async text(): Promise<string> {
    return decode(await this.body());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  /** What the app inside a middleware receives: the body again if this request already read it. */
  readonly wrappedReceive: Receive = async (): Promise<ReceiveMessage> => {
    if (this.#body === undefined) return this.#receive();
    if (this.#replayed) return { type: "http.disconnect" };
    this.#replayed = true;
    return { type: "http.request", body: this.#body, more_body: false };
  };

  #replayed = false;
}
