// Herding clients and servers between lists (objects.c, janitor.c's per_loop_activate), rule for
// rule as PgBouncer 1.18 does it:
// - a client asking for a server takes the first idle one (LIFO) or waits in line;
// - a server given back goes straight to the first waiting client; in session mode (or with
//   server_reset_query_always) it runs server_reset_query first;
// - one new server connection at a time per pool, never beyond default_pool_size, none for
//   server_login_retry after a failed one; a failed login is only logged, and waiting clients
//   stay queued for the servers that exist — unless there are none, when they are turned away;
// - a client leaving in the middle of a transaction takes its server down with it.
import type { BouncerContext } from "./context.ts";
import { resumeClient } from "./client-side.ts";
import { openServer } from "./server-side.ts";
import type { BouncerClient, BouncerServer, Pool } from "./pool.ts";
import { varcacheApply } from "./varcache.ts";

const POOLER_ERROR = { code: "08P01", severity: "FATAL" as const };

/** find_server: links `client` to a server, true when its query can go now. */
export function findServer(ctx: BouncerContext, client: BouncerClient): boolean {
  if (client.link) return true;
  const pool = client.pool!;
  let server = pool.idleServers[0];
  while (server && !server.ready) {
    disconnectServer(ctx, server, "idle server got dirty");
    server = pool.idleServers[0];
  }
  if (!server) {
    if (!checkFastFail(ctx, client)) return false;
    pauseClient(ctx, client);
    return false;
  }
  const set = varcacheApply(server.vars, client.vars);
  const waitedMs = client.waitStart > 0 ? ctx.clock.now() - client.waitStart : 0;
  client.waitStart = 0;
  client.link = server;
  server.link = client;
  pool.setServerState(server, "active");
  ctx.trace(pool.database, { kind: "server.link", client: client.id, server: server.id, pid: server.pid!, waitedMs, ...(set && { setVars: set }), pool: pool.counts() });
  if (!set) return true;
  // The client's query waits until the server has taken the SET (server-side.ts continues it).
  server.settingVars = true;
  server.ready = false;
  server.session!.query({ text: set });
  return false;
}

/**
 * check_fast_fail: with the last server login failed and no server at all, a client is turned
 * away rather than queued for a server that may never come.
 */
function checkFastFail(ctx: BouncerContext, client: BouncerClient): boolean {
  const pool = client.pool!;
  if (!pool.lastLoginFailed || pool.serverCount() - pool.newServers.length > 0) return true;
  disconnectClient(ctx, client, "server login has been failing, try again later (server_login_retry)");
  launchNewConnection(ctx, pool);
  return false;
}

/** pause_client: no server free; the client waits in the pool's line. */
export function pauseClient(ctx: BouncerContext, client: BouncerClient): void {
  const pool = client.pool!;
  pool.setClientState(client, "waiting", ctx.clock.now());
  ctx.trace(pool.database, { kind: "client.wait", client: client.id, pool: pool.counts() });
  ctx.scheduleLoop();
  ctx.armJanitor();
}

/** activate_client: a waiting client's turn has come. */
export function activateClient(ctx: BouncerContext, client: BouncerClient): void {
  const pool = client.pool!;
  pool.stats.add(ctx.clock.now(), { waitTime: (ctx.clock.now() - client.waitStart) * 1000 });
  pool.setClientState(client, "active", ctx.clock.now());
  resumeClient(ctx, client);
}

/** release_server: the server's client is done with it (or it has just logged in, or been reset). */
export function releaseServer(ctx: BouncerContext, server: BouncerServer): void {
  const { pool } = server;
  const { config } = ctx;
  const loggedIn = server.state === "login";
  let next: "idle" | "tested" = "idle";
  if (server.state === "active") {
    const client = server.link!;
    client.link = null;
    server.link = null;
    if (config.server_reset_query && (config.server_reset_query_always || pool.mode === "session")) next = "tested";
    ctx.trace(pool.database, { kind: "server.unlink", client: client.id, server: server.id, pid: server.pid!, to: next, pool: pool.counts() });
  } else if (loggedIn) {
    pool.lastLoginFailed = false;
    pool.lastConnectFailed = false;
  }
  if (!loggedIn && lifeOver(ctx, server)) {
    disconnectServer(ctx, server, "server lifetime over");
    pool.lastLifetimeDisconnect = ctx.clock.now();
    return;
  }
  pool.setServerState(server, next);
  if (loggedIn) ctx.trace(pool.database, { kind: "server.login", server: server.id, pid: server.pid!, pool: pool.counts() });
  if (next === "tested") return runOwnQuery(ctx, server, config.server_reset_query);
  // reuse_on_release: straight to the first client in line, to be fair to those waiting.
  const waiting = pool.waitingClients[0];
  if (waiting) activateClient(ctx, waiting);
  ctx.scheduleLoop();
  ctx.armJanitor();
}

