// The worker's two protocols (protocol.ts) through real MessageChannels as the browser uses them:
// the page's client (host-client.ts) on the main scope, the sandbox's client (port-client.ts) on
// a run's port, over a real PGlite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { serveHost } from "./api.ts";
import { PostgresEngine } from "./engine.ts";
import { PostgresError } from "./errors.ts";
import { connectHost, type PostgresHostClient } from "./host-client.ts";
import { pgliteOptions } from "./pglite-options.ts";
import { connectLearnerClient } from "./port-client.ts";
import { statementsFor } from "./playground.ts";
import type { StartProgress } from "./protocol.ts";
import type { PostgresTrace } from "./trace.ts";

let db: PGlite;
let main: PostgresHostClient;
let mainPort: MessagePort;
const ports: MessagePort[] = [];
const booted: StartProgress[] = [];

function channel(): MessageChannel {
  const c = new MessageChannel();
  ports.push(c.port1, c.port2);
  return c;
}

beforeAll(async () => {
  db = new PGlite(pgliteOptions());
  const worker = channel();
  serveHost(worker.port1, {
    now: () => performance.now(),
    boot: async (_datasets, onProgress) => {
      onProgress({ phase: "boot", label: "Starting Postgres", done: 0, total: 1 });
      const engine = new PostgresEngine(db, { now: () => performance.now() });
      await engine.seed("feed_items", { rows: 1_000 });
      return { engine, loaded: [] };
    },
  });
  mainPort = worker.port2;
  main = connectHost(worker.port2);
  await main.start([], (p) => void booted.push(p));
});

afterAll(async () => {
  for (const port of ports) port.close();
  await db.close();
});

/** Posts a raw message on the main scope and waits for the answer with its id (null if none). */
function raw(message: Record<string, unknown>, ms = 300): Promise<unknown> {
  return new Promise((resolve) => {
    const listener = (event: MessageEvent) => {
      if ((event.data as { id?: unknown })?.id !== message.id) return;
      clearTimeout(timer);
      mainPort.removeEventListener("message", listener);
      resolve(event.data);
    };
    const timer = setTimeout(() => {
      mainPort.removeEventListener("message", listener);
      resolve(null);
    }, ms);
    mainPort.addEventListener("message", listener);
    mainPort.postMessage(message);
  });
}

async function openRun(statementTimeoutMs = 1_000, now = () => 0) {
  const c = channel();
  const run = await main.beginRun(statementTimeoutMs);
  await main.connect(run, c.port1);
  const traced: PostgresTrace[] = [];
  const client = connectLearnerClient(c.port2, { now, trace: (e) => traced.push(e) });
  return { run, client, traced };
}

describe("the page's side: the worker's main scope", () => {
  it("starts once, with progress and the cold start time", async () => {
    expect(booted).toEqual([{ phase: "boot", label: "Starting Postgres", done: 0, total: 1 }]);
    const again = await main.start([]);
    expect(again.coldStartMs).toBeGreaterThan(0);
    expect(await main.status()).toMatchObject({ datasets: { feed_items: 1_000 }, running: false });
    await main.ping();
  });

  it("resets (seeds again) with progress, every step before the answer", async () => {
    const progress: number[] = [];
    await main.reset((p) => void progress.push(p.done));
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBeGreaterThan(0);
    const { client } = await openRun();
    expect((await client.query("SELECT count(*) FROM feed_items")).rows).toEqual([{ count: "1000" }]);
  });

  it("ending an old run leaves the new one alone, and an ended run takes no port", async () => {
    const first = await openRun();
    const second = await openRun();
    await second.client.query("INSERT INTO feed_items VALUES (-7, now(), 'me', 'second')");
    expect(await main.endRun(first.run)).toEqual({ escaped: false });
    expect((await second.client.query("SELECT count(*) FROM feed_items WHERE id = -7")).rows).toEqual([{ count: "1" }]);
    await expect(main.connect(first.run, new MessageChannel().port1)).rejects.toThrow(/has ended/);
    await main.endRun(second.run);
  });

  it("refuses requests that are not well formed, with an error when they carry an id", async () => {
    for (const request of [
      { id: 9001, op: "beginRun", statementTimeoutMs: 0 }, // would disable the timeout
      { id: 9002, op: "beginRun", statementTimeoutMs: 1_000, plans: false },
      { id: 9003, op: "beginRun" },
      { id: 9004, op: "endRun" },
      { id: 9005, op: "endRun", run: 1, commit: true },
      { id: 9006, op: "seed", dataset: "pg_authid" },
      { id: 9007, op: "seed", dataset: "feed_items", rows: 1 },
      { id: 9008, op: "connect", run: 1, port: "not a port" },
      { id: 9009, op: "query", text: "SELECT 1" }, // the page has no statements of its own to run
      { id: 9010, op: "constructor" },
      { id: 9011, type: "APPLY", path: ["endRun"], argumentList: [] },
    ]) {
      expect(await raw(request), JSON.stringify(request)).toMatchObject({ id: request.id, ok: false, error: { message: expect.stringMatching(/^Refused/) } });
    }
    expect(await raw({ id: "x", op: "ping" })).toBeNull();
    expect(await raw({ id: 1.5, op: "ping" })).toBeNull();
  });
});

