// PgBouncer's pooling rules beyond what the recordings show: logins, failed server logins and
// server_login_retry, check_fast_fail, the janitor's timing, idle servers aging.
import { describe, expect, it } from "vitest";
import { Client } from "../client.ts";
import { directConnect } from "../direct.ts";
import { bouncerSetup } from "../testing/bouncer.ts";
import { fakePostgres } from "../testing/fake-postgres.ts";
import { advanceTo, settle } from "../testing/settle.ts";

const fatal = (message: string) => ({ error: { message, code: "08P01", severity: "FATAL" } });

describe("PgBouncer's logins", () => {
  it("refuses unknown databases and users, and startup parameters it does not track", async () => {
    const { open } = bouncerSetup();
    expect((await open("nosuch")).connected).toEqual(fatal("no such database: nosuch"));
    expect((await open("app", "mallory")).connected).toEqual(fatal('"trust" authentication failed'));
    expect((await open("app", "app", { statement_timeout: 1000 })).connected).toEqual(fatal("unsupported startup parameter: statement_timeout"));
    expect((await open("app", "app", { application_name: "web" })).connected).toEqual({ ok: true });
  });

  it("never refuses the admin console for max_client_conn, though it counts", async () => {
    const { open } = bouncerSetup({ max_client_conn: 1 });
    expect((await open()).connected).toEqual({ ok: true });
    expect((await open("pgbouncer", "pgbouncer")).connected).toEqual({ ok: true });
    expect((await open("pgbouncer", "app")).connected).toEqual(fatal("not allowed"));
    expect((await open()).connected).toEqual(fatal("no more connections allowed (max_client_conn)"));
  });

  it("passes Postgres's refusal of the first server login on to the clients waiting for it, then waits server_login_retry", async () => {
    const { clock, server, open, events } = bouncerSetup({}, { maxConnections: 1, superuserReservedConnections: 0 });
    const squatter = new Client({ clock, connect: directConnect({ clock, server, execute: fakePostgres() }) });
    await settle(clock, squatter.connect());
    expect((await open()).connected).toEqual(fatal("sorry, too many clients already"));
    const failedAt = events.find((e) => e.kind === "server.login_failed")!.t;
    await settle(clock, squatter.end());
    const late = await open();
    expect(late.connected).toEqual({ ok: true });
    // no new server before server_login_retry (15 s), then at the janitor's next tick
    const opened = events.filter((e) => e.kind === "server.open").map((e) => e.t);
    expect(opened[1] - failedAt).toBeGreaterThanOrEqual(15_000);
    expect(opened[1] - failedAt).toBeLessThan(15_000 + 1000 / 3 + 1);
  });

  it("turns clients away when server logins fail and no server is left (check_fast_fail)", async () => {
    const { clock, server, backends, open, events } = bouncerSetup({ pool_mode: "transaction", default_pool_size: 1 }, { maxConnections: 1, superuserReservedConnections: 0 });
    const a = await open();
    expect(await a.run("SELECT 1 AS n")).toEqual([{ n: 1 }]);
    // the only server dies and Postgres's one slot is taken before PgBouncer can reconnect
    const pid = events.find((e) => e.kind === "server.login")!.pid as number;
    const squatter = new Client({ clock, connect: directConnect({ clock, server, execute: fakePostgres() }) });
    server.terminate(backends.find((b) => b.pid === pid)!);
    await settle(clock, squatter.connect());
    const waiting = a.client.query("SELECT 2 AS n");
    await advanceTo(clock, clock.now() + 100); // a waits; the relaunch fails (too many clients)
    expect(events.filter((e) => e.kind === "server.login_failed")).toHaveLength(1);
    const b = await open();
    expect(await b.run("SELECT 3 AS n")).toEqual(fatal("server login has been failing, try again later (server_login_retry)"));
    await settle(clock, squatter.end());
    expect((await settle(clock, waiting)).ok).toBe(true); // served once a retry gets in
  });
});

describe("a server dying under its client", () => {
  it("passes Postgres's FATAL on, then closes the client with 'server conn crashed?', and serves others with a new server", async () => {
    const { clock, server, backends, open } = bouncerSetup({ pool_mode: "session" });
    const a = await open();
    const running = a.client.query("SELECT pg_sleep(1)");
    clock.setTimeout(() => server.terminate(backends[0]), 100);
    expect(await settle(clock, running)).toEqual({ ok: false, error: { message: "terminating connection due to administrator command", code: "57P01", severity: "FATAL" } });
    await advanceTo(clock, clock.now() + 10);
    expect(a.inbox.errors).toEqual(["server conn crashed?", "Connection terminated unexpectedly"]);
    const b = await open();
    expect(await b.run("SELECT 1 AS n")).toEqual([{ n: 1 }]);
    expect(server.opened).toBe(2);
  });
});

describe("PgBouncer's janitor", () => {
  it("drops a waiting client at its first tick past query_wait_timeout", async () => {
    const { clock, open, events } = bouncerSetup({ default_pool_size: 1, query_wait_timeout: 1 });
    const a = await open();
    await a.run("SELECT 1 AS n");
    const b = await open();
    const asked = clock.now();
    const o = await settle(clock, b.client.query("SELECT 2 AS n"));
    expect(o).toEqual({ ok: false, ...fatal("query_wait_timeout") });
    expect(clock.now() - asked).toBeGreaterThan(1000);
    expect(clock.now() - asked).toBeLessThanOrEqual(1000 + 334); // ticks every third of a second
    expect(events.find((e) => e.kind === "query_wait_timeout")).toMatchObject({ client: expect.any(Number), waitedMs: clock.now() - asked });
  });

  it("checks a server idle past server_check_delay with server_check_query before reuse, and closes it after server_idle_timeout", async () => {
    const { clock, open, admin, events } = bouncerSetup({ pool_mode: "transaction" });
    const a = await open();
    await a.run("SELECT 1 AS n");
    await advanceTo(clock, clock.now() + 31_000);
    expect((await admin("SHOW POOLS")).rows[0]).toMatchObject({ database: "app", sv_idle: 0, sv_used: 1 });
    expect(await a.run("SELECT 2 AS n")).toEqual([{ n: 2 }]);
    expect(events.filter((e) => e.kind === "server.reset").map((e) => e.query)).toEqual(["select 1"]);
    await advanceTo(clock, clock.now() + 601_000);
    expect(events.at(-1)).toMatchObject({ kind: "server.close", reason: "server idle timeout" });
    expect((await admin("SHOW SERVERS")).rows).toEqual([]);
  });
});
