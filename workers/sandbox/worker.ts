// Hosts the sandbox runner in a Web Worker started from a blob: URL, so the page's
// Content-Security-Policy binds it too (connect-src 'self': no network for learner code).
import * as Comlink from "comlink";
import type { ConsoleBatch } from "./console-capture";
import { PLAYGROUND_MODULES } from "./registry";
import { listChecks, runLesson } from "./runner";

const realFetch = globalThis.fetch.bind(globalThis);
globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  try {
    return await realFetch(input, init);
  } catch (e) {
    const url = input instanceof Request ? input.url : String(input);
    throw new TypeError(`${(e as Error).message} (${url}): lesson code cannot reach the network; the playground's Content-Security-Policy allows connections to the site itself only`, { cause: e });
  }
};

// An error thrown later by a learner's timer or promise belongs in the learner's output, not in a
// crash of the sandbox.
self.addEventListener("error", (event) => {
  event.preventDefault();
  console.error(event.error ?? event.message);
});
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  console.error("Unhandled promise rejection:", event.reason);
});

const api = {
  ping: () => true,
  listChecks: (checksSource: string) => listChecks(checksSource, PLAYGROUND_MODULES),
  run: (request: { code: string; checks: string; ports?: Record<string, MessagePort> }, onConsole: (batch: ConsoleBatch) => void) =>
    runLesson(request, {
      ports: request.ports,
      now: () => performance.now(),
      modules: PLAYGROUND_MODULES,
      onConsole,
      // Timers the learner starts write through the global console, so point it at the capture too.
      onConsoleReady: (capture) => {
        globalThis.console = capture;
      },
    }),
};

export type SandboxApi = typeof api;
Comlink.expose(api);
