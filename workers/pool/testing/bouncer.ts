// A PgBouncer model in front of a Postgres server model, with Clients that keep what they hear:
// the harness of the PgBouncer tests and of the replay of its recordings.
import { VirtualClock } from "../../shared/virtual-clock.ts";
import { Client, type QueryResult } from "../client.ts";
import type { PgBouncerTrace } from "../pgbouncer-trace.ts";
import { PgBouncer, type PgBouncerConfig } from "../pgbouncer/index.ts";
import { PostgresServer, type Backend, type ServerOptions } from "../server.ts";
import { fakePostgres } from "./fake-postgres.ts";
import { settle } from "./settle.ts";

export interface Inbox {
  notices: { severity: string; code: string; message: string }[];
  notifications: { channel: string; payload: string }[];
  errors: string[];
}

export interface Held {
  client: Client;
  inbox: Inbox;
  /** Runs a query to its end: its rows, or its error as the recordings write errors. */
  run(sql: string | { name: string; text: string }): Promise<unknown>;
}

export const emptyInbox = (): Inbox => ({ notices: [], notifications: [], errors: [] });

export function bouncerSetup(config: Partial<PgBouncerConfig> = {}, serverOptions: ServerOptions = {}) {
  const clock = new VirtualClock();
  const server = new PostgresServer(clock, serverOptions);
  // Every backend opened, so a test can pg_terminate_backend one.
  const backends: Backend[] = [];
  const connect = server.connect.bind(server);
  server.connect = (request, done) => connect(request, (r) => ("backend" in r && backends.push(r.backend), done(r)));
  const events: PgBouncerTrace[] = [];
  const bouncer = new PgBouncer({ clock, server, execute: fakePostgres(), config, trace: (e) => events.push(e) });
  const client = (database = "app", user = "app", extra: { application_name?: string; statement_timeout?: number } = {}): Held => {
    const held: Held = {
      client: new Client({ clock, connect: bouncer.connect, database, user, ...extra }),
      inbox: emptyInbox(),
      run: async (sql) => {
        const o = await settle(clock, held.client.query(sql));
        return o.ok ? (o.value as QueryResult).rows : { error: o.error };
      },
    };
    held.client.on("notice", (n) => held.inbox.notices.push({ severity: n.severity, code: n.code, message: n.message }));
    held.client.on("notification", (n) => held.inbox.notifications.push({ channel: n.channel, payload: n.payload }));
    held.client.on("error", (e) => held.inbox.errors.push(e.message));
    return held;
  };
  /** A client that has connected (or the connect's error). */
  const open = async (database?: string, user?: string, extra?: { application_name?: string; statement_timeout?: number }) => {
    const held = client(database, user, extra);
    const o = await settle(clock, held.client.connect());
    return { ...held, connected: o.ok ? ({ ok: true } as const) : { error: o.error } };
  };
  /** A fresh admin console connection runs `sql` and leaves. */
  const admin = async (sql: string) => {
    const console = client("pgbouncer", "pgbouncer").client;
    await settle(clock, console.connect());
    const result = await settle(clock, console.query(sql));
    await settle(clock, console.end());
    if (!result.ok) throw new Error(`${sql}: ${result.error.message}`);
    return result.value as QueryResult;
  };
  return { clock, server, backends, bouncer, events, client, open, admin };
}
