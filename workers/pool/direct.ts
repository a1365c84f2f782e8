// A client connected straight to the Postgres server model, no pooler between: the backend's
// session (session.ts) is the far end of the Client's wire. A refused connection is the FATAL
// Postgres sent, then the socket closing, as node-postgres sees it.
import type { VirtualClock } from "../shared/virtual-clock.ts";
import type { Execute } from "./execute.ts";
import type { PostgresServer } from "./server.ts";
import { PostgresSession } from "./session.ts";
import type { Connect } from "./wire.ts";

export interface DirectOptions {
  clock: VirtualClock;
  server: PostgresServer;
  execute: Execute;
  superuser?: boolean;
  statementMs?: number;
}

export function directConnect(options: DirectOptions): Connect {
  const { clock, server, execute } = options;
  return ({ database, user, ...startup }, events) => {
    let session: PostgresSession | null = null;
    let left = false;
    const attempt = server.connect({ role: user, database, superuser: options.superuser }, (r) => {
      if ("error" in r) {
        events.error(r.error);
        return events.closed();
      }
      if (left) return server.close(r.backend);
      session = new PostgresSession({ clock, server, backend: r.backend, execute, events, startup, statementMs: options.statementMs });
      events.ready({ processId: r.backend.pid, parameters: Object.fromEntries(session.settings.reported()) });
    });
    return {
      query: (message) => session?.query(message),
      terminate: () => {
        left = true;
        if (session) return session.terminate();
        attempt.abort();
        events.closed();
      },
    };
  };
}
