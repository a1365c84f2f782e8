// The page's cluster host (host.ts) booted in Node, for tests: each "Web Worker" is a ClusterNode
// served in-process over a MessageChannel by the worker's own serveNode, so a lesson run in Node
// goes through the same host, wire and transport (web-workers.ts) as in the browser, on the real
// clock. Learner code is evaluated as the sandbox's Node tests evaluate it (evaluate.ts).
import { evaluateModule } from "../sandbox/evaluate.ts";
import { createClusterHost, type ClusterHost, type NodeWorkerLike } from "./host.ts";
import { LEARNER_FILE } from "./node.ts";
import { workerClock, serveNode, type ServedNode } from "./serve-node.ts";
import type { Evaluate } from "./transport.ts";

const evaluate: Evaluate = (code, modules, console) => evaluateModule(code, { filename: LEARNER_FILE, modules, console });

function inProcessNode(served: ServedNode[]): NodeWorkerLike & { close(): void } {
  const ports: MessagePort[] = [];
  return {
    postMessage(message, transfer) {
      const port = transfer[0] as MessagePort;
      if (message.type !== "attach" || !port || ports.length > 0) return;
      ports.push(port);
      served.push(serveNode(port, evaluate, workerClock));
    },
    // A real Worker stops at once; here the port is closed, so nothing more arrives from it.
    terminate() {
      for (const port of ports) port.close();
    },
    close() {
      this.terminate();
    },
  };
}

export interface ClusterTestHost {
  host: ClusterHost;
  close(): Promise<void>;
}

export function createClusterTestHost(): ClusterTestHost {
  const nodes: ReturnType<typeof inProcessNode>[] = [];
  const served: ServedNode[] = [];
  // A Web Worker catches what learner code leaves unhandled (node-worker.ts) and reports it in the
  // run's output; in one process there is no telling whose it was, so the last worker started says it.
  const unhandled = (reason: unknown) => {
    const text = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    served.at(-1)?.report(`Unhandled promise rejection: ${text}`);
  };
  process.on("unhandledRejection", unhandled);
  return {
    host: createClusterHost({
      spawn: () => {
        const node = inProcessNode(served);
        nodes.push(node);
        return node;
      },
    }),
    close: async () => {
      for (const node of nodes) node.close();
      process.off("unhandledRejection", unhandled);
    },
  };
}
