// The worker's API and the port protocol, through real MessageChannels as the browser would use
// them (comlink on both ends), over a real PGlite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Comlink from "comlink";
import { PGlite } from "@electric-sql/pglite";
import { createHost, keepErrorFieldsAcrossComlink, type PostgresWorkerApi, type StartProgress } from "./api.ts";
import { PostgresEngine } from "./engine.ts";
import { PostgresError } from "./errors.ts";
import { pgliteOptions } from "./pglite-options.ts";
import { connectLearnerClient } from "./port-client.ts";
import type { PostgresTrace } from "./trace.ts";

let db: PGlite;
let main: Comlink.Remote<PostgresWorkerApi>;
const ports: MessagePort[] = [];
const booted: StartProgress[] = [];

function channel(): MessageChannel {
  const c = new MessageChannel();
  ports.push(c.port1, c.port2);
  return c;
}

beforeAll(async () => {
  db = new PGlite(pgliteOptions());
  keepErrorFieldsAcrossComlink();
  const host = createHost({
    now: () => performance.now(),
    schedule: (flush) => setTimeout(flush, 0),
    boot: async (onProgress) => {
      onProgress({ label: "Starting Postgres", done: 0, total: 1 });
      const engine = new PostgresEngine(db, { now: () => performance.now(), onTrace: (event) => host.trace(event) });
      await engine.seed("feed_items", { rows: 1_000 });
      return engine;
    },
  });
  const worker = channel();
  Comlink.expose(host.api, worker.port1);
  main = Comlink.wrap<PostgresWorkerApi>(worker.port2);
  await main.start(Comlink.proxy((p: StartProgress) => void booted.push(p)));
});

afterAll(async () => {
  for (const port of ports) port.close();
  await db.close();
});

describe("the main thread's API", () => {
  it("starts once, with progress and the cold start time", async () => {
    expect(booted).toEqual([{ label: "Starting Postgres", done: 0, total: 1 }]);
    const again = await main.start();
    expect(again.coldStartMs).toBeGreaterThan(0);
    expect(await main.status()).toMatchObject({ datasets: { feed_items: 1_000 }, running: false });
  });

  it("query errors cross comlink with their code and position", async () => {
    const error = await main.query("SELECT * FROM nosuch").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ message: 'relation "nosuch" does not exist', code: "42P01", position: 15 });
  });

  it("sends trace events in batches to subscribers", async () => {
    const batches: PostgresTrace[][] = [];
    const id = await main.onTrace(Comlink.proxy((batch: PostgresTrace[]) => void batches.push(batch)));
    await main.beginRun();
    await main.query("SELECT 1");
    await main.query("SELECT 2");
    await main.endRun();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await main.offTrace(id);
    expect(batches.flat().map((e) => e.text)).toEqual(["SELECT 1", "SELECT 2"]);
  });

  it("seeds with progress through a proxied callback", async () => {
    const progress: number[] = [];
    await main.seed("feed_items", { rows: 500 }, Comlink.proxy((p: { done: number }) => void progress.push(p.done)));
    // The callback's calls travel on a channel of their own, so they may land after the reply.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(progress.length).toBeGreaterThan(3);
    expect((await main.query("SELECT count(*) FROM feed_items")).rows).toEqual([{ count: "500" }]);
  });
});

describe("a port handed to a sandbox", () => {
  it("serves the learner calls: results, PostgresErrors and trace events on the run's clock", async () => {
    const sandbox = channel();
    await main.connect(Comlink.transfer(sandbox.port1, [sandbox.port1]));
    const traced: PostgresTrace[] = [];
    let clock = 1000;
    const client = connectLearnerClient(sandbox.port2, { now: () => clock++, trace: (e) => traced.push(e) });

    await client.beginRun({ statementTimeoutMs: 1_000 });
    await client.query("INSERT INTO feed_items VALUES (-1, now(), 'me', 'from the sandbox')");
    const { rows, fields } = await client.query<{ content: string }>("SELECT content FROM feed_items WHERE id = $1", [-1]);
    expect(rows).toEqual([{ content: "from the sandbox" }]);
    expect(fields).toEqual([{ name: "content", dataTypeID: 25 }]);

    const error = await client.query("SELECT id FROM feed_items ORDER BY id LIMT 5").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostgresError);
    expect(error).toMatchObject({ code: "42601", position: 39, name: "error" });

    const plan = await client.explain("SELECT * FROM feed_items WHERE id > $1 ORDER BY id LIMIT 5", [10]);
    expect(plan).toHaveProperty("Plan");

    const report = await client.endRun();
    expect(report.trace).toHaveLength(4);
    expect(traced.map((e) => e.t)).toEqual([1000, 1001, 1002, 1003]);
    expect(traced[2].error).toMatchObject({ code: "42601", position: 39 });
    expect(traced[3].summary).toEqual({ scanned: 5, discarded: 0, returned: 5 });
    expect((await main.query("SELECT count(*) FROM feed_items WHERE id = -1")).rows).toEqual([{ count: "0" }]);
    client.close();
  });
});
