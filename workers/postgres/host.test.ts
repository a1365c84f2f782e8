// The page's Postgres host (host.ts) booted in Node: its worker is a real PGlite and engine served
// in-process (test-host.ts), so start, prepareRun, finish and the restart of a stuck worker run as
// they do in the browser.
import { afterAll, describe, expect, it, vi } from "vitest";
import type { HostedLesson } from "../sandbox/hosted-engines.ts";
import { createPostgresHost, type PostgresHost } from "./host.ts";
import { connectLearnerClient } from "./port-client.ts";
import type { PostgresState } from "./state.ts";
import type { CopyStore } from "./kept-copy.ts";
import { createTestHost, inProcessWorker, memoryStore } from "./test-host.ts";
import type { PostgresTrace } from "./trace.ts";

const ROWS = 1_000;
const workers: ReturnType<typeof inProcessWorker>[] = [];

const host = createPostgresHost({
  spawn: () => {
    const worker = inProcessWorker({ feed_items: ROWS });
    workers.push(worker);
    return worker;
  },
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
});

const lesson = (timeoutMs: number): HostedLesson => ({ timeoutMs, datasets: ["feed_items"] });

async function openRun(timeoutMs: number) {
  const run = await host.prepareRun(lesson(timeoutMs));
  const traced: PostgresTrace[] = [];
  const client = connectLearnerClient(run.port, { now: () => 0, trace: (e) => traced.push(e) });
  return { run, client, traced };
}

