// Hosts the sandbox runner in a Web Worker started from a blob: URL, so the page's
// Content-Security-Policy binds it too (connect-src 'self'). Thin on purpose: it locks the realm
// down, then turns the page's requests (protocol.ts) into runner calls and posts plain answers.
// One worker serves at most one run; the page ends it when the run ends.
//
// Order matters. The engines, chai and sucrase are imported (evaluated) first; then `lockdown()`
// freezes every intrinsic, and the host objects this script relies on are captured or frozen.
// Learner code runs later, inside a Compartment (compartment.ts), where none of this is reachable.
import "ses";
import type { ConsoleBatch } from "./console-capture";
import type { TraceBatch } from "./trace-stream";
import { compartmentEvaluator, lockRealm } from "./compartment";
import { readSandboxRequest, type SandboxMessage } from "./protocol";
import { PLAYGROUND_MODULES } from "./registry";
import { describe, listChecks, runLesson } from "./runner";

// Captured before anything else runs: nothing later can swap the way out.
const post = self.postMessage.bind(self) as (message: SandboxMessage) => void;

lockRealm();

// An error thrown later by a learner's timer or promise belongs in the learner's output, not in a
// crash of the sandbox.
let report: (...args: unknown[]) => void = () => {};
self.addEventListener("error", (event) => {
  event.preventDefault();
  report(event.error ?? event.message);
});
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  report("Unhandled promise rejection:", event.reason);
});

/** Messages carry only what the page can read; a trace event holding a value the learner made that cannot be cloned is copied as plain data. */
function send(message: SandboxMessage): void {
  try {
    post(message);
  } catch {
    if (message.type !== "trace") throw new Error("could not send a message to the page");
    post({ ...message, batch: { ...message.batch, events: JSON.parse(safeJson(message.batch.events)) as typeof message.batch.events } });
  }
}

/** JSON of plain data, dropping what cannot be read (functions, throwing getters, cycles). */
function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === "bigint") return `${v}n`;
      if (typeof v === "object" && v !== null) {
        if (seen.has(v)) return "[Circular]";
        seen.add(v);
      }
      return v;
    }) ?? "[]";
  } catch {
    return "[]";
  }
}

let busy = false;

self.addEventListener("message", (event: MessageEvent) => {
  const request = readSandboxRequest(event.data, event.ports);
  if (!request) return;
  if (request.type === "list") {
    listChecks(request.checks, PLAYGROUND_MODULES).then(
      (infos) => send({ type: "checks", id: request.id, infos }),
      (e: unknown) => send({ type: "failed", id: request.id, message: describe(e).message }),
    );
    return;
  }
  // One run per worker: a second request would share the first one's realm.
  if (busy) return;
  busy = true;
  const ports = Object.fromEntries(request.portNames.map((name, i) => [name, event.ports[i]]));
  const onConsole = (batch: ConsoleBatch) => send({ type: "console", id: request.id, batch });
  const onTrace = (batch: TraceBatch) => send({ type: "trace", id: request.id, batch });
  runLesson(
    { code: request.code, checks: request.checks, inject: request.inject },
    {
      ports,
      now: () => performance.now(),
      modules: PLAYGROUND_MODULES,
      onConsole,
      onTrace,
      onConsoleReady: (capture) => {
        report = (...args) => capture.error(...args);
      },
      evaluateLearner: compartmentEvaluator(),
      protect: harden,
    },
  ).then(
    (result) => send({ type: "result", id: request.id, result }),
    (e: unknown) => send({ type: "failed", id: request.id, message: describe(e).message }),
  );
});

send({ type: "ready" });
