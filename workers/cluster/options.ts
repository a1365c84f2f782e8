// A cluster's options, checked and with their defaults (Gunicorn's and uvicorn's where they have one).
import type { ClusterOptions } from "./learner-api.ts";

export type Balancer = "round-robin" | "least-connections";

export interface ClusterSettings {
  workers: number;
  balancer: Balancer;
  pingIntervalMs: number | null;
  pingTimeoutMs: number;
  exportName: string;
}

export const MAX_WORKERS = 16;

export function clusterSettings(options: ClusterOptions = {}): ClusterSettings {
  if (typeof options !== "object" || options === null) throw new TypeError("startCluster takes an options object, e.g. { workers: 4 }");
  const { workers = 1, balancer = "round-robin", pingIntervalMs = null, pingTimeoutMs = 1000, exportName = "app" } = options;
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) throw new RangeError(`workers must be a whole number from 1 to ${MAX_WORKERS}, not ${String(workers)}`);
  if (balancer !== "round-robin" && balancer !== "least-connections") throw new RangeError(`balancer must be "round-robin" or "least-connections", not ${JSON.stringify(balancer)}`);
  if (pingIntervalMs !== null && !(typeof pingIntervalMs === "number" && pingIntervalMs > 0 && Number.isFinite(pingIntervalMs)))
    throw new RangeError(`pingIntervalMs must be a number of milliseconds > 0, or null for no heartbeat, not ${String(pingIntervalMs)}`);
  if (!(typeof pingTimeoutMs === "number" && pingTimeoutMs > 0 && Number.isFinite(pingTimeoutMs))) throw new RangeError(`pingTimeoutMs must be a number of milliseconds > 0, not ${String(pingTimeoutMs)}`);
  if (typeof exportName !== "string" || !/^[A-Za-z_$][\w$]*$/.test(exportName)) throw new TypeError(`exportName must name an export of your module, like "app", not ${JSON.stringify(exportName)}`);
  return { workers, balancer, pingIntervalMs, pingTimeoutMs, exportName };
}
