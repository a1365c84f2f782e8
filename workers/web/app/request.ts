// Starlette's Request: the connection's view of the ASGI scope (connection.ts) plus the method
// and the body, read once from `receive` and kept. `state` is the scope's shared object, so what
// a middleware puts there the endpoint sees.
import { concatBytes, decode, type HttpScope, type Receive, type ReceiveMessage } from "./asgi";
import { HTTPConnection } from "./connection";
import { loadsBytes } from "../http/python-json";

export type { URLInfo } from "./connection";

export class Request extends HTTPConnection<HttpScope> {
  readonly #receive: Receive;
  #body: Uint8Array | undefined;

  constructor(scope: HttpScope, receive?: Receive) {
    super(scope);
    this.#receive = receive ?? (async () => ({ type: "http.disconnect" }));
  }

  get method(): string {
    return this.scope.method;
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

  /** Starlette's json.loads of the body: Python's reading of JSON (NaN accepted), its errors (JSONDecodeError). */
  async json(): Promise<unknown> {
    return loadsBytes(await this.body());
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
