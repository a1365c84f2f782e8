// What Postgres keeps in shared memory for all its backends, as the model needs it: the advisory
// lock table and the LISTEN registry. One per server model, found from the server, so every
// session opened on that server — directly or through PgBouncer — sees the same locks and
// listeners.
import type { PostgresServer } from "../server.ts";
import { AdvisoryLocks } from "./locks.ts";
import { NotifyHub } from "./notify.ts";

export interface SharedState {
  locks: AdvisoryLocks;
  notify: NotifyHub;
}

const SHARED = new WeakMap<PostgresServer, SharedState>();

export function sharedState(server: PostgresServer): SharedState {
  let shared = SHARED.get(server);
  if (!shared) SHARED.set(server, (shared = { locks: new AdvisoryLocks(), notify: new NotifyHub() }));
  return shared;
}
