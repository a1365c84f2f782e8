// One worker of a learner's cluster, in a real Web Worker the page's cluster host starts from a
// blob: URL (spawn-node.ts), so the page's Content-Security-Policy binds it as it binds the
// sandbox. It locks the realm down as the sandbox does (worker.ts there: the engines are evaluated
// first, then lockdown; its modules hardened), waits for the port to the run's coordinator, and serves a ClusterNode on
// it; the learner's module is evaluated inside a Compartment (compartment.ts).
import "ses";
import { compartmentEvaluator, hardenedModules, lockRealm } from "../sandbox/compartment";
import { LEARNER_FILE } from "./node.ts";
import { workerClock, serveNode, type ServedNode } from "./serve-node.ts";
import type { Evaluate } from "./transport.ts";

lockRealm();

const inCompartment = compartmentEvaluator();
// Its playground modules hardened as the sandbox's are, so learner code cannot change them under the worker.
const evaluate: Evaluate = (code, modules, console) => inCompartment(code, { filename: LEARNER_FILE, modules: hardenedModules(modules), console });

let served: ServedNode | null = null;

// An error thrown later by a learner's timer or promise belongs in the run's output, not in a crash.
self.addEventListener("error", (event) => {
  event.preventDefault();
  served?.report(`Error in worker: ${String(event.message)}`);
});
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  const reason = event.reason instanceof Error ? `${event.reason.name}: ${event.reason.message}` : String(event.reason);
  served?.report(`Unhandled promise rejection: ${reason}`);
});

self.addEventListener("message", (event: MessageEvent) => {
  // One coordinator per worker: the first attach wins, anything else is dropped.
  if (served || (event.data as { type?: unknown } | null)?.type !== "attach" || event.ports.length !== 1) return;
  served = serveNode(event.ports[0], evaluate, workerClock);
});