describe("the Postgres host", () => {
  it("starts for a lesson as one bar that only moves forward, saying meanwhile what a Run would wait for", async () => {
    const seen: { state: PostgresState; waitsFor: string | null }[] = [];
    const stop = host.state.subscribe((state) => seen.push({ state, waitsFor: host.runWaitsFor() }));
    await host.start(lesson(5000));
    stop();
    expect(seen.find((s) => s.state.phase === "starting")?.waitsFor).toBe("Postgres and its data");
    expect(seen.find((s) => s.state.phase === "seeding")?.waitsFor).toBe("the data to finish loading");
    const fractions = seen.map((s) => s.state.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(host.state.getState()).toMatchObject({ phase: "ready", fraction: 1, datasets: ["feed_items"], error: null });
    // Ready, then a copy of the data is kept for the next visit; a Run waits for that too.
    if (host.state.getState().keeping) expect(host.runWaitsFor()).toBe("a copy of the database to be kept");
    await vi.waitFor(() => expect(host.state.getState().keeping).toBe(false), { timeout: 30_000, interval: 50 });
    expect(host.runWaitsFor()).toBeNull();
  });

  it("opens each run under the lesson's time limit, at most 5 s; events come with the answers; finish rolls back", async () => {
    const short = await openRun(300);
    expect((await short.client.query("SHOW statement_timeout")).rows).toEqual([{ statement_timeout: "300ms" }]);
    await short.client.query("INSERT INTO feed_items VALUES (-1, now(), 'me', 'mine')");
    expect(short.traced.map((e) => e.text)).toEqual(["SHOW statement_timeout", "INSERT INTO feed_items VALUES (-1, now(), 'me', 'mine')"]);
    await short.run.finish();

    const long = await openRun(60_000);
    expect((await long.client.query("SHOW statement_timeout")).rows).toEqual([{ statement_timeout: "5s" }]);
    expect((await long.client.query("SELECT count(*) AS n FROM feed_items")).rows).toEqual([{ n: String(ROWS) }]);
    await long.run.finish();
  });

  it("ends a worker that stops answering during a run, tells the run why, and comes back seeded", async () => {
    const { run } = await openRun(100);
    const spawned = workers.length;
    // Every message to the worker goes unanswered from now on, pings included, as when a statement
    // PGlite cannot cancel blocks it.
    const stuck = workers.at(-1)!;
    const postMessage = stuck.postMessage;
    stuck.postMessage = () => {};
    try {
      // The watchdog allows the statement timeout and 5 s of grace.
      expect(await run.failure).toMatch(/^Postgres stopped answering/);
    } finally {
      stuck.postMessage = postMessage;
    }
    expect(host.state.getState().restarting).toBe(true);
    await run.finish(); // the dead worker's transaction died with it: nothing to wait for
    expect(workers.length).toBe(spawned + 1);
    await vi.waitFor(() => expect(host.state.getState()).toMatchObject({ phase: "ready", restarting: false, datasets: ["feed_items"] }), { timeout: 60_000, interval: 100 });
    const next = await openRun(5000);
    expect((await next.client.query("SELECT count(*) AS n FROM feed_items")).rows).toEqual([{ n: String(ROWS) }]);
    await next.run.finish();
  }, 60_000);
});

describe("the Postgres host with a kept copy", () => {
  const seeded = (host: PostgresHost) => {
    const labels: string[] = [];
    const stop = host.state.subscribe((s) => labels.push(s.label));
    return { labels, stop };
  };

  it("keeps the seeded database; the next visit, a reset and a changed or corrupt copy", async () => {
    const store = memoryStore();
    const first = createTestHost({ rows: { feed_items: ROWS }, store });
    const visit = seeded(first.host);
    await first.host.start(lesson(5000));
    await vi.waitFor(() => expect(store.copies.get("feed_items")?.datasets).toEqual({ feed_items: ROWS }), { timeout: 30_000, interval: 50 });
    visit.stop();
    expect(visit.labels.some((l) => l.startsWith("Loading feed_items rows"))).toBe(true);

    // 1. A return visit loads the copy: nothing is seeded, the rows are there.
    const again = createTestHost({ rows: { feed_items: ROWS }, store });
    const back = seeded(again.host);
    const run = await again.host.prepareRun(lesson(5000));
    const client = connectLearnerClient(run.port, { now: () => 0, trace: () => {} });
    expect((await client.query("SELECT count(*) AS n FROM feed_items")).rows).toEqual([{ n: String(ROWS) }]);
    await client.query("DELETE FROM feed_items");
    await run.finish();
    back.stop();
    expect(back.labels.some((l) => l.startsWith("Loading feed_items rows"))).toBe(false);

    // 2. Reset loads the copy again (a fresh worker), without seeding.
    const reset = seeded(again.host);
    await again.host.reset();
    reset.stop();
    expect(reset.labels.some((l) => l.startsWith("Loading feed_items rows"))).toBe(false);
    expect(again.host.state.getState()).toMatchObject({ phase: "ready", datasets: ["feed_items"] });
    await again.close();

    // 3. A corrupt copy is deleted and the data seeded again (and kept again).
    const copy = store.copies.get("feed_items")!;
    store.copies.set("feed_items", { ...copy, data: copy.data.slice(0, copy.data.size >> 1) });
    const third = createTestHost({ rows: { feed_items: ROWS }, store });
    const reseeded = seeded(third.host);
    await third.host.start(lesson(5000));
    reseeded.stop();
    expect(reseeded.labels.some((l) => l.startsWith("Loading feed_items rows"))).toBe(true);
    await vi.waitFor(() => expect(store.copies.get("feed_items")?.data.size).toBeGreaterThan(copy.data.size >> 1), { timeout: 30_000, interval: 50 });
    await third.close();

    // 4. Another size (a changed dataset definition) is not taken for this one.
    const bigger = createTestHost({ rows: { feed_items: ROWS + 1 }, store });
    const other = seeded(bigger.host);
    await bigger.host.start(lesson(5000));
    other.stop();
    expect(other.labels.some((l) => l.startsWith("Loading feed_items rows"))).toBe(true);
    await bigger.close();
    await first.close();
  }, 120_000);

  it("makes a run opened while the copy is kept wait for it, without counting the wait as the worker being stuck", async () => {
    const store = memoryStore();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The copy is kept only once released, and the worker says nothing meanwhile (as PGlite's one
    // thread, held by dumpDataDir, answers nothing).
    const slow: CopyStore = { ...store, put: async (copy) => (await held, store.put(copy)) };
    const worker = inProcessWorker({ feed_items: ROWS }, slow);
    const saving = createPostgresHost({ spawn: () => worker });
    try {
      await saving.start(lesson(100));
      expect(saving.state.getState()).toMatchObject({ phase: "ready", keeping: true });
      expect(saving.runWaitsFor()).toBe("a copy of the database to be kept");
      const postMessage = worker.postMessage;
      worker.postMessage = () => {};
      const opening = saving.prepareRun(lesson(100));
      // Past the watchdog's limit for this lesson (its 100 ms statement timeout and 5 s of grace).
      await new Promise((resolve) => setTimeout(resolve, 5_600));
      worker.postMessage = postMessage;
      release();
      const run = await opening;
      expect(store.copies.has("feed_items")).toBe(true);
      expect(saving.state.getState().keeping).toBe(false);
      const client = connectLearnerClient(run.port, { now: () => 0, trace: () => {} });
      expect((await client.query("SELECT count(*) AS n FROM feed_items")).rows).toEqual([{ n: String(ROWS) }]);
      expect(await Promise.race([run.failure, new Promise((resolve) => setTimeout(() => resolve("still answering"), 700))])).toBe("still answering");
      await run.finish();
    } finally {
      release();
      await worker.close();
    }
  }, 60_000);
});
