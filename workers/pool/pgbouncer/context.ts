// What every part of the PgBouncer model works on: the clock, the Postgres server behind it and
// how statements run there, the configuration, the pools, every client socket (max_client_conn
// counts them all, admin console included), the trace, and the two ways PgBouncer's event loop
// comes back to its pools — at once after an event (per_loop_maint) and on the janitor's timer.
import type { VirtualClock } from "../../shared/virtual-clock.ts";
import type { Execute } from "../execute.ts";
import type { PgBouncerTraceBody, PgBouncerTraceSink } from "../pgbouncer-trace.ts";
import type { PostgresServer } from "../server.ts";
import type { PgBouncerConfig, PgBouncerCosts } from "./config.ts";
import type { BouncerClient, Pool } from "./pool.ts";

export interface BouncerContext {
  readonly clock: VirtualClock;
  readonly server: PostgresServer;
  readonly execute: Execute;
  readonly config: PgBouncerConfig;
  readonly costs: PgBouncerCosts;
  /** How long a statement a backend session answers itself takes (session.ts). */
  readonly statementMs?: number;
  /** Pools by "database/user". */
  readonly pools: Map<string, Pool>;
  /** The admin console's own pool (database "pgbouncer"): no servers, statement mode. */
  readonly adminPool: Pool;
  readonly clients: Set<BouncerClient>;
  nextId(): number;
  /** Emits a trace event, stamped now or, for one with a duration, at its start `t`. */
  trace(database: string, body: PgBouncerTraceBody, t?: number): void;
  /** Runs per_loop_activate for every pool once the current event is done. */
  scheduleLoop(): void;
  /** Starts the janitor's periodic timer if it has work and is not running. */
  armJanitor(): void;
}

export function traceTo(clock: VirtualClock, sink: PgBouncerTraceSink | undefined) {
  return (database: string, body: PgBouncerTraceBody, t = clock.now()) => sink?.({ t, source: "pgbouncer", database, ...body });
}
