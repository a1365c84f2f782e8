// A backend's session through node-postgres-like Clients connected straight to the server model:
// the state one connection carries and the statements that act on it, in Postgres 15's words.
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../shared/virtual-clock.ts";
import { Client } from "./client.ts";
import { directConnect } from "./direct.ts";
import { PostgresServer } from "./server.ts";
import { fakePostgres } from "./testing/fake-postgres.ts";
import { advanceTo, settle } from "./testing/settle.ts";

function setup() {
  const clock = new VirtualClock();
  const server = new PostgresServer(clock);
  const connect = directConnect({ clock, server, execute: fakePostgres() });
  const open = async () => {
    const client = new Client({ clock, connect });
    const inbox = { notices: [] as string[], notifications: [] as string[], errors: [] as string[] };
    client.on("notice", (n) => inbox.notices.push(`${n.severity} ${n.code} ${n.message}`));
    client.on("notification", (n) => inbox.notifications.push(`${n.channel}:${n.payload}@${clock.now()}`));
    client.on("error", (e) => inbox.errors.push(e.message));
    await settle(clock, client.connect());
    const run = async (sql: string | { name: string; text: string }) => {
      const o = await settle(clock, client.query(sql));
      return o.ok ? (Array.isArray(o.value) ? o.value.map((r) => r.rows) : o.value.rows) : o.error;
    };
    return { client, inbox, run };
  };
  return { clock, server, open };
}

describe("a session's settings", () => {
  it("keeps a SET for the session, undoes it on ROLLBACK, and ends SET LOCAL with the transaction", async () => {
    const { open } = setup();
    const { run, inbox } = await open();
    expect(await run("SET statement_timeout = 7000")).toEqual([]);
    expect(await run("SHOW statement_timeout")).toEqual([{ statement_timeout: "7s" }]);
    expect(await run("BEGIN; SET statement_timeout = '1min'; SET LOCAL work_mem = '8MB'")).toEqual([[], [], []]);
    expect(await run("SELECT current_setting('statement_timeout') AS st, current_setting('work_mem') AS wm")).toEqual([{ st: "1min", wm: "8MB" }]);
    expect(await run("ROLLBACK")).toEqual([]);
    expect(await run("SELECT current_setting('statement_timeout') AS st, current_setting('work_mem') AS wm")).toEqual([{ st: "7s", wm: "4MB" }]);
    expect(await run("SET LOCAL work_mem = '8MB'")).toEqual([]);
    expect(inbox.notices).toEqual(["WARNING 25P01 SET LOCAL can only be used in transaction blocks"]);
    expect(await run("SHOW work_mem")).toEqual([{ work_mem: "4MB" }]);
    expect(await run("RESET statement_timeout")).toEqual([]);
    expect(await run("SHOW statement_timeout")).toEqual([{ statement_timeout: "0" }]);
  });

  it("rolls back to a savepoint, and refuses everything but the end in a failed transaction", async () => {
    const { open } = setup();
    const { run } = await open();
    await run("BEGIN");
    await run("SET work_mem = '8MB'");
    await run("SAVEPOINT s");
    await run("SET work_mem = '16MB'");
    expect(await run("SHOW nonsense")).toEqual({ message: 'unrecognized configuration parameter "nonsense"', code: "42704", severity: "ERROR" });
    expect(await run("SHOW work_mem")).toEqual({ message: "current transaction is aborted, commands ignored until end of transaction block", code: "25P02", severity: "ERROR" });
    await run("ROLLBACK TO SAVEPOINT s");
    expect(await run("SHOW work_mem")).toEqual([{ work_mem: "8MB" }]);
    await run("SELECT 1/0");
    expect(await run("COMMIT")).toEqual([]); // its tag is ROLLBACK: the block had failed
    expect(await run("SHOW work_mem")).toEqual([{ work_mem: "4MB" }]);
  });

  it("lets a custom setting exist once set, and reads current_setting's missing_ok", async () => {
    const { open } = setup();
    const { run } = await open();
    expect(await run("SELECT current_setting('myapp.tenant', true) AS t")).toEqual([{ t: null }]);
    expect(await run("SELECT set_config('myapp.tenant', 'acme', false) AS t")).toEqual([{ t: "acme" }]);
    expect(await run("SHOW myapp.tenant")).toEqual([{ "myapp.tenant": "acme" }]);
  });

  it("cancels a statement that outlasts statement_timeout, at the timeout", async () => {
    const { open, clock } = setup();
    const { run } = await open();
    await run("SET statement_timeout = '1s'");
    const started = clock.now();
    expect(await run("SELECT pg_sleep(5)")).toEqual({ message: "canceling statement due to statement timeout", code: "57014", severity: "ERROR" });
    expect(clock.now() - started).toBeLessThan(1100);
  });
});

describe("a session's prepared statements", () => {
  it("parses a named statement once per connection; another connection does not have it", async () => {
    const { open } = setup();
    const a = await open();
    const b = await open();
    expect(await a.run({ name: "getone", text: "SELECT 1 AS n" })).toEqual([{ n: 1 }]);
    expect(await a.run({ name: "getone", text: "SELECT 1 AS n" })).toEqual([{ n: 1 }]);
    expect(await a.run("DEALLOCATE getone")).toEqual([]);
    expect(await a.run({ name: "getone", text: "SELECT 1 AS n" })).toEqual({ message: 'prepared statement "getone" does not exist', code: "26000", severity: "ERROR" });
    expect(await b.run({ name: "getone", text: "SELECT 1 AS n" })).toEqual([{ n: 1 }]);
  });

  it("runs PREPARE / EXECUTE with arguments, and refuses a second PREPARE of the name", async () => {
    const { open } = setup();
    const { run } = await open();
    expect(await run("PREPARE q AS SELECT current_setting($1) AS v")).toEqual([]);
    expect(await run("EXECUTE q('work_mem')")).toEqual([{ v: "4MB" }]);
    expect(await run("PREPARE q AS SELECT 1 AS n")).toEqual({ message: 'prepared statement "q" already exists', code: "42P05", severity: "ERROR" });
    expect(await run("DISCARD ALL")).toEqual([]);
    expect(await run("EXECUTE q('work_mem')")).toEqual({ message: 'prepared statement "q" does not exist', code: "26000", severity: "ERROR" });
  });
});

