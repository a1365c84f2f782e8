// Defence in depth for the Postgres worker's own global scope, applied before anything else in
// the worker runs (worker.ts imports this module first). The worker hosts a superuser Postgres
// that learner SQL drives, and PGlite fetches files lazily (the auto_explain and pg_trgm
// bundles), so the scope keeps only what that needs:
//  - fetch reaches the site's own files only: URLs of the worker script's own origin, and data:
//    URLs, which reach nothing (Vite inlines small assets such as auto_explain's bundle as data:
//    URLs, so refusing them stopped auto_explain loading);
//  - importScripts, XMLHttpRequest, WebSocket, EventSource, Worker, SharedWorker and WebTransport
//    are gone (PGlite is handed its .wasm compiled, so Emscripten's synchronous XHR loader is
//    never needed).

const DROPPED = ["importScripts", "XMLHttpRequest", "WebSocket", "EventSource", "Worker", "SharedWorker", "WebTransport"];

export interface Scope {
  location: { href: string; origin: string };
  fetch: typeof fetch;
}

export function restrictScope(scope: Scope): void {
  const origin = scope.location.origin;
  const base = scope.location.href;
  const own = scope.fetch.bind(scope);
  const restricted = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let url: URL;
    try {
      url = new URL(input instanceof Request ? input.url : input instanceof URL ? input.href : String(input), base);
    } catch {
      return Promise.reject(new TypeError(`Not a URL: ${String(input).slice(0, 100)}`));
    }
    const ownFile = url.protocol === "data:" || (url.origin === origin && origin !== "null");
    if (!ownFile) {
      return Promise.reject(new TypeError(`The Postgres worker fetches only the site's own files, not ${url.origin}`));
    }
    // The URL as checked, not the input again (whose string form could change between readings).
    return own(input instanceof Request ? input : url, init);
  };
  define(scope, "fetch", restricted);
  for (const name of DROPPED) {
    try {
      delete (scope as unknown as Record<string, unknown>)[name];
    } catch {
      // not configurable: shadowed below
    }
    if (name in scope) define(scope, name, undefined);
  }
}

function define(scope: Scope, name: string, value: unknown): void {
  Object.defineProperty(scope, name, { value, writable: false, configurable: false, enumerable: false });
}

interface WorkerScopeConstructor {
  new (): unknown;
}
const WorkerGlobalScope = (globalThis as { WorkerGlobalScope?: WorkerScopeConstructor }).WorkerGlobalScope;
if (WorkerGlobalScope && globalThis instanceof WorkerGlobalScope) restrictScope(globalThis as unknown as Scope);
