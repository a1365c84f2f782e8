// A cluster worker's script, inlined into the cluster host's chunk and started from a blob: URL
// (Vite's `?worker&inline`), as the sandbox is: a blob worker inherits the page's CSP, where a
// worker loaded from a URL would take the policy of its own response — and static hosts send none.
import NodeWorker from "./node-worker?worker&inline";

export function createNodeWorker(name: string): Worker {
  return new NodeWorker({ name });
}
