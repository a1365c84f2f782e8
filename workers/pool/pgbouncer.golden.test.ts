// Replays the recordings of kind 'pgbouncer' (golden/pool.json): PgBouncer 1.18 between
// node-postgres Clients and Postgres 15, step by step, on the virtual clock — the model's
// PgBouncer, node-postgres-like Clients, the Postgres server model and a stand-in for the
// statements' plain SQL. Awaited steps run the clock until their promise settles.
// (readGolden reads golden/pool.json from $GOLDEN_DIR instead when that is set.)
import { describe, expect, it } from "vitest";
import { readGolden } from "../testing/golden.ts";
import type { PgBouncerConfig } from "./pgbouncer/index.ts";
import { bouncerSetup, emptyInbox, type Held } from "./testing/bouncer.ts";
import { Burst } from "./testing/burst.ts";
import { advanceTo, settle, type Outcome } from "./testing/settle.ts";

type Expect = Record<string, unknown>;
type Step = { client?: string; do?: string; sql?: string; name?: string; nowait?: boolean; database?: string; expect?: Expect } & Record<string, unknown>;

interface BouncerCase {
  name: string;
  kind: string;
  pgbouncer: Pick<PgBouncerConfig, "pool_mode" | "default_pool_size" | "max_client_conn" | "query_wait_timeout">;
  server?: { max_connections: number; superuser_reserved_connections: number };
  steps: Step[];
}

const cases = readGolden<{ cases: BouncerCase[] }>("pool.json").cases.filter((c) => c.kind === "pgbouncer");

/** A query's outcome as the recordings write it. */
const asRows = (o: Outcome<unknown>) => (o.ok ? { rows: (o.value as { rows: unknown[] }).rows } : { error: o.error });

/** node-postgres gives int8 columns as strings; the recorder wrote numbers as numbers. */
const numbers = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v]));

async function replay(c: BouncerCase): Promise<void> {
  const server = c.server && { maxConnections: c.server.max_connections, superuserReservedConnections: c.server.superuser_reserved_connections };
  const { clock, client, admin } = bouncerSetup(c.pgbouncer, server);
  const clients = new Map<string, Held & { nowait?: Promise<unknown> }>();
  const burst = new Burst(clock, () => client().client);

  for (const [i, step] of c.steps.entries()) {
    const where = `${c.name}, step ${i + 1} ${JSON.stringify({ ...step, expect: undefined })}`;
    const held = step.client ? clients.get(step.client) : undefined;
    if (step.do === "connect") {
      const fresh = client(step.database);
      clients.set(step.client!, fresh);
      const o = await settle(clock, fresh.client.connect());
      expect(o.ok ? { ok: true } : { error: o.error }, where).toEqual(step.expect);
    } else if (step.sql !== undefined && step.client) {
      const q = held!.client.query(step.name ? { name: step.name, text: step.sql } : step.sql);
      if (step.nowait) {
        held!.nowait = q;
        q.catch(() => {});
      } else expect(asRows(await settle(clock, q)), where).toEqual(step.expect);
    } else if (step.do === "await") {
      expect(asRows(await settle(clock, held!.nowait!)), where).toEqual(step.expect);
    } else if (step.do === "end") {
      const o = await settle(clock, held!.client.end());
      expect(o.ok ? { ok: true } : { error: o.error }, where).toEqual(step.expect);
    } else if (step.do === "inbox") {
      expect(held!.inbox, where).toEqual(step.expect);
      held!.inbox = emptyInbox();
    } else if (step.do === "sleep") {
      await advanceTo(clock, clock.now() + (step.ms as number));
    } else if (step.do === "admin") {
      const { rows } = await admin(step.sql!);
      const app = rows.filter((r) => r.database === "app");
      const columns = step.columns as string[] | undefined;
      const got = step.count ? { count: app.length } : { rows: app.map((r) => numbers(Object.fromEntries(columns!.map((k) => [k, r[k]])))) };
      expect(got, where).toEqual(step.expect);
    } else if (step.do === "admin_columns") {
      const { fields } = await admin(step.sql!);
      expect({ columns: fields.map((f) => f.name) }, where).toEqual(step.expect);
    } else if (step.do === "burst") {
      expect(await burst.start(step.clients as number, step.sleep_ms as number, step.observe_ms as number), where).toEqual(step.expect);
    } else if (step.do === "end_completed") {
      expect({ ended: await burst.endCompleted() }, where).toEqual(step.expect);
    } else if (step.do === "burst_observe") {
      expect(await burst.observe(step.observe_ms as number), where).toEqual(step.expect);
    } else {
      throw new Error(`${where}: a step this replay does not know`);
    }
  }
}

describe("PgBouncer against PgBouncer 1.18 (golden/pool.json, kind 'pgbouncer')", () => {
  it("has recordings to replay", () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) it(c.name, () => replay(c));
});
