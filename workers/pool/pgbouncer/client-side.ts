// PgBouncer's client connections (client.c): the login — startup parameters, max_client_conn,
// the database and the user, then the welcome, which needs the server parameters of a first
// server login — and each query: counted in the pool's stats as it arrives, then sent on to a
// server, or queued until one is free (its bytes count only once it is sent on).
import type { ClientEvents, ClientSocket, QueryMessage, StartupParams } from "../wire.ts";
import { adminQuery } from "./admin.ts";
import type { BouncerContext } from "./context.ts";
import { disconnectClient, findServer, launchNewConnection, pauseClient } from "./objects.ts";
import { Pool, type BouncerClient } from "./pool.ts";
import { forwardQuery } from "./server-side.ts";
import { isTracked } from "./varcache.ts";

/** A new client connection; its startup packet is handled once the TCP connect is done. */
export function acceptClient(ctx: BouncerContext, startup: StartupParams, events: ClientEvents): ClientSocket {
  const now = ctx.clock.now();
  const client: BouncerClient = {
    id: ctx.nextId(), state: "login", startup, events, pool: null, admin: false, link: null, vars: new Map(), pending: null,
    waitForWelcome: false, connectTime: now, requestTime: now, queryStart: 0, xactStart: 0, waitStart: 0,
  };
  ctx.clients.add(client);
  ctx.clock.setTimeout(() => login(ctx, client), ctx.costs.clientLoginMs);
  return {
    query: (message) => clientQuery(ctx, client, message),
    terminate: () => disconnectClient(ctx, client),
  };
}

/** decide_startup_pool and set_pool: who may log in, and to which pool. */
function login(ctx: BouncerContext, client: BouncerClient): void {
  if (client.state === "closed") return;
  const { config } = ctx;
  const { database, user, ...params } = client.startup;
  for (const [key, value] of Object.entries(params)) {
    if (isTracked(key)) client.vars.set(key, value);
    else if (!config.ignore_startup_parameters.includes(key)) return disconnectClient(ctx, client, `unsupported startup parameter: ${key}`);
  }
  // The count includes this client; the admin console is never refused.
  if (ctx.clients.size > config.max_client_conn && database !== "pgbouncer") {
    return disconnectClient(ctx, client, "no more connections allowed (max_client_conn)");
  }
  if (database === "pgbouncer") {
    if (!config.admin_users.includes(user)) return disconnectClient(ctx, client, "not allowed");
    client.admin = true;
    client.pool = ctx.adminPool;
    ctx.adminPool.setClientState(client, "active", ctx.clock.now());
    return welcome(ctx, client);
  }
  // auth_type trust still wants the user in the auth_file; an unknown database is found out after.
  if (!config.users.includes(user)) return disconnectClient(ctx, client, '"trust" authentication failed');
  const db = config.databases[database];
  if (!db) return disconnectClient(ctx, client, `no such database: ${database}`);
  client.pool = poolFor(ctx, database, user);
  finishLogin(ctx, client);
}

function poolFor(ctx: BouncerContext, database: string, user: string): Pool {
  const key = `${database}/${user}`;
  let pool = ctx.pools.get(key);
  if (!pool) {
    const { config } = ctx;
    const db = config.databases[database];
    pool = new Pool(database, db.dbname, user, db.pool_mode ?? config.pool_mode, db.pool_size ?? config.default_pool_size, config.server_round_robin);
    ctx.pools.set(key, pool);
  }
  return pool;
}

/** finish_client_login: greet the client, or — no server parameters yet — wait for a first server. */
function finishLogin(ctx: BouncerContext, client: BouncerClient): void {
  const pool = client.pool!;
  if (client.state === "login") pool.setClientState(client, "active", ctx.clock.now());
  if (!pool.welcomeReady) {
    client.waitForWelcome = true;
    pauseClient(ctx, client);
    launchNewConnection(ctx, pool);
    return;
  }
  client.waitForWelcome = false;
  welcome(ctx, client);
}

/** welcome_client: the pool's server parameters, with the client's own tracked ones on top. */
function welcome(ctx: BouncerContext, client: BouncerClient): void {
  const pool = client.pool!;
  for (const [name, value] of pool.origVars) if (!client.vars.has(name)) client.vars.set(name, value);
  const parameters = { ...pool.welcomeParams, ...Object.fromEntries(client.vars) };
  ctx.trace(client.startup.database, { kind: "client.login", client: client.id, user: client.startup.user, pool: pool.counts() });
  client.events.ready({ processId: client.id, parameters });
}

/** handle_client_work: a query arrives. */
function clientQuery(ctx: BouncerContext, client: BouncerClient, message: QueryMessage): void {
  if (client.state === "closed" || client.state === "login" || client.waitForWelcome) return;
  const now = ctx.clock.now();
  const pool = client.pool!;
  client.requestTime = now;
  const change = { queryCount: 0, xactCount: 0 };
  if (!client.queryStart) {
    change.queryCount = 1;
    client.queryStart = now;
  }
  if (!client.xactStart) {
    change.xactCount = 1;
    client.xactStart = client.queryStart;
  }
  pool.stats.add(now, change);
  if (client.admin) {
    client.queryStart = client.xactStart = 0;
    return client.events.reply(adminQuery(ctx, message.text));
  }
  client.pending = message;
  if (findServer(ctx, client)) forwardQuery(ctx, client);
}

/** A waiting client's turn: finish its login, or send its query on. */
export function resumeClient(ctx: BouncerContext, client: BouncerClient): void {
  if (client.waitForWelcome) return finishLogin(ctx, client);
  if (client.pending && findServer(ctx, client)) forwardQuery(ctx, client);
}
