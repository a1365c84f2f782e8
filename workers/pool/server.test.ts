// Replays the recordings of kind 'server' (golden/pool.json): Postgres 15's connection limits as
// node-postgres reported them, refusal texts and all.
// (readGolden reads golden/pool.json from $GOLDEN_DIR instead when that is set.)
import { describe, expect, it } from "vitest";
import { readGolden } from "../testing/golden.ts";
import { VirtualClock } from "../shared/virtual-clock.ts";
import { PostgresServer, type Backend, type ServerError, type ServerEvent } from "./server.ts";

interface ServerCase {
  name: string;
  kind: string;
  server: { max_connections: number; superuser_reserved_connections: number };
  role_connection_limit?: number;
  database_connection_limit?: number;
  steps: ({ open: string; as: "app" | "su"; database?: string; expect: { ok: true } | { error: ServerError } } | { close: string; expect: { ok: true } })[];
}

const cases = readGolden<{ cases: ServerCase[] }>("pool.json").cases.filter((c) => c.kind === "server");

describe("the Postgres server model against Postgres 15 (golden/pool.json, kind 'server')", () => {
  it("has recordings to replay", () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(c.name, () => {
      const clock = new VirtualClock();
      const server = new PostgresServer(clock, {
        maxConnections: c.server.max_connections,
        superuserReservedConnections: c.server.superuser_reserved_connections,
        roleConnectionLimits: c.role_connection_limit === undefined ? undefined : { app: c.role_connection_limit },
        databaseConnectionLimits: c.database_connection_limit === undefined ? undefined : { limited: c.database_connection_limit },
      });
      const open = new Map<string, Backend>();
      for (const step of c.steps) {
        if ("open" in step) {
          let outcome: { ok: true } | { error: ServerError } | undefined;
          server.connect({ role: step.as === "su" ? "postgres" : "app", superuser: step.as === "su", database: step.database ?? "app" }, (r) => {
            if ("backend" in r) open.set(step.open, r.backend);
            outcome = "backend" in r ? { ok: true } : { error: r.error };
          });
          while (!outcome && clock.step());
          expect(outcome, `${step.open}`).toEqual(step.expect);
        } else {
          let gone = false;
          server.close(open.get(step.close)!, () => (gone = true));
          while (!gone && clock.step());
          expect(gone).toBe(true);
        }
      }
    });
  }
});

describe("the server model's timeline", () => {
  it("charges each step of a connection in order and reports them", () => {
    const clock = new VirtualClock();
    const events: ServerEvent[] = [];
    const server = new PostgresServer(clock, { costs: { tcpMs: 2, backendStartMs: 20, tlsMs: 10, authMs: 8 } }, (e) => events.push(e));
    let readyAt = -1;
    server.connect({ role: "app", database: "app" }, () => (readyAt = clock.now()));
    clock.advanceTo(1000);
    expect(readyAt).toBe(40);
    expect(events.filter((e) => e.kind === "open.step").map((e) => (e as { step: string }).step)).toEqual(["tcpMs", "backendStartMs", "tlsMs", "authMs"]);
    expect(events.at(-1)).toMatchObject({ kind: "opened", costMs: 40, connections: 1 });
    expect(server.memoryMb).toBe(10);
  });

  it("never answers when unresponsive, and an aborted attempt holds no slot", () => {
    const clock = new VirtualClock();
    const server = new PostgresServer(clock, { unresponsive: true });
    let called = false;
    const attempt = server.connect({ role: "app", database: "app" }, () => (called = true));
    clock.advanceTo(60_000);
    attempt.abort();
    expect(called).toBe(false);
    expect(server.connections).toBe(0);
  });

  it("tells a terminated backend's client why (57P01) and frees its slot at once", () => {
    const clock = new VirtualClock();
    const server = new PostgresServer(clock);
    let backend: Backend | undefined;
    server.connect({ role: "app", database: "app" }, (r) => "backend" in r && (backend = r.backend));
    clock.advanceTo(100);
    let heard: ServerError | undefined;
    backend!.onTerminated = (e) => (heard = e);
    server.terminate(backend!);
    expect(heard).toEqual({ message: "terminating connection due to administrator command", code: "57P01", severity: "FATAL" });
    expect(server.connections).toBe(0);
  });
});
