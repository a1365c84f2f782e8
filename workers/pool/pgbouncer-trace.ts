// Trace events of the PgBouncer model (docs/architecture.md, "The trace and the playhead"): plain
// data stamped with the virtual clock's ms, `source: "pgbouncer"`. Each event that changes a
// pool carries the pool's counts afterwards, as SHOW POOLS would give them, so a view can draw
// the pool at any moment from the events alone. Clients and servers are numbered by PgBouncer
// (one sequence for both); `pid` is the Postgres backend behind a server.

/** SHOW POOLS's counts for the pool after the event. */
export interface PoolCounts {
  clActive: number;
  clWaiting: number;
  svActive: number;
  svIdle: number;
  svUsed: number;
  svTested: number;
  svLogin: number;
}

interface PgBouncerTraceBase {
  t: number;
  source: "pgbouncer";
  /** Which simulation of the run (playground.ts numbers them), when there are several. */
  sim?: number;
  /** The pooled database the event is about. */
  database: string;
}

export type PgBouncerTraceBody =
  /** A client logged in (PgBouncer sent its welcome). */
  | { kind: "client.login"; client: number; user: string; pool: PoolCounts }
  /** A client was refused at login (max_client_conn, no such database, the server's refusal…). */
  | { kind: "client.refused"; client: number; message: string }
  /** A client's query found no free server: it waits in the pool's queue. */
  | { kind: "client.wait"; client: number; pool: PoolCounts }
  /** A client's connection ended: it left (`error` absent), or PgBouncer closed it with `error`. */
  | { kind: "client.close"; client: number; reason: string; error?: string; pool: PoolCounts }
  /** PgBouncer dropped a waiting client (query_wait_timeout), `waitedMs` after it asked. */
  | { kind: "query_wait_timeout"; client: number; waitedMs: number }
  /** A new server connection is being opened (only one at a time per pool). */
  | { kind: "server.open"; server: number; pool: PoolCounts }
  /** It logged in: a Postgres backend, `pid`. */
  | { kind: "server.login"; server: number; pid: number; pool: PoolCounts }
  /** Postgres refused it; PgBouncer logs this and does not retry for server_login_retry. */
  | { kind: "server.login_failed"; server: number; message: string; pool: PoolCounts }
  /** A client got a server (acquire); `setVars` is the SET PgBouncer sent first to carry tracked settings. */
  | { kind: "server.link"; client: number; server: number; pid: number; waitedMs: number; setVars?: string; pool: PoolCounts }
  /** The client gave its server back (release): to the idle list, or to be reset first. */
  | { kind: "server.unlink"; client: number; server: number; pid: number; to: "idle" | "tested"; pool: PoolCounts }
  /** PgBouncer ran its own query on an unlinked server: server_reset_query or server_check_query. */
  | { kind: "server.reset"; server: number; pid: number; query: string }
  /** A server connection closed (remove), and why. */
  | { kind: "server.close"; server: number; pid: number | null; reason: string; pool: PoolCounts }
  /** A client's query on a server, stamped with its start; `ms` until its reply. */
  | { kind: "query"; client: number; server: number; pid: number; sql: string; ms: number; error?: string }
  /** A notification reached a server no client held: PgBouncer dropped it. */
  | { kind: "notification.dropped"; server: number; pid: number; channel: string };

export type PgBouncerTrace = PgBouncerTraceBase & PgBouncerTraceBody;

export type PgBouncerTraceSink = (event: PgBouncerTrace) => void;
