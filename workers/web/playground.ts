// `playground/web` as lesson code imports it: the engine's public API (index.ts), with every
// FastAPI app stamped by the run's clock and reporting to the run's trace, so the lesson's
// visualization sees what the learner's app did without the learner wiring anything. The
// routing observer adds what the routing lesson draws (playground-routing.ts).
import * as web from "./index.ts";
import type { WebAppTrace } from "./app/trace.ts";
import { routingObserver, type RoutingTrace } from "./playground-routing.ts";
import { formatArgs } from "../sandbox/console-capture.ts";

export interface WebModuleEnv {
  now(): number;
  trace(event: WebAppTrace | RoutingTrace): void;
  /** The run's console: where a TestClient that does not re-raise logs what escaped the app. */
  log?(level: "log" | "info" | "warn" | "error", text: string): void;
}

export function webModule(env: WebModuleEnv): typeof web {
  const routing = routingObserver(env);

  class FastAPI extends web.FastAPI {
    constructor(options: web.FastAPIOptions = {}) {
      // The sink exists before `this` does; it learns its app right after super().
      const self: { app?: web.FastAPI } = {};
      const trace = (event: WebAppTrace) => {
        env.trace(event);
        if (event.kind === "request" && self.app) routing.served(self.app, event);
      };
      super({ now: env.now, trace, ...options });
      self.app = this;
    }
  }

  class TestClient extends web.TestClient {
    override raw(text: string): Promise<web.RawResponse> {
      routing.parsed(text);
      return super.raw(text);
    }

    // With raiseServerExceptions: false the client plays the server's part, and uvicorn logs an
    // exception that escaped the app (after the response, too: a failed after-response task).
    protected override serverError(error: unknown): void {
      env.log?.("error", `Exception in ASGI application\n${formatArgs([error])}`);
    }
  }

  return { ...web, FastAPI, TestClient };
}
