// The admin console and the trace: PgBouncer 1.18's SHOW columns and counters, and the events a
// pool's life leaves behind.
import { describe, expect, it } from "vitest";
import { bouncerSetup } from "../testing/bouncer.ts";
import { advanceTo, settle } from "../testing/settle.ts";

describe("the admin console", () => {
  it("lists SHOW SERVERS and SHOW CLIENTS with 1.18's columns, sockets of every pool", async () => {
    const { open, admin } = bouncerSetup({ pool_mode: "session" });
    const a = await open("app", "app", { application_name: "web" });
    await a.run("SELECT 1 AS n");
    const servers = await admin("SHOW SERVERS");
    expect(servers.fields.map((f) => f.name)).toEqual([
      "type", "user", "database", "state", "addr", "port", "local_addr", "local_port", "connect_time", "request_time",
      "wait", "wait_us", "close_needed", "ptr", "link", "remote_pid", "tls", "application_name",
    ]);
    expect(servers.rows).toMatchObject([{ type: "S", database: "app", state: "active", remote_pid: 1001, application_name: "web" }]);
    const clients = await admin("SHOW CLIENTS");
    expect(clients.rows.map((r) => [r.database, r.state, r.link === servers.rows[0].ptr])).toEqual([["app", "active", true], ["pgbouncer", "active", false]]);
  });

  it("answers what it does not know with its own error", async () => {
    const { clock, client } = bouncerSetup();
    const console = client("pgbouncer", "pgbouncer");
    await settle(clock, console.client.connect());
    expect(await console.run("SHOW NOTHING")).toEqual({ error: { message: "invalid command 'SHOW NOTHING', use SHOW HELP;", code: "08P01", severity: "ERROR" } });
  });

  it("counts transactions and queries as they arrive, and averages them over the last 60 s period", async () => {
    const { clock, open, admin } = bouncerSetup({ pool_mode: "transaction" });
    const a = await open();
    await a.run("BEGIN");
    await a.run("SELECT 1 AS n");
    await a.run("COMMIT");
    await a.run("SELECT pg_sleep(1)");
    const app = async () => (await admin("SHOW STATS")).rows.find((r) => r.database === "app")!;
    expect(await app()).toMatchObject({ total_xact_count: "2", total_query_count: "4", avg_xact_count: "0" });
    expect(Number((await app()).total_query_time)).toBeGreaterThanOrEqual(1_000_000);
    await advanceTo(clock, 60_000);
    // 2 transactions in the 60 s: 0 per second (integer division), 1 s of the 2 queries' time each
    expect(await app()).toMatchObject({ avg_xact_count: "0", avg_query_count: "0" });
    expect(Number((await app()).avg_xact_time)).toBeGreaterThan(500_000);
  });
});

describe("the trace", () => {
  it("tells a pool's life: login, wait, open, link, query, unlink, close", async () => {
    const { clock, open, events } = bouncerSetup({ pool_mode: "transaction", default_pool_size: 1, query_wait_timeout: 1 });
    const a = await open();
    await a.run("BEGIN");
    const b = await open();
    const waits = b.client.query("SELECT 1 AS n");
    await advanceTo(clock, clock.now() + 200);
    await a.run("COMMIT");
    expect((await settle(clock, waits)).ok).toBe(true);
    expect(events.map((e) => e.kind)).toEqual([
      "client.wait", "server.open", "server.login", "client.login", // the first login learns the server's parameters
      "server.link", "query", // BEGIN
      "client.login", "client.wait", // b waits for a's server
      "query", "server.unlink", "server.link", "query", "server.unlink", // COMMIT, then b's query
    ]);
    expect(events.every((e) => e.source === "pgbouncer" && e.database === "app")).toBe(true);
    const link = events.filter((e) => e.kind === "server.link")[1];
    expect(link).toMatchObject({ client: b.client.processID, waitedMs: expect.any(Number) });
  });
});
