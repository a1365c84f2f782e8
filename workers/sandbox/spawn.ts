// The sandbox worker's script, inlined into this chunk and started from a blob: URL (Vite's
// `?worker&inline`): a blob worker inherits the page's Content-Security-Policy, where a worker
// loaded from a URL would take the policy of its own response — and static hosts send none.
// Imported lazily, so the page paints before this large chunk arrives.
import SandboxWorker from "./worker?worker&inline";

export function createSandboxWorker(): Worker {
  return new SandboxWorker({ name: "sandbox" });
}
