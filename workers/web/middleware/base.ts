// Starlette's BaseHTTPMiddleware (what `app.addMiddleware(dispatch)` installs), with its timing
// kept, because lessons show it: `callNext` starts the app inside as a separate task and
// returns as soon as the status line arrives; the body then streams through a zero-buffer
// channel; the inner app is held after its last body message until this middleware has sent
// the whole response, so request-scoped teardown and background tasks run after the client
// has the response. If `dispatch` raises, the inner app is cancelled and awaited first.
// An error of the inner app raised after the response started is re-raised once the response
// is out; one raised before it is what `callNext` throws.
import type { AsgiMiddleware, Send, SendMessage } from "../app/asgi";
import { Cancelled, exceptionLabel, isCancelled, RuntimeError } from "../app/errors";
import { Request } from "../app/request";
import { Response, StreamingResponse } from "../app/response";
import { tracerOf } from "../app/trace";
import { BrokenResource, Channel } from "./channel";

export type CallNext = (request: Request) => Promise<Response>;
export type Dispatch = (request: Request, callNext: CallNext) => Response | Promise<Response>;

/** Names the layer in trace events about `callNext`. */
export interface LayerInfo {
  layer: string;
  depth: number;
}

export function baseHttpMiddleware(dispatch: Dispatch, info: LayerInfo = { layer: "middleware", depth: 0 }): AsgiMiddleware {
  return (app) => async (scope, receive, send) => {
    const tracer = tracerOf(scope);
    const request = new Request(scope, receive);
    const channel = new Channel<SendMessage>();
    const responseSent = deferred();
    let appError: { error: unknown } | undefined;
    let alreadyRaised = false;
    let inner: Promise<void> | undefined;

    const sendNoError: Send = async (message) => {
      try {
        await channel.send(message);
      } catch (e) {
        if (e instanceof BrokenResource) return; // the middleware answered with another response
        throw e;
      }
      if (message.type === "http.response.body" && !message.more_body) await responseSent.promise;
    };

    const callNext: CallNext = async () => {
      tracer.emit({ kind: "layer.callNext", ...info, phase: "call" });
      inner = (async () => {
        try {
          await app(scope, request.wrappedReceive, sendNoError);
        } catch (e) {
          if (!isCancelled(e)) appError = { error: e };
        } finally {
          channel.closeSend();
        }
      })();
      const first = await channel.receive();
      if (first.done) {
        const error = appError ? appError.error : new RuntimeError("No response returned.");
        alreadyRaised = appError !== undefined;
        tracer.emit({ kind: "layer.callNext", ...info, phase: "return", error: exceptionLabel(error) });
        throw error;
      }
      const start = first.value;
      if (start.type !== "http.response.start") throw new RuntimeError(`Unexpected message: ${start.type}`);
      tracer.emit({ kind: "layer.callNext", ...info, phase: "return", status: start.status });
      return new StreamingResponse(bodyOf(channel), { status: start.status, headers: start.headers });
    };

    try {
      const response = await dispatch(request, callNext);
      if (!(response instanceof Response)) {
        throw new TypeError(`middleware "${info.layer}" returned ${String(response)}, not a Response (did it forget to return callNext(request)?)`);
      }
      await response.asgi(scope, request.wrappedReceive, send);
      responseSent.resolve();
      channel.closeReceive();
    } catch (e) {
      const cancel = new Cancelled();
      responseSent.reject(cancel);
      channel.fail(cancel);
      if (inner) await inner;
      throw e;
    }
    if (inner) await inner;
    if (appError && !alreadyRaised) throw appError.error;
  };
}

async function* bodyOf(channel: Channel<SendMessage>): AsyncGenerator<Uint8Array> {
  for (;;) {
    const next = await channel.receive();
    if (next.done) return;
    const message = next.value;
    if (message.type !== "http.response.body") throw new RuntimeError(`Unexpected message: ${message.type}`);
    if (message.body && message.body.length > 0) yield message.body;
    if (!message.more_body) return;
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {}); // nobody may be waiting when it is cancelled
  return { promise, resolve, reject };
}
