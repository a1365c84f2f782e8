import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { PostgresEngine, type SeedProgress } from "./engine.ts";
import { PostgresError } from "./errors.ts";
import { pgliteOptions } from "./pglite-options.ts";

const ROWS = 20_000;
let db: PGlite;
let engine: PostgresEngine;
let clock = 0;
const progress: SeedProgress[] = [];

beforeAll(async () => {
  db = new PGlite(pgliteOptions());
  // A fake clock: every reading advances it by 1 ms, so times are exact.
  engine = new PostgresEngine(db, { now: () => clock++ });
  await engine.seed("feed_items", { rows: ROWS, onProgress: (p) => progress.push(p) });
});
afterAll(() => db.close());

/** The rejection of a promise, which must reject. */
async function rejection(promise: Promise<unknown>): Promise<PostgresError> {
  try {
    await promise;
  } catch (error) {
    return error as PostgresError;
  }
  throw new Error("expected the statement to fail");
}

describe("seeding", () => {
  it("reports progress in steps up to done === total, with rows loaded", () => {
    expect(progress.length).toBeGreaterThan(5);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i].done).toBeGreaterThanOrEqual(progress[i - 1].done);
      // Each step says its share, which is how far the next report moves.
      expect(progress[i].done).toBeCloseTo(progress[i - 1].done + progress[i - 1].step);
    }
    const last = progress[progress.length - 1];
    expect(last).toMatchObject({ dataset: "feed_items", phase: "done", rowsLoaded: ROWS, rows: ROWS });
    expect(last.done).toBe(last.total);
    expect(last.step).toBe(0);
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(["prepare", "rows", "index", "analyze"]));
  });

  it("makes the table deterministically, with shared timestamps and the indexes", async () => {
    const { rows } = await engine.query(
      `SELECT count(*) AS n, count(DISTINCT created_at) AS stamps, min(id) AS lo, max(id) AS hi FROM feed_items`,
    );
    expect(rows[0]).toEqual({ n: String(ROWS), stamps: String(ROWS / 5), lo: "1", hi: String(ROWS) });
    const indexes = await engine.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE tablename = 'feed_items' ORDER BY 1`);
    expect(indexes.rows.map((r) => r.indexdef)).toEqual([
      "CREATE INDEX feed_items_created_at_id_idx ON public.feed_items USING btree (created_at, id)",
      "CREATE UNIQUE INDEX feed_items_pkey ON public.feed_items USING btree (id)",
    ]);
    const first = await engine.query(`SELECT author, content FROM feed_items WHERE id = 1`);
    expect(first.rows[0]).toEqual({ author: "user_759", content: "Post #1 about backups" });
  });

  it("has no data checksums, so a VACUUM after loading logs no whole pages for hint bits", async () => {
    expect((await db.query(`SHOW data_checksums`)).rows).toEqual([{ data_checksums: "off" }]);
    // Loaded as a seed loads (created and filled in one transaction), then vacuumed: with
    // checksums the VACUUM logged every heap page whole (8 kB each).
    await db.exec(`BEGIN; CREATE TABLE wal_probe AS SELECT g, 'row ' || g AS t FROM generate_series(1, 50000) AS g; COMMIT;`);
    const heap = await db.query<{ bytes: number }>(`SELECT pg_relation_size('wal_probe')::int AS bytes`);
    const before = await db.query<{ lsn: string }>(`SELECT pg_current_wal_lsn()::text AS lsn`);
    await db.exec(`VACUUM (ANALYZE) wal_probe`);
    const written = await db.query<{ bytes: number }>(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::int AS bytes`, [before.rows[0].lsn]);
    await db.exec(`DROP TABLE wal_probe`);
    expect(heap.rows[0].bytes).toBeGreaterThan(1_000_000);
    expect(written.rows[0].bytes).toBeLessThan(heap.rows[0].bytes / 4);
  });

  it("seeds the search corpus with its full-text and trigram indexes", async () => {
    await engine.seed("documents", { rows: 2_000 });
    const { rows } = await engine.query<{ n: string }>(
      `SELECT count(*) AS n FROM documents WHERE to_tsvector('english', title || ' ' || body) @@ to_tsquery('english', 'time')`,
    );
    expect(Number(rows[0].n)).toBeGreaterThan(100); // a frequent word is in many documents
    const indexes = await engine.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'documents' ORDER BY 1`);
    expect(indexes.rows.map((r) => r.indexname)).toEqual(["documents_fts_idx", "documents_pkey", "documents_title_trgm_idx"]);
    expect(await engine.status()).toMatchObject({ datasets: { feed_items: ROWS, documents: 2_000 }, plans: true, trigram: true });
  });
});

describe("the learner API", () => {
  it("query gives node-postgres's result shape (int8 as a string, timestamptz as a Date)", async () => {
    const result = await engine.query("SELECT id, created_at, author FROM feed_items WHERE id = $1", [42]);
    expect(result).toEqual({
      command: "SELECT",
      rowCount: 1,
      rows: [{ id: "42", created_at: new Date("2024-01-01T00:00:08Z"), author: expect.any(String) }],
      fields: [
        { name: "id", dataTypeID: 20 },
        { name: "created_at", dataTypeID: 1184 },
        { name: "author", dataTypeID: 25 },
      ],
    });
  });

  it("explain gives the EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) plan of the statement", async () => {
    const plan = (await engine.explain("SELECT * FROM feed_items WHERE id > $1 ORDER BY id LIMIT 5", [10])) as Record<string, unknown>;
    expect(plan).toHaveProperty("Plan");
    expect(plan).toHaveProperty("Execution Time");
    expect((plan.Plan as Record<string, unknown>)["Actual Rows"]).toBe(5);
    expect(plan.Plan).toHaveProperty("Shared Hit Blocks");
  });

  it("a run's writes are rolled back when it ends", async () => {
    await engine.beginRun();
    const inserted = await engine.query("INSERT INTO feed_items VALUES ($1, now(), 'me', 'hello')", [ROWS + 1]);
    expect(inserted).toMatchObject({ command: "INSERT", rowCount: 1, rows: [] });
    expect((await engine.query("SELECT count(*) FROM feed_items WHERE id = $1", [ROWS + 1])).rows).toEqual([{ count: "1" }]);
    expect(await engine.endRun()).toMatchObject({ escaped: false });
    expect((await engine.query("SELECT count(*) FROM feed_items WHERE id = $1", [ROWS + 1])).rows).toEqual([{ count: "0" }]);
  });

  it("a run's TRUNCATE and a temp table of its own are rolled back too: the table is whole, its indexes used", async () => {
    await engine.beginRun();
    await engine.query("CREATE TEMP TABLE kept ON COMMIT DROP AS SELECT * FROM feed_items WHERE id <= 100");
    await engine.query("TRUNCATE feed_items");
    expect(await engine.query("INSERT INTO feed_items SELECT * FROM kept")).toMatchObject({ rowCount: 100 });
    expect((await engine.query("SELECT count(*) FROM feed_items")).rows).toEqual([{ count: "100" }]);
    expect(await engine.endRun()).toMatchObject({ escaped: false });
    expect((await engine.query("SELECT count(*), max(id) FROM feed_items")).rows).toEqual([{ count: String(ROWS), max: String(ROWS) }]);
    expect((await engine.query("SELECT to_regclass('pg_temp.kept') AS kept")).rows).toEqual([{ kept: null }]);
    const plan = (await engine.explain("SELECT id FROM feed_items WHERE id = $1", [ROWS])) as { Plan: Record<string, unknown> };
    expect(plan.Plan["Node Type"]).toMatch(/Index/);
  });

  it("a run's statements run only while it is live; ending an old run leaves the new one alone", async () => {
    const first = await engine.beginRun();
    await engine.tracedQuery("INSERT INTO feed_items VALUES (-5, now(), 'me', 'first')", undefined, first);
    const second = await engine.beginRun(); // the first run is rolled back
    expect(second).not.toBe(first);
    const stale = await engine.tracedQuery("SELECT 1", undefined, first);
    expect(stale).toMatchObject({ ok: false, event: { error: { message: "This run has ended: the statement was not run." } } });
    expect(await engine.endRun(first)).toEqual({ escaped: false });
    const live = await engine.tracedQuery<{ n: string }>("SELECT count(*) AS n FROM feed_items WHERE id = -5", undefined, second);
    expect(live).toMatchObject({ ok: true, result: { rows: [{ n: "0" }] } });
    // Queued before the run was asked to end, run after: not run.
    const queued = engine.tracedQuery("SELECT pg_sleep(0)", undefined, second);
    const ended = engine.endRun(second);
    expect(await queued).toMatchObject({ ok: false, event: { error: { message: "This run has ended: the statement was not run." } } });
    await ended;
  });

  it("a statement that leaves the run's transaction by a door nobody foresaw is caught, and the run reported", async () => {
    // A PGlite whose query commits behind the engine's back after one particular statement.
    const DOOR = "SELECT 'an unknown door'";
    const leaky = new Proxy(db, {
      get(target, key) {
        if (key === "query") {
          return async (text: string, values?: unknown[], options?: object) => {
            const result = await target.query(text, values, options);
            if (text === DOOR) await target.exec("COMMIT");
            return result;
          };
        }
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const other = new PostgresEngine(leaky, { now: () => 0 });
    await other.beginRun();
    await other.query("CREATE TABLE escaped_marker (x int)");
    expect(await rejection(other.query(DOOR))).toMatchObject({ code: "0A000" });
    // The run goes on, in a transaction again.
    expect((await other.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    expect(db.isInTransaction()).toBe(true);
    expect(await other.endRun()).toMatchObject({ escaped: true });
    // It was caught after the fact: what the door committed stays committed (the host rebuilds).
    expect((await db.query("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'escaped_marker'")).rows).toEqual([{ n: 1 }]);
    await db.exec("DROP TABLE escaped_marker");
  });

  it("a statement outside a run is rolled back too", async () => {
    await engine.query("DELETE FROM feed_items");
    expect((await engine.query("SELECT count(*) FROM feed_items")).rows).toEqual([{ count: String(ROWS) }]);
  });

  it("a failed statement rejects with Postgres's message, code and position, and the run goes on", async () => {
    await engine.beginRun();
    await engine.query("INSERT INTO feed_items VALUES (-1, now(), 'me', 'before the error')");

    const missing = await rejection(engine.query("SELECT * FROM nosuch WHERE id = 1"));
    expect(missing).toBeInstanceOf(PostgresError);
    expect(missing).toMatchObject({ message: 'relation "nosuch" does not exist', code: "42P01", position: 15, name: "error" });

    const syntax = await rejection(engine.query("SELECT id FROM feed_items ORDER BY id LIMT 5"));
    expect(syntax).toMatchObject({ message: 'syntax error at or near "LIMT"', code: "42601", position: 39 });

    const duplicate = await rejection(engine.query("INSERT INTO feed_items VALUES (1, now(), 'me', 'again')"));
    expect(duplicate).toMatchObject({ code: "23505", constraint: "feed_items_pkey", detail: "Key (id)=(1) already exists." });

    // The positions point into the learner's statement, not the EXPLAIN the engine wrapped it in.
    const explained = await rejection(engine.explain("SELECT * FROM nosuch"));
    expect(explained).toMatchObject({ code: "42P01", position: 15 });

    // Earlier work in the run survived, and the run still takes statements.
    expect((await engine.query("SELECT content FROM feed_items WHERE id = -1")).rows).toEqual([{ content: "before the error" }]);
    await engine.endRun();
    expect((await engine.query("SELECT count(*) FROM feed_items WHERE id = -1")).rows).toEqual([{ count: "0" }]);
  });

  it("COMMIT and ROLLBACK cannot end the run's transaction; savepoints of the learner's own work", async () => {
    await engine.beginRun();
    const commit = await rejection(engine.query("  -- done\n  COMMIT"));
    expect(commit).toMatchObject({ code: "0A000", position: 13 });
    expect(commit.message).toMatch(/^COMMIT is not available here/);
    await engine.query("SAVEPOINT mine");
    await engine.query("INSERT INTO feed_items VALUES (-2, now(), 'me', 'undone')");
    await engine.query("ROLLBACK TO SAVEPOINT mine");
    expect((await engine.query("SELECT count(*) FROM feed_items WHERE id = -2")).rows).toEqual([{ count: "0" }]);
    await engine.query("RELEASE mine");
    const gone = await rejection(engine.query("ROLLBACK TO mine"));
    expect(gone).toMatchObject({ message: 'savepoint "mine" does not exist', code: "3B001" });
    expect((await engine.query("SELECT 2 AS two")).rows).toEqual([{ two: 2 }]);
    await engine.endRun();
  });

  it("statement_timeout ends a runaway query with Postgres's own error, and the run goes on", async () => {
    await engine.beginRun({ statementTimeoutMs: 200 });
    const started = performance.now();
    const error = await rejection(engine.query("SELECT count(*) FROM generate_series(1, 200000000)"));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(error).toMatchObject({ message: "canceling statement due to statement timeout", code: "57014" });
    const slept = await rejection(engine.query("SELECT pg_sleep(10)"));
    expect(slept).toMatchObject({ code: "57014" });
    expect((await engine.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    await engine.endRun();
  });

  it("a run left open (its sandbox was stopped) is rolled back by the next beginRun", async () => {
    await engine.beginRun();
    await engine.query("INSERT INTO feed_items VALUES (-3, now(), 'me', 'orphan')");
    await engine.beginRun();
    expect((await engine.query("SELECT count(*) FROM feed_items WHERE id = -3")).rows).toEqual([{ count: "0" }]);
    await engine.endRun();
  });
});

describe("trace", () => {
  // A statement's event leaves with its answer (the port's reply carries it to the sandbox).
  it("traces each statement with run-relative time, duration, rows, summary, plan and errors", async () => {
    const run = await engine.beginRun();
    const offset = (await engine.tracedQuery("SELECT * FROM feed_items ORDER BY id OFFSET 100 LIMIT 10", undefined, run)).event;
    const failed = (await engine.tracedQuery("SELECT nope FROM feed_items", undefined, run)).event;
    const explained = (await engine.tracedExplain("SELECT * FROM feed_items WHERE id > $1 ORDER BY id LIMIT 10", [100], run)).event;
    await engine.endRun(run);
    expect(offset).toMatchObject({
      source: "postgres",
      kind: "query",
      via: "query",
      text: "SELECT * FROM feed_items ORDER BY id OFFSET 100 LIMIT 10",
      rowCount: 10,
      summary: { scanned: 110, discarded: 100, returned: 10 },
      plan: { Plan: expect.objectContaining({ "Node Type": "Limit" }) },
    });
    expect(offset.t).toBeGreaterThan(0);
    expect(offset.durationMs).toBe(1); // one tick of the fake clock
    expect(failed).toMatchObject({ error: { message: 'column "nope" does not exist', code: "42703", position: 8 } });
    expect(failed.summary).toBeUndefined();
    expect(explained).toMatchObject({ via: "explain", values: [100], rowCount: 10, summary: { scanned: 10, discarded: 0, returned: 10 } });
    expect(explained.t).toBeGreaterThan(failed.t);
  });

  it("plans: false leaves plans out (no auto_explain overhead)", async () => {
    const run = await engine.beginRun({ plans: false });
    const { event } = await engine.tracedQuery("SELECT 1", undefined, run);
    await engine.endRun(run);
    expect(event.plan).toBeUndefined();
    expect(event.rowCount).toBe(1);
  });
});