describe("a session's advisory locks", () => {
  it("blocks another session until the holder unlocks, and warns an unlock of a lock not held", async () => {
    const { open, clock } = setup();
    const a = await open();
    const b = await open();
    expect(await a.run("SELECT pg_advisory_lock(42)")).toEqual([{ pg_advisory_lock: "" }]);
    expect(await b.run("SELECT pg_try_advisory_lock(42) AS got")).toEqual([{ got: false }]);
    let grantedAt: number | undefined;
    void b.client.query("SELECT pg_advisory_lock(42)").then(() => (grantedAt = clock.now()));
    await advanceTo(clock, clock.now() + 500);
    expect(grantedAt).toBeUndefined();
    expect(await a.run("SELECT pg_advisory_unlock(42)")).toEqual([{ pg_advisory_unlock: true }]);
    const unlockedAt = clock.now();
    await advanceTo(clock, clock.now() + 10);
    expect(grantedAt).toBeLessThanOrEqual(unlockedAt);
    expect(await a.run("SELECT pg_advisory_unlock(42)")).toEqual([{ pg_advisory_unlock: false }]);
    expect(a.inbox.notices).toEqual(["WARNING 01000 you don't own a lock of type ExclusiveLock"]);
    expect(await a.run("SELECT pg_try_advisory_lock(42) AS got")).toEqual([{ got: false }]);
  });

  it("gives up a wait at lock_timeout, and finds a deadlock after deadlock_timeout", async () => {
    const { open, clock } = setup();
    const a = await open();
    const b = await open();
    await a.run("SELECT pg_advisory_lock(1)");
    await b.run("SET lock_timeout = '200ms'");
    expect(await b.run("SELECT pg_advisory_lock(1)")).toEqual({ message: "canceling statement due to lock timeout", code: "55P03", severity: "ERROR" });
    await b.run("SET lock_timeout = 0");
    await b.run("SELECT pg_advisory_lock(2)");
    // a waits first, so a's deadlock_timeout runs out first: a is the one Postgres cancels.
    const aWaits = settle(clock, a.client.query("SELECT pg_advisory_lock(2)"));
    const bWaits = b.client.query("SELECT pg_advisory_lock(1)");
    expect(await aWaits).toEqual({ ok: false, error: { message: "deadlock detected", code: "40P01", severity: "ERROR" } });
    expect(await a.run("SELECT pg_advisory_unlock_all()")).toEqual([{ pg_advisory_unlock_all: "" }]);
    expect((await settle(clock, bWaits)).ok).toBe(true);
  });

  it("releases a session's locks when its connection ends", async () => {
    const { open, clock } = setup();
    const a = await open();
    const b = await open();
    await a.run("SELECT pg_advisory_lock(9)");
    await settle(clock, a.client.end());
    expect(await b.run("SELECT pg_try_advisory_lock(9) AS got")).toEqual([{ got: true }]);
  });
});

describe("a session's LISTEN and NOTIFY", () => {
  it("delivers on commit to every listening session, the sender included, and not inside a transaction", async () => {
    const { open, clock } = setup();
    const a = await open();
    const b = await open();
    await a.run("LISTEN jobs");
    await b.run("LISTEN jobs");
    await b.run("BEGIN");
    await a.run("NOTIFY jobs, 'one'; NOTIFY jobs, 'one'; SELECT pg_notify('jobs', 'two')");
    const sent = clock.now();
    expect(a.inbox.notifications).toEqual([`jobs:one@${sent}`, `jobs:two@${sent}`]);
    expect(b.inbox.notifications).toEqual([]);
    await b.run("COMMIT");
    expect(b.inbox.notifications).toEqual([`jobs:one@${clock.now()}`, `jobs:two@${clock.now()}`]);
  });

  it("keeps a LISTEN made in a rolled-back transaction from taking effect, and DISCARD ALL ends them", async () => {
    const { open } = setup();
    const a = await open();
    await a.run("BEGIN; LISTEN a; ROLLBACK");
    await a.run("LISTEN b");
    await a.run("NOTIFY a, 'x'; NOTIFY b, 'y'");
    expect(a.inbox.notifications.map((n) => n.split("@")[0])).toEqual(["b:y"]);
    await a.run("DISCARD ALL");
    await a.run("NOTIFY b, 'z'");
    expect(a.inbox.notifications).toHaveLength(1);
  });
});

describe("a session ending itself", () => {
  it("closes a connection left idle in a transaction past idle_in_transaction_session_timeout", async () => {
    const { open, clock, server } = setup();
    const a = await open();
    await a.run("SET idle_in_transaction_session_timeout = '1s'");
    await a.run("BEGIN");
    await advanceTo(clock, clock.now() + 1500);
    expect(a.inbox.errors).toEqual(["terminating connection due to idle-in-transaction timeout", "Connection terminated unexpectedly"]);
    expect(server.connections).toBe(0);
  });
});
