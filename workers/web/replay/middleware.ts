// Rebuilds one case of middleware.json as a playground app (its `schema` field describes the
// format): http middleware (BaseHTTPMiddleware dispatch functions) and pure ASGI middleware,
// in the order they were added, around one route.
import { FastAPI } from "../app/app";
import type { AsgiMiddleware, Send } from "../app/asgi";
import type { Response } from "../app/response";
import { Depends, type DependencyFn, type RequestContext } from "../di/depends";
import type { Dispatch } from "../middleware/base";
import { expectKnown, installHandlers, label, makeError, recordedResponse, type HandlerSpec } from "./common";

interface Respond {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Before = "pass" | { respond: Respond } | { raise: string } | { set_state: [string, string] } | { set_request_header: [string, string] };
type After = "pass" | { set_header: [string, string] } | { replace_status: number } | { raise: string } | { respond: Respond };

interface MiddlewareSpec {
  name: string;
  kind: "http" | "asgi";
  before: Before;
  after: After;
  catch: Respond | null;
}

export interface MiddlewareCase {
  name: string;
  middleware: MiddlewareSpec[];
  route: { methods: string[]; path: string };
  endpoint: "ok" | "ok_gen" | "ok_bg" | "query_int" | { raise: string };
  exception_handlers?: Record<string, HandlerSpec>;
  request: { method: string; path: string; headers?: Record<string, string> };
  expect: { status: number; headers: Record<string, string>; body: unknown; events: string[] };
}

function httpMiddleware(m: MiddlewareSpec, events: string[]): Dispatch {
  return async (request, callNext) => {
    events.push(`in:${m.name}`);
    const before = m.before;
    if (before !== "pass") {
      if ("respond" in before) {
        events.push(`respond:${m.name}`);
        return recordedResponse(before.respond);
      }
      if ("raise" in before) throw makeError(before.raise, m.name);
      if ("set_state" in before) request.state[before.set_state[0]] = before.set_state[1];
    }
    let response: Response;
    try {
      response = await callNext(request);
    } catch (error) {
      events.push(`raised:${m.name}:${label(error)}`);
      if (!m.catch) throw error;
      events.push(`caught:${m.name}`);
      return recordedResponse(m.catch);
    }
    events.push(`out:${m.name}:${response.status}`);
    const after = m.after;
    if (after !== "pass") {
      if ("set_header" in after) response.headers.set(after.set_header[0], after.set_header[1]);
      if ("replace_status" in after) response.status = after.replace_status;
      if ("raise" in after) throw makeError(after.raise, m.name);
      if ("respond" in after) return recordedResponse(after.respond);
    }
    return response;
  };
}

function asgiMiddleware(m: MiddlewareSpec, events: string[]): AsgiMiddleware {
  return (app) => async (scope, receive, send) => {
    events.push(`in:${m.name}`);
    const before = m.before;
    if (before !== "pass") {
      if ("respond" in before) {
        events.push(`respond:${m.name}`);
        return recordedResponse(before.respond).asgi(scope, receive, send);
      }
      if ("raise" in before) throw makeError(before.raise, m.name);
      if ("set_state" in before) scope.state[before.set_state[0]] = before.set_state[1];
      if ("set_request_header" in before) scope.headers.push([before.set_request_header[0], before.set_request_header[1]]);
    }
    let started = false;
    const wrappedSend: Send = async (message) => {
      if (message.type === "http.response.start") {
        events.push(`start:${m.name}:${message.status}`);
        const after = m.after;
        if (after !== "pass") {
          if ("set_header" in after) message.headers.push([after.set_header[0], after.set_header[1]]);
          if ("replace_status" in after) message.status = after.replace_status;
          if ("raise" in after) throw makeError(after.raise, m.name);
        }
        started = true;
      }
      await send(message);
    };
    try {
      await app(scope, receive, wrappedSend);
    } catch (error) {
      events.push(`raised:${m.name}:${label(error)}`);
      if (!m.catch || started) throw error;
      events.push(`caught:${m.name}`);
      return recordedResponse(m.catch).asgi(scope, receive, send);
    }
    events.push(`out:${m.name}`);
  };
}

function named<F extends object>(fn: F, name: string): F {
  Object.defineProperty(fn, "name", { value: name });
  return fn;
}

export function buildMiddlewareApp(c: MiddlewareCase, events: string[]): FastAPI {
  expectKnown("case field", c, ["name", "description", "middleware", "endpoint", "route", "exception_handlers", "request", "expect"]);
  expectKnown("request field", c.request, ["method", "path", "headers"]);
  const app = new FastAPI();
  for (const m of c.middleware) {
    expectKnown("middleware kind", m.kind, ["http", "asgi"]);
    expectKnown("before", m.before, ["pass", "respond", "raise", "set_state", ...(m.kind === "asgi" ? ["set_request_header"] : [])]);
    expectKnown("after", m.after, ["pass", "set_header", "replace_status", "raise", ...(m.kind === "http" ? ["respond"] : [])]);
    if (m.kind === "http") app.addMiddleware(httpMiddleware(m, events), { name: m.name });
    else app.addAsgiMiddleware(asgiMiddleware(m, events), { name: m.name });
  }
  installHandlers(app, c.exception_handlers, events);

  const stateKeys = c.middleware.flatMap((m) => (m.before !== "pass" && "set_state" in m.before ? [m.before.set_state[0]] : []));
  const headerNames = c.middleware.flatMap((m) =>
    m.before !== "pass" && "set_request_header" in m.before ? [m.before.set_request_header[0]] : [],
  );
  const ep = c.endpoint;
  expectKnown("endpoint", ep, ["ok", "ok_gen", "ok_bg", "query_int", "raise"]);
  const methods = c.route.methods;
  const add = (fn: (params: Record<string, unknown>, ctx: RequestContext) => unknown, options = {}) =>
    app.addApiRoute(c.route.path, named(fn, "endpoint") as DependencyFn, { methods, ...options });

  if (ep === "ok") {
    add((_params, { request }) => {
      events.push("endpoint");
      if (stateKeys.length === 0 && headerNames.length === 0) return { ok: true };
      return {
        ok: true,
        state: Object.fromEntries(stateKeys.map((k) => [k, request.state[k] ?? null])),
        headers: Object.fromEntries(headerNames.map((h) => [h, request.headers.get(h)])),
      };
    });
  } else if (ep === "ok_gen") {
    const g = named(async function* () {
      events.push("enter:g");
      yield "g";
      events.push("exit:g");
    }, "g");
    add(() => {
      events.push("endpoint");
      return { ok: true };
    }, { deps: { g: Depends(g) } });
  } else if (ep === "ok_bg") {
    add((_params, { background }) => {
      events.push("endpoint");
      background.addTask(named(() => void events.push("bg:t1"), "t1"));
      background.addTask(named(() => void events.push("bg:t2"), "t2"));
      return { ok: true };
    });
  } else if (ep === "query_int") {
    add(({ q }) => {
      events.push("endpoint");
      return { q };
    }, { query: { q: { type: "int" } } });
  } else {
    add(() => {
      events.push("endpoint");
      throw makeError(ep.raise, "endpoint");
    });
  }
  return app;
}
