// Trace events of the pool engine (docs/architecture.md, "The trace and the playhead"): plain data
// stamped with the simulation's virtual clock (the run's clock in a lesson). A visualization of
// connections opening, callers queueing and the server's slots filling renders from these alone;
// `summarize()` (summary.ts) reads them too.
//
// Names: `pool` numbers the pools of a run (1, 2, …), `client` the node-postgres clients of a run
// across all its pools (1, 2, …, in the order they started connecting), `pid` the server backend,
// `request` a caller's request (callers.ts).

interface PoolTraceBase {
  /** Virtual milliseconds since the simulation started (in a lesson, from where it sits on the run's axis). */
  t: number;
  source: "pool";
  /** Which simulation of the run (playground.ts numbers them), when there are several. */
  sim?: number;
}

/** A step of opening a connection (server.ts's ConnectionCosts), its cost in ms. */
export type OpenStep = "tcp" | "backendStart" | "tls" | "auth";

/** An error as node-postgres gives it: the SQLSTATE and severity only when the server sent it. */
export interface TraceError {
  message: string;
  code?: string;
  severity?: string;
}

export type PoolTraceBody =
  /** The simulated server's limits, first in a run's trace (cores: null when statements do not share them). */
  | { kind: "server"; maxConnections: number; superuserReservedConnections: number; cores: number | null }
  /** One step of opening a connection began; `connections` = server slots in use at that moment. */
  | { kind: "open.step"; client: number | null; pid: number | null; step: OpenStep; ms: number; connections: number }
  /** The server let the connection in: the backend is ready after `costMs` in all. */
  | { kind: "opened"; client: number | null; pid: number; costMs: number; connections: number }
  /** The server refused the connection (max_connections, reserved slots, a CONNECTION LIMIT). */
  | { kind: "refused"; client: number | null; error: TraceError; connections: number }
  /** A backend exited and gave its slot back (`terminated`: the server ended it itself). */
  | { kind: "closed"; pid: number; connections: number; terminated?: TraceError }
  /** A pool.connect() / pool.query() could not be served at once: it joined the FIFO queue. */
  | { kind: "wait"; pool: number; waiting: number }
  /** A caller got a client: a fresh connection or an idle one, `waitedMs` after asking. */
  | { kind: "acquire"; pool: number; client: number; waitedMs: number; fresh: boolean }
  /** client.release(err?): `destroy` when the client is removed rather than kept idle. */
  | { kind: "release"; pool: number; client: number; error?: string; destroy: boolean }
  /** The pool dropped a client (its connection is closed). */
  | { kind: "remove"; pool: number; client: number; why: RemoveReason }
  /** Something failed: a caller's acquire or connect, or an idle client's connection. */
  | { kind: "error"; pool: number; client?: number; what: PoolErrorKind; error: TraceError }
  /** A statement began on a connection (after any statements queued before it on that client). */
  | { kind: "query.start"; client: number; pid: number; sql: string }
  /** …and ended, `ms` of the clock later (the measured time, at least the floor). */
  | { kind: "query.end"; client: number; pid: number; ms: number; ok: boolean; rowCount?: number | null; error?: TraceError }
  /** A caller's request (callers.ts) began… */
  | { kind: "request.start"; request: number; caller: "web" | "serverless" }
  /** …and ended: served (`ok`) or failed, `ms` after it began. */
  | { kind: "request.end"; request: number; caller: "web" | "serverless"; ok: boolean; ms: number; error?: string };

export type RemoveReason = "released-with-error" | "broken" | "max-uses" | "idle-timeout" | "end" | "idle-error";

export type PoolErrorKind =
  /** connectionTimeoutMillis passed while queued for a client. */
  | "acquire-timeout"
  /** Opening the connection failed: refused, or connectionTimeoutMillis passed while opening. */
  | "connect-failed"
  /** An idle client's connection failed; the pool emitted 'error'. */
  | "idle-client"
  /** connect(), query() or end() after end(). */
  | "ended";

export type PoolTrace = PoolTraceBase & PoolTraceBody;

export type PoolTraceSink = (event: PoolTrace) => void;
