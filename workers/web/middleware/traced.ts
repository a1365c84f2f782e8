// Wraps one layer of the stack so the trace shows the request going in, the status line coming
// out, and the layer finishing (or an error leaving it), each at the injected clock's time.
import type { AsgiMiddleware, Send } from "../app/asgi";
import { exceptionLabel } from "../app/errors";
import { tracerOf, type LayerKind } from "../app/trace";

export function traced(layer: string, layerKind: LayerKind, depth: number): AsgiMiddleware {
  return (app) => async (scope, receive, send) => {
    const tracer = tracerOf(scope);
    tracer.emit({ kind: "layer.enter", layer, layerKind, depth });
    const tracedSend: Send = async (message) => {
      if (message.type === "http.response.start") tracer.emit({ kind: "layer.response", layer, depth, status: message.status });
      await send(message);
    };
    try {
      await app(scope, receive, tracedSend);
    } catch (error) {
      tracer.emit({ kind: "layer.exit", layer, depth, error: exceptionLabel(error) });
      throw error;
    }
    tracer.emit({ kind: "layer.exit", layer, depth });
  };
}