/** server_lifetime, spread out so a pool's servers do not all reconnect at once (life_over). */
export function lifeOver(ctx: BouncerContext, server: BouncerServer): boolean {
  const lifetime = ctx.config.server_lifetime * 1000;
  const now = ctx.clock.now();
  if (now - server.connectTime < lifetime) return false;
  const gap = server.pool.size > 0 ? lifetime / server.pool.size : 0;
  return now - server.pool.lastLifetimeDisconnect >= gap;
}

/** server_reset_query or server_check_query on a server no client holds. */
export function runOwnQuery(ctx: BouncerContext, server: BouncerServer, sql: string): void {
  ctx.trace(server.pool.database, { kind: "server.reset", server: server.id, pid: server.pid!, query: sql });
  server.ready = false;
  server.session!.query({ text: sql });
}

/** disconnect_server: closes a server connection, telling its client why if it had one. */
export function disconnectServer(ctx: BouncerContext, server: BouncerServer, reason: string): void {
  if (server.state === "closed") return;
  const { pool } = server;
  if (server.state === "active" && server.link) {
    const client = server.link;
    client.link = null;
    server.link = null;
    disconnectClient(ctx, client, client.state === "active" || client.state === "waiting" ? reason : "bouncer config error");
  }
  if (server.state === "login" && !server.ready) {
    pool.lastLoginFailed = true;
    pool.lastConnectFailed = true;
  }
  pool.setServerState(server, "closed");
  server.attempt?.abort();
  server.session?.terminate();
  ctx.trace(pool.database, { kind: "server.close", server: server.id, pid: server.pid, reason, pool: pool.counts() });
  ctx.scheduleLoop();
}

/**
 * disconnect_client: closes a client connection; with `error`, PgBouncer first sends it as a
 * FATAL ErrorResponse (SQLSTATE 08P01). Its server goes back to the pool if it is between
 * transactions, and is closed otherwise.
 */
export function disconnectClient(ctx: BouncerContext, client: BouncerClient, error?: string): void {
  const reason = error ?? "client close request";
  if (client.state === "closed") return;
  const server = client.link;
  if (server) {
    if (!server.ready) {
      client.link = null;
      server.link = null;
      disconnectServer(ctx, server, "client disconnect while server was not ready");
    } else {
      releaseServer(ctx, server);
    }
  }
  if (error) client.events.error({ message: error, ...POOLER_ERROR });
  const refused = client.state === "login" || client.waitForWelcome;
  const pool = client.pool ?? ctx.adminPool;
  pool.setClientState(client, "closed", ctx.clock.now());
  ctx.clients.delete(client);
  const database = client.startup.database;
  if (refused) ctx.trace(database, { kind: "client.refused", client: client.id, message: reason });
  else ctx.trace(database, { kind: "client.close", client: client.id, reason, ...(error && { error }), pool: pool.counts() });
  client.events.closed();
}

/** launch_new_connection: opens a server connection if the pool's rules allow one now. */
export function launchNewConnection(ctx: BouncerContext, pool: Pool): void {
  if (pool.newServers.length > 0) return; // one attempt at a time
  const now = ctx.clock.now();
  if (pool.lastConnectFailed && now - pool.lastConnectTime < ctx.config.server_login_retry * 1000) return;
  if (pool.serverCount() >= pool.size && pool.welcomeReady) return;
  pool.lastConnectTime = now;
  openServer(ctx, pool);
  ctx.armJanitor();
}

/** per_loop_activate: after every event, give free servers to waiting clients or open more. */
export function perLoopActivate(ctx: BouncerContext, pool: Pool): void {
  let tested = pool.testedServers.length;
  let used = pool.usedServers.length;
  for (const client of [...pool.waitingClients]) {
    if (client.state !== "waiting") continue;
    if (pool.idleServers.length > 0) {
      if (client.waitForWelcome && !pool.welcomeReady) {
        launchNewConnection(ctx, pool);
        continue;
      }
      activateClient(ctx, client);
    } else if (tested > 0) {
      tested--; // a server is being reset and will come back by itself
    } else if (used > 0) {
      launchRecheck(ctx, pool);
      used--;
    } else {
      launchNewConnection(ctx, pool);
      break;
    }
  }
}

/** launch_recheck: a server idle past server_check_delay runs server_check_query before reuse. */
function launchRecheck(ctx: BouncerContext, pool: Pool): void {
  let server = pool.usedServers[0];
  while (server && !server.ready) {
    disconnectServer(ctx, server, "idle server got dirty");
    server = pool.usedServers[0];
  }
  if (!server) return;
  const { server_check_query: check, server_check_delay: delay } = ctx.config;
  if (!check || ctx.clock.now() - server.requestTime < delay * 1000) return releaseServer(ctx, server);
  pool.setServerState(server, "tested");
  runOwnQuery(ctx, server, check);
}
