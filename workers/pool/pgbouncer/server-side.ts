// PgBouncer's server connections (server.c): opening one (a real backend of the Postgres server
// model, with its own session), and reading what it sends. ReadyForQuery decides everything: 'I'
// means the server is between transactions — in transaction or statement mode it goes back to
// the pool at once; 'T' or 'E' keeps it with its client, except in statement mode, where a
// transaction block is refused by closing the server and the client.
import { PostgresSession, type BackendEvents } from "../session.ts";
import type { Backend, ServerError } from "../server.ts";
import type { QueryReply } from "../wire.ts";
import type { BouncerContext } from "./context.ts";
import { disconnectClient, disconnectServer, releaseServer } from "./objects.ts";
import type { BouncerClient, BouncerServer, Pool } from "./pool.ts";
import type { Counters } from "./stats.ts";
import { queryBytes, replyBytes } from "./stats.ts";
import { isTracked } from "./varcache.ts";

/** Starts a server login (launch_new_connection's second half). */
export function openServer(ctx: BouncerContext, pool: Pool): void {
  const now = ctx.clock.now();
  const server: BouncerServer = {
    id: ctx.nextId(), state: "closed", pool, link: null, session: null, attempt: null, pid: null, vars: new Map(),
    ready: false, idleTx: false, settingVars: false, connectTime: now, requestTime: now, sentAt: 0, sentSql: "",
  };
  pool.setServerState(server, "login");
  ctx.trace(pool.database, { kind: "server.open", server: server.id, pool: pool.counts() });
  server.attempt = ctx.server.connect({ role: pool.user, database: pool.dbname }, (result) => {
    server.attempt = null;
    if ("error" in result) loginFailed(ctx, server, result.error);
    else loggedIn(ctx, server, result.backend);
  });
}

function loginFailed(ctx: BouncerContext, server: BouncerServer, error: ServerError): void {
  const { pool } = server;
  if (server.state === "closed") return;
  ctx.trace(pool.database, { kind: "server.login_failed", server: server.id, message: error.message, pool: pool.counts() });
  // kill_pool_logins: clients still waiting for the first server's parameters get Postgres's
  // refusal; once the pool has them, a failed login is only logged.
  if (!pool.welcomeReady) for (const client of [...pool.waitingClients]) if (client.waitForWelcome) disconnectClient(ctx, client, error.message);
  disconnectServer(ctx, server, "login failed");
}

function loggedIn(ctx: BouncerContext, server: BouncerServer, backend: Backend): void {
  if (server.state === "closed") return void ctx.server.close(backend); // given up on meanwhile
  const { pool } = server;
  server.pid = backend.pid;
  server.requestTime = ctx.clock.now();
  server.session = new PostgresSession({
    clock: ctx.clock, server: ctx.server, backend, execute: ctx.execute, events: serverEvents(ctx, server), statementMs: ctx.statementMs,
  });
  const parameters = server.session.settings.reported();
  for (const [name, value] of parameters) if (isTracked(name)) server.vars.set(name, value);
  server.ready = true;
  if (!pool.welcomeReady) {
    // The first login teaches the pool the server's parameters, which greet every client.
    pool.welcomeReady = true;
    pool.welcomeParams = Object.fromEntries(parameters);
    for (const [name, value] of server.vars) pool.origVars.set(name, value);
  }
  releaseServer(ctx, server);
}

/** Sends a client's waiting query on to its server. */
export function forwardQuery(ctx: BouncerContext, client: BouncerClient): void {
  const server = client.link!;
  const message = client.pending!;
  client.pending = null;
  server.ready = false;
  server.idleTx = false;
  server.sentAt = ctx.clock.now();
  server.sentSql = message.text;
  server.pool.stats.add(server.sentAt, { clientBytes: queryBytes(message) });
  server.session!.query(message);
}

/** What the server's backend sends, as PgBouncer handles each packet. */
function serverEvents(ctx: BouncerContext, server: BouncerServer): BackendEvents {
  // While PgBouncer's own SET runs, the server's answers are not the client's.
  const client = () => (server.settingVars ? null : server.link);
  return {
    notice: (notice) => client()?.events.notice(notice),
    notification: (n) => {
      const c = client();
      if (c) return c.events.notification(n);
      ctx.trace(server.pool.database, { kind: "notification.dropped", server: server.id, pid: server.pid!, channel: n.channel });
    },
    parameterStatus: (name, value) => {
      if (isTracked(name)) {
        server.vars.set(name, value);
        server.link?.vars.set(name, value);
      }
      client()?.events.parameterStatus(name, value);
    },
    reply: (reply) => serverReply(ctx, server, reply),
    error: (e) => {
      server.ready = false;
      client()?.events.error(e);
    },
    closed: () => disconnectServer(ctx, server, "server conn crashed?"),
  };
}

function serverReply(ctx: BouncerContext, server: BouncerServer, reply: QueryReply): void {
  const { pool } = server;
  const now = ctx.clock.now();
  server.requestTime = now;
  if (reply.txStatus !== "I" && pool.mode === "statement") {
    return disconnectServer(ctx, server, "transaction blocks not allowed in statement pooling mode");
  }
  server.ready = reply.txStatus === "I";
  server.idleTx = !server.ready;
  if (server.settingVars) {
    if (reply.error) return disconnectServer(ctx, server, "invalid server parameter");
    server.settingVars = false;
    if (server.link) forwardQuery(ctx, server.link);
    return;
  }
  const client = server.link;
  if (client) {
    const sql = server.sentSql;
    ctx.trace(pool.database, { kind: "query", client: client.id, server: server.id, pid: server.pid!, sql, ms: now - server.sentAt, ...(reply.error && { error: reply.error.message }) }, server.sentAt);
    const change: Partial<Counters> = { serverBytes: replyBytes(reply) };
    if (client.queryStart) change.queryTime = (now - client.queryStart) * 1000;
    if (server.ready && client.xactStart) change.xactTime = (now - client.xactStart) * 1000;
    pool.stats.add(now, change);
    client.queryStart = 0;
    if (server.ready) client.xactStart = 0;
    client.events.reply(reply);
  }
  // The reply is with the client: a server between transactions goes back (not in session mode).
  if (server.ready && (server.state === "tested" || (server.state === "active" && pool.mode !== "session"))) releaseServer(ctx, server);
}
