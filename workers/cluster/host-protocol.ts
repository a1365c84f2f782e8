// What a run's sandbox and the page's cluster host (host.ts) say to each other over the run's
// `cluster` port: the sandbox asks for workers and ends them; the host starts each as a real Web
// Worker and hands back a port straight to it, so the page is never on the path of a frame. Each
// side reads the other through these validators (docs/architecture.md, "The boundary").
//
// `node` numbers the Web Workers one run started (1, 2, …, restarts and later clusters included);
// `worker` is the number it has in its cluster (1 … 16), which the page shows.
import { MAX_WORKERS } from "./options.ts";

/** The most workers one run may start, restarts included: a loop of restarts ends here. */
export const MAX_SPAWNS_PER_RUN = 64;

/** Sandbox → host. */
export type ToHost = { type: "spawn"; node: number; worker: number } | { type: "kill"; node: number };

/** Host → sandbox. `spawned` carries the worker's port in its transfer list. */
export type FromHost =
  | { type: "spawned"; node: number }
  | { type: "spawn-failed"; node: number; message: string }
  /** The learner killed the worker from the page (its clients will see 1006). */
  | { type: "killed"; node: number }
  /** The learner asked from the page for the worker to be started afresh (the coordinator does it). */
  | { type: "restart"; node: number };

const isNode = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_SPAWNS_PER_RUN;
const isWorker = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_WORKERS;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function readToHost(data: unknown): ToHost | null {
  if (!isRecord(data) || !isNode(data.node)) return null;
  if (data.type === "spawn") return isWorker(data.worker) ? { type: "spawn", node: data.node, worker: data.worker } : null;
  return data.type === "kill" ? { type: "kill", node: data.node } : null;
}

export function readFromHost(data: unknown, ports: readonly MessagePort[]): FromHost | null {
  if (!isRecord(data) || !isNode(data.node)) return null;
  switch (data.type) {
    case "spawned":
      return ports.length === 1 ? { type: "spawned", node: data.node } : null;
    case "spawn-failed":
      return typeof data.message === "string" && data.message.length <= 2000 ? { type: "spawn-failed", node: data.node, message: data.message } : null;
    case "killed":
    case "restart":
      return { type: data.type, node: data.node };
    default:
      return null;
  }
}
