// The Client against node-postgres 8's behaviour (pg/lib/client.js): its error texts, which
// errors reject a query and which become 'error' events, and the per-connection prepared names.
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../shared/virtual-clock.ts";
import { Client } from "./client.ts";
import { directConnect } from "./direct.ts";
import { PostgresServer, type Backend } from "./server.ts";
import { fakePostgres } from "./testing/fake-postgres.ts";
import { settle } from "./testing/settle.ts";

function setup(maxConnections = 10) {
  const clock = new VirtualClock();
  const server = new PostgresServer(clock, { maxConnections, superuserReservedConnections: 0 });
  const backends: Backend[] = [];
  const connect = server.connect.bind(server);
  server.connect = (request, done) => connect(request, (r) => ("backend" in r && backends.push(r.backend), done(r)));
  const client = () => {
    const c = new Client({ clock, connect: directConnect({ clock, server, execute: fakePostgres() }) });
    const errors: string[] = [];
    c.on("error", (e) => errors.push(e.message));
    return { c, errors };
  };
  return { clock, server, backends, client };
}

describe("Client", () => {
  it("rejects connect with the server's refusal, and emits no 'error' for it", async () => {
    const { clock, client } = setup(1);
    const a = client();
    const b = client();
    expect((await settle(clock, a.c.connect())).ok).toBe(true);
    expect(await settle(clock, b.c.connect())).toEqual({ ok: false, error: { message: "sorry, too many clients already", code: "53300", severity: "FATAL" } });
    expect(b.errors).toEqual([]);
    expect(await settle(clock, a.c.connect())).toEqual({ ok: false, error: { message: "Client has already been connected. You cannot reuse a client." } });
  });

  it("is not queryable after end(), and returns one result per statement of a multi-statement query", async () => {
    const { clock, client } = setup();
    const { c } = client();
    await settle(clock, c.connect());
    const o = await settle(clock, c.query("SET work_mem = '8MB'; SHOW work_mem"));
    expect(o.ok && (o.value as { command: string }[]).map((r) => r.command)).toEqual(["SET", "SHOW"]);
    await settle(clock, c.end());
    expect(await settle(clock, c.query("SELECT 1 AS n"))).toEqual({ ok: false, error: { message: "Client was closed and is not queryable" } });
  });

  it("refuses a prepared name reused for another text, before sending anything", async () => {
    const { clock, client } = setup();
    const { c } = client();
    await settle(clock, c.connect());
    await settle(clock, c.query({ name: "q", text: "SELECT 1 AS n" }));
    expect(await settle(clock, c.query({ name: "q", text: "SELECT 2 AS n" }))).toEqual({
      ok: false,
      error: { message: "Prepared statements must be unique - 'q' was used for a different statement" },
    });
  });

  it("hears a killed backend as 'error' events when idle, then is not queryable", async () => {
    const { clock, server, backends, client } = setup();
    const { c, errors } = client();
    await settle(clock, c.connect());
    server.terminate(backends[0]);
    await settle(clock, new Promise((r) => clock.setTimeout(() => r(null), 5)));
    expect(errors).toEqual(["terminating connection due to administrator command", "Connection terminated unexpectedly"]);
    expect(await settle(clock, c.query("SELECT 1 AS n"))).toEqual({ ok: false, error: { message: "Client has encountered a connection error and is not queryable" } });
  });

  it("rejects the running query with the FATAL, then emits the unexpected end", async () => {
    const { clock, server, backends, client } = setup();
    const { c, errors } = client();
    await settle(clock, c.connect());
    const q = c.query("SELECT pg_sleep(1)");
    clock.setTimeout(() => server.terminate(backends[0]), 100);
    expect(await settle(clock, q)).toEqual({ ok: false, error: { message: "terminating connection due to administrator command", code: "57P01", severity: "FATAL" } });
    await settle(clock, new Promise((r) => clock.setTimeout(() => r(null), 5)));
    expect(errors).toEqual(["Connection terminated unexpectedly"]);
  });

  it("throws an 'error' nobody listens for, as an EventEmitter does, unless told where it goes", async () => {
    const { clock, server, backends } = setup();
    const heard: string[] = [];
    const c = new Client({ clock, connect: directConnect({ clock, server, execute: fakePostgres() }), unhandledError: (e) => heard.push(e.message) });
    await settle(clock, c.connect());
    server.terminate(backends[0]);
    expect(heard).toEqual(["terminating connection due to administrator command", "Connection terminated unexpectedly"]);
    const bare = new Client({ clock, connect: directConnect({ clock, server, execute: fakePostgres() }) });
    await settle(clock, bare.connect());
    server.terminate(backends[1]);
    expect(server.connections).toBe(0);
    expect(() => clock.step()).toThrow("terminating connection due to administrator command");
  });
});
