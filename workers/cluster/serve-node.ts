// One worker of a cluster served over a MessagePort: what node-worker.ts runs in a real Web Worker
// and what Node tests run in-process (test-host.ts). Every message from the coordinator is read
// through readToNode (wire.ts) and handed to a ClusterNode; a macrotask after each batch it
// answers `idle` with how many it was handed, which is how the browser's transport
// (web-workers.ts) knows nothing is in flight.
import { ClusterNode } from "./node.ts";
import type { Clock, Evaluate } from "./transport.ts";
import { readToNode } from "./read-message.ts";

export interface ServedNode {
  /** Reports an error that escaped learner code (a timer's, an unhandled rejection's) as the worker's console would. */
  report(text: string): void;
}

export function serveNode(port: MessagePort, evaluate: Evaluate, clock: Clock): ServedNode {
  let handled = 0;
  let idleScheduled = false;
  const node = new ClusterNode({ post: (message) => port.postMessage(message), clock, evaluate });
  port.onmessage = (event: MessageEvent) => {
    const message = readToNode(event.data);
    if (!message) return;
    handled++;
    node.handle(message);
    if (idleScheduled) return;
    idleScheduled = true;
    setTimeout(() => {
      idleScheduled = false;
      port.postMessage({ type: "idle", handled });
    }, 0);
  };
  return {
    report: (text) => port.postMessage({ type: "console", level: "error", text }),
  };
}

/** Real time, as a Web Worker has it. */
export const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fire, ms) => setTimeout(fire, ms) as unknown as number,
  clearTimeout: (id) => clearTimeout(id),
};
