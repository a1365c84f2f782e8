// Starlette's response classes. A response renders its body and its headers when it is built
// (content-length and content-type are appended after the caller's headers, as Starlette does),
// and `asgi()` sends it as two ASGI messages, then runs its background tasks.
import { quote } from "../http/percent";
import { encode, type HttpScope, type RawHeaders, type Receive, type Send } from "./asgi";
import type { BackgroundTasks } from "./background";
import { Headers } from "./headers";
import { jsonDumps } from "./json-dumps";

export interface ResponseInit {
  status?: number;
  headers?: Record<string, string> | RawHeaders;
  mediaType?: string;
  background?: BackgroundTasks;
}

export class Response {
  status: number;
  readonly headers: Headers;
  body: Uint8Array;
  background: BackgroundTasks | undefined;
  readonly mediaType: string | undefined;

  constructor(content?: unknown, init: ResponseInit = {}) {
    this.status = init.status ?? 200;
    this.mediaType = init.mediaType ?? (this.constructor as typeof Response).defaultMediaType;
    this.background = init.background;
    this.body = this.render(content);
    this.headers = new Headers(initHeaders(init.headers));
    this.addEntityHeaders();
  }

  static defaultMediaType: string | undefined = undefined;

  protected render(content: unknown): Uint8Array {
    if (content === undefined || content === null) return new Uint8Array();
    if (content instanceof Uint8Array) return content;
    return encode(String(content));
  }

  private addEntityHeaders(): void {
    const has = (name: string) => this.headers.has(name);
    if (!has("content-length") && !(this.status < 200 || this.status === 204 || this.status === 304)) {
      this.headers.raw.push(["content-length", String(this.body.length)]);
    }
    if (this.mediaType !== undefined && !has("content-type")) {
      const type = this.mediaType.startsWith("text/") && !this.mediaType.toLowerCase().includes("charset=")
        ? `${this.mediaType}; charset=utf-8`
        : this.mediaType;
      this.headers.raw.push(["content-type", type]);
    }
  }

  text(): string {
    return new TextDecoder().decode(this.body);
  }

  async asgi(_scope: HttpScope, _receive: Receive, send: Send): Promise<void> {
    await send({ type: "http.response.start", status: this.status, headers: this.headers.raw });
    await send({ type: "http.response.body", body: this.body, more_body: false });
    if (this.background) await this.background.run();
  }
}

function initHeaders(init: ResponseInit["headers"]): RawHeaders {
  if (Array.isArray(init)) return init.map(([k, v]) => [k.toLowerCase(), v]);
  return Object.entries(init ?? {}).map(([k, v]) => [k.toLowerCase(), v]);
}

export class JSONResponse extends Response {
  static override defaultMediaType: string | undefined = "application/json";

  protected override render(content: unknown): Uint8Array {
    // Compact JSON as Python writes it; a bare `undefined` (Python's None) is `null`.
    return encode(jsonDumps(content));
  }
}

export class PlainTextResponse extends Response {
  static override defaultMediaType: string | undefined = "text/plain";
}

export class HTMLResponse extends Response {
  static override defaultMediaType: string | undefined = "text/html";
}

export class RedirectResponse extends Response {
  constructor(url: string, init: Omit<ResponseInit, "mediaType"> = {}) {
    super(null, { ...init, status: init.status ?? 307 });
    this.headers.set("location", quote(url, ":/%#?=@[]!$&'()*+,;"));
  }
}

export type BodyChunks = AsyncIterable<Uint8Array | string>;

/** A response whose body arrives in chunks; what `callNext` gives a middleware. */
export class StreamingResponse extends Response {
  readonly bodyIterator: BodyChunks;

  constructor(content: BodyChunks, init: ResponseInit = {}) {
    super(null, init);
    // Starlette computes no content-length for a stream.
    if (!init.headers || !new Headers(initHeaders(init.headers)).has("content-length")) {
      this.headers.delete("content-length");
    }
    this.bodyIterator = content;
  }

  override async asgi(_scope: HttpScope, _receive: Receive, send: Send): Promise<void> {
    await send({ type: "http.response.start", status: this.status, headers: this.headers.raw });
    for await (const chunk of this.bodyIterator) {
      await send({ type: "http.response.body", body: typeof chunk === "string" ? encode(chunk) : chunk, more_body: true });
    }
    await send({ type: "http.response.body", body: new Uint8Array(), more_body: false });
    if (this.background) await this.background.run();
  }
}
