// Starlette's Request: a read-only view of the ASGI scope plus the body, read once from
// `receive` and kept. `state` is the scope's shared object, so what a middleware puts there the
// endpoint sees.
import { concatBytes, decode, type HttpScope, type Receive, type ReceiveMessage } from "./asgi";
import { parseQuery, type QueryParams } from "../http/query";
import { Headers } from "./headers";

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
    return parseQuery(this.scope.query_string);
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
