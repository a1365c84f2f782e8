// A PgBouncer 1.18 in front of the Postgres server model, on the virtual clock (issue 16, part 4).
// Its server connections are real backends of that server (so max_connections and role limits
// bind them), each with its own session state, which transaction pooling hands from client to
// client; clients reach it through `connect` (wire.ts), as a node-postgres Client would
// (client.ts). The rules are PgBouncer's own, module by module: client.c (client-side.ts),
// server.c (server-side.ts), objects.c (objects.ts), janitor.c (janitor.ts), admin.c (admin.ts).
import type { VirtualClock } from "../../shared/virtual-clock.ts";
import type { Execute } from "../execute.ts";
import type { PgBouncerTraceSink } from "../pgbouncer-trace.ts";
import type { PostgresServer } from "../server.ts";
import type { Connect } from "../wire.ts";
import { adminQuery } from "./admin.ts";
import { acceptClient } from "./client-side.ts";
import { DEFAULT_COSTS, DEFAULTS, type PgBouncerConfig, type PgBouncerCosts } from "./config.ts";
import { traceTo, type BouncerContext } from "./context.ts";
import { Janitor } from "./janitor.ts";
import { perLoopActivate } from "./objects.ts";
import { Pool } from "./pool.ts";

export type { PgBouncerConfig, PoolMode } from "./config.ts";

export interface PgBouncerOptions {
  clock: VirtualClock;
  /** The Postgres it pools connections to. */
  server: PostgresServer;
  /** How a plain statement runs on a server connection (the real engine, or a stand-in). */
  execute: Execute;
  config?: Partial<PgBouncerConfig>;
  costs?: Partial<PgBouncerCosts>;
  /** How long a statement a backend answers itself (SET, SHOW, BEGIN, …) takes, in ms. */
  statementMs?: number;
  trace?: PgBouncerTraceSink;
}

export class PgBouncer {
  /** Opens a client connection to PgBouncer (database "pgbouncer" is the admin console). */
  readonly connect: Connect;
  private readonly ctx: BouncerContext;

  constructor(options: PgBouncerOptions) {
    const { clock } = options;
    const config = { ...DEFAULTS, ...options.config };
    let ids = 0;
    let loopScheduled = false;
    const pools = new Map<string, Pool>();
    const ctx: BouncerContext = {
      clock,
      server: options.server,
      execute: options.execute,
      config,
      costs: { ...DEFAULT_COSTS, ...options.costs },
      statementMs: options.statementMs,
      pools,
      adminPool: new Pool("pgbouncer", "pgbouncer", "pgbouncer", "statement", 0, false),
      clients: new Set(),
      nextId: () => ++ids,
      trace: traceTo(clock, options.trace),
      // per_loop_maint: once the event being handled is done, every pool looks at its queue.
      scheduleLoop: () => {
        if (loopScheduled) return;
        loopScheduled = true;
        clock.setTimeout(() => {
          loopScheduled = false;
          for (const pool of [...pools.values()]) perLoopActivate(ctx, pool);
        }, 0);
      },
      armJanitor: () => janitor.arm(),
    };
    const janitor = new Janitor(ctx, clock.now());
    this.ctx = ctx;
    this.connect = (params, events) => acceptClient(ctx, params, events);
  }

  /** An admin console command read directly (tests, views): rows as node-postgres gives them. */
  admin(sql: string): Record<string, unknown>[] {
    const reply = adminQuery(this.ctx, sql);
    if (reply.error) throw new Error(reply.error.message);
    return reply.results[0].rows;
  }
}
