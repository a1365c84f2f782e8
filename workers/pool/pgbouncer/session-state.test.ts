// What transaction pooling does to session state, beyond the recordings: the server connection
// keeps it and the next client gets it; PgBouncer carries only its tracked parameters.
import { describe, expect, it } from "vitest";
import { bouncerSetup } from "../testing/bouncer.ts";
import { settle } from "../testing/settle.ts";

describe("session state under transaction pooling", () => {
  it("carries a client's startup application_name to each server it gets, with a SET first", async () => {
    const { open, events } = bouncerSetup({ pool_mode: "transaction" });
    const web = await open("app", "app", { application_name: "web" });
    expect(await web.run("SELECT current_setting('application_name') AS app")).toEqual([{ app: "web" }]);
    expect(events.find((e) => e.kind === "server.link")).toMatchObject({ setVars: "SET application_name='web';" });
    const plain = await open();
    expect(await plain.run("SELECT current_setting('application_name') AS app")).toEqual([{ app: "web" }]); // never set its own
  });

  it("makes a second client's first use of a prepared name collide with the first client's", async () => {
    const { open } = bouncerSetup({ pool_mode: "transaction" });
    const a = await open();
    const b = await open();
    expect(await a.run({ name: "q", text: "SELECT 1 AS n" })).toEqual([{ n: 1 }]);
    expect(await b.run({ name: "q", text: "SELECT 1 AS n" })).toEqual({ error: { message: 'prepared statement "q" already exists', code: "42P05", severity: "ERROR" } });
  });

  it("hands a notification to whichever client holds the listening server when its transaction ends", async () => {
    const { open } = bouncerSetup({ pool_mode: "transaction" });
    const a = await open();
    const b = await open();
    const c = await open();
    await a.run("LISTEN jobs"); // on server 1, given back
    await b.run("BEGIN"); // b holds server 1
    await c.run("NOTIFY jobs, 'x'"); // on server 2
    expect(b.inbox.notifications).toEqual([]);
    await b.run("COMMIT");
    expect(b.inbox.notifications).toEqual([{ channel: "jobs", payload: "x" }]);
    expect(a.inbox.notifications).toEqual([]);
  });

  it("drops a notification that reaches a server no client holds", async () => {
    const { open, events } = bouncerSetup({ pool_mode: "transaction" });
    const b = await open();
    const c = await open();
    await b.run("BEGIN");
    await c.run("BEGIN"); // c opens server 2
    await b.run("LISTEN jobs");
    await b.run("COMMIT"); // server 1 listens, idle
    await c.run("NOTIFY jobs, 'lost'");
    await c.run("COMMIT");
    expect(events.filter((e) => e.kind === "notification.dropped")).toMatchObject([{ channel: "jobs" }]);
    expect([b.inbox.notifications, c.inbox.notifications]).toEqual([[], []]);
  });

  it("resets a server with DISCARD ALL only in session mode", async () => {
    for (const pool_mode of ["session", "transaction"] as const) {
      const { clock, open, events } = bouncerSetup({ pool_mode, default_pool_size: 1 });
      const a = await open();
      await a.run("SELECT pg_advisory_lock(1)");
      await settle(clock, a.client.end());
      const b = await open();
      // b is on a's server either way; only without the reset is a's lock still there to release
      expect(await b.run("SELECT pg_advisory_unlock(1) AS freed"), pool_mode).toEqual([{ freed: pool_mode === "transaction" }]);
      expect(events.filter((e) => e.kind === "server.reset").map((e) => e.query), pool_mode).toEqual(pool_mode === "session" ? ["DISCARD ALL"] : []);
    }
  });

  it("closes the server of a client that leaves inside a transaction", async () => {
    const { clock, open, events, server } = bouncerSetup({ pool_mode: "transaction" });
    const a = await open();
    await a.run("BEGIN");
    await a.run("SELECT pg_advisory_xact_lock(5)");
    await settle(clock, a.client.end());
    expect(events.find((e) => e.kind === "server.close")).toMatchObject({ reason: "client disconnect while server was not ready" });
    const b = await open();
    expect(await b.run("SELECT pg_try_advisory_lock(5) AS got")).toEqual([{ got: true }]);
    expect(server.opened).toBe(2);
  });
});
