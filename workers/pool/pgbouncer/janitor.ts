// PgBouncer's periodic maintenance (janitor.c), three times a second: the timeouts are checked
// here and only here, so a client waiting past query_wait_timeout is dropped at the next tick
// after it — up to a third of a second late. Ticks fall on multiples of the period since
// PgBouncer started. The real janitor never stops; on a virtual clock a timer that never stops
// would keep every "run until nothing is left" going forever, so this one ticks only while some
// timeout can still fire (waiting clients, servers logging in or idle), which changes no outcome.
import type { BouncerContext } from "./context.ts";
import { disconnectClient, disconnectServer, lifeOver } from "./objects.ts";
import type { BouncerServer, Pool } from "./pool.ts";

const PERIOD_MS = 1000 / 3;

export class Janitor {
  private timer: number | undefined;
  /** The number of the next tick: tick n falls at startedAt + n periods. */
  private next = 1;

  constructor(private readonly ctx: BouncerContext, private readonly startedAt: number) {}

  arm(): void {
    if (this.timer !== undefined || !this.hasWork()) return;
    const { clock } = this.ctx;
    // Counted, not recomputed from the time alone (a third of a second is not exact in floating
    // point), and on whole milliseconds, as the trace reads better.
    this.next = Math.max(this.next, Math.floor((clock.now() - this.startedAt) / PERIOD_MS) + 1);
    const at = Math.max(clock.now(), Math.round(this.startedAt + this.next * PERIOD_MS));
    this.next++;
    this.timer = clock.setTimeout(() => this.tick(), at - clock.now());
  }

  private hasWork(): boolean {
    for (const p of this.ctx.pools.values()) {
      if (p.waitingClients.length + p.newServers.length + p.idleServers.length + p.usedServers.length + p.testedServers.length > 0) return true;
    }
    return false;
  }

  private tick(): void {
    this.timer = undefined;
    for (const pool of [...this.ctx.pools.values()]) {
      this.serverMaintenance(pool);
      this.clientMaintenance(pool);
    }
    this.ctx.scheduleLoop();
    this.arm();
  }

  /** pool_server_maint: idle servers age into "used", time out, or reach their lifetime. */
  private serverMaintenance(pool: Pool): void {
    const { config, clock } = this.ctx;
    const now = clock.now();
    const check = (list: BouncerServer[], idleTest: boolean) => {
      for (const server of [...list]) {
        const idle = now - server.requestTime;
        if (server.state === "idle" && !server.ready) disconnectServer(this.ctx, server, "SV_IDLE server got dirty");
        else if (config.server_idle_timeout > 0 && idle > config.server_idle_timeout * 1000 && (config.min_pool_size === 0 || pool.serverCount() > config.min_pool_size)) {
          disconnectServer(this.ctx, server, "server idle timeout");
        } else if (lifeOver(this.ctx, server)) {
          disconnectServer(this.ctx, server, "server lifetime over");
          pool.lastLifetimeDisconnect = now;
        } else if (idleTest && config.server_check_query && idle > config.server_check_delay * 1000) {
          pool.setServerState(server, "used");
        }
      }
    };
    check(pool.usedServers, false);
    check(pool.testedServers, false);
    check(pool.idleServers, true);
    for (const server of [...pool.newServers]) {
      if (config.server_connect_timeout > 0 && now - server.connectTime > config.server_connect_timeout * 1000) disconnectServer(this.ctx, server, "connect timeout");
    }
  }

  /** pool_client_maint: query_wait_timeout, and client_login_timeout while no server ever logged in. */
  private clientMaintenance(pool: Pool): void {
    const { config, clock } = this.ctx;
    const now = clock.now();
    for (const client of [...pool.waitingClients]) {
      const age = now - (client.queryStart || client.requestTime);
      if (config.query_wait_timeout > 0 && age > config.query_wait_timeout * 1000) {
        this.ctx.trace(pool.database, { kind: "query_wait_timeout", client: client.id, waitedMs: age });
        disconnectClient(this.ctx, client, "query_wait_timeout");
      } else if (client.waitForWelcome && !pool.welcomeReady && config.client_login_timeout > 0 && now - client.connectTime > config.client_login_timeout * 1000) {
        disconnectClient(this.ctx, client, "client_login_timeout (server down)");
      }
    }
  }
}
