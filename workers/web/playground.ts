// `playground/web` as lesson code imports it: the engine's public API (index.ts), with every
// FastAPI app stamped by the run's clock and reporting to the run's trace, so the lesson's
// visualization sees what the learner's app did without the learner wiring anything.
import * as web from "./index.ts";
import type { WebAppTrace } from "./app/trace.ts";

export interface WebModuleEnv {
  now(): number;
  trace(event: WebAppTrace): void;
}

export function webModule(env: WebModuleEnv): typeof web {
  class FastAPI extends web.FastAPI {
    constructor(options: web.FastAPIOptions = {}) {
      super({ now: env.now, trace: env.trace, ...options });
    }
  }
  return { ...web, FastAPI };
}