describe("the sandbox's side: a run's port", () => {
  it("serves the learner calls: results, PostgresErrors and trace events on the run's clock", async () => {
    let clock = 1000;
    const { run, client, traced } = await openRun(1_000, () => clock++);
    await client.query("INSERT INTO feed_items VALUES (-1, now(), 'me', 'from the sandbox')");
    const { rows, fields } = await client.query<{ content: string }>("SELECT content FROM feed_items WHERE id = $1", [-1]);
    expect(rows).toEqual([{ content: "from the sandbox" }]);
    expect(fields).toEqual([{ name: "content", dataTypeID: 25 }]);

    const error = await client.query("SELECT id FROM feed_items ORDER BY id LIMT 5").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostgresError);
    expect(error).toMatchObject({ code: "42601", position: 39, name: "error", message: 'syntax error at or near "LIMT"' });

    const plan = await client.explain("SELECT * FROM feed_items WHERE id > $1 ORDER BY id LIMIT 5", [10]);
    expect(plan).toHaveProperty("Plan");

    expect(await main.endRun(run)).toEqual({ escaped: false });
    expect(traced.map((e) => e.t)).toEqual([1000, 1001, 1002, 1003]);
    expect(traced[2].error).toMatchObject({ code: "42601", position: 39 });
    expect(traced[3].summary).toEqual({ scanned: 5, discarded: 0, returned: 5 });
    const next = await openRun();
    expect((await next.client.query("SELECT count(*) FROM feed_items WHERE id = -1")).rows).toEqual([{ count: "0" }]);
    await main.endRun(next.run);
  });

  it("refuses values that are not query parameters, and says why", async () => {
    const { run, client } = await openRun();
    await expect(client.query("SELECT $1::text", [new Map()])).rejects.toThrow("Refused: values[0]: a Map cannot be a query parameter");
    await expect(client.query("SELECT $1::text", [() => 1])).rejects.toThrow(); // DataCloneError, in the sandbox
    expect((await client.query("SELECT $1::int AS n, $2::jsonb AS j", [1, { a: [1, "x"] }])).rows).toEqual([{ n: 1, j: { a: [1, "x"] } }]);
    await main.endRun(run);
  });

  it("gives another engine the time Postgres spent on each statement, without the port's round trip", async () => {
    // A relay that holds every message 150 ms each way: the port's round trip is then 300 ms.
    const c = channel();
    const relay = channel();
    const run = await main.beginRun(1_000);
    await main.connect(run, c.port1);
    c.port2.onmessage = (e) => void setTimeout(() => relay.port1.postMessage(e.data), 150);
    relay.port1.onmessage = (e) => void setTimeout(() => c.port2.postMessage(e.data), 150);
    const env = { now: () => performance.now(), trace: () => {}, port: (name: string) => (name === "postgres" ? relay.port2 : undefined) };
    const statements = statementsFor(env);
    if (!statements) throw new Error("no statements with a port");

    const started = performance.now();
    const quick = await statements("SELECT 1 AS one");
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(quick.rows).toEqual([{ one: 1 }]);
    expect(quick.ms).toBeLessThan(150);
    const slow = await statements("SELECT pg_sleep(0.08)");
    expect(slow.ms).toBeGreaterThanOrEqual(75);
    expect(slow.ms).toBeLessThan(230);
    const failed = await statements("SELECT 1/0").catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(PostgresError);
    expect((failed as { durationMs?: number }).durationMs).toBeLessThan(150);
    await main.endRun(run);
  });
});
