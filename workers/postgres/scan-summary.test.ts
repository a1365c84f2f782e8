import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import type { PostgresEngine } from "./engine.ts";
import { scanSummary, type PlanNode } from "./scan-summary.ts";
import { seededEngine, TEST_FEED_ROWS } from "./test-db.ts";

let db: PGlite;
let engine: PostgresEngine;

beforeAll(async () => {
  ({ db, engine } = await seededEngine());
});
afterAll(() => db.close());

/** Node types in the plan, depth first. */
function nodeTypes(node: PlanNode): string[] {
  return [node["Node Type"], ...(node.Plans ?? []).flatMap(nodeTypes)];
}
const root = (plan: unknown) => (plan as { Plan: PlanNode }).Plan;

describe("scanSummary on real plans", () => {
  it("OFFSET deep page: reads offset + limit rows, discards the offset, returns the limit", async () => {
    const offset = TEST_FEED_ROWS - 50;
    const plan = await engine.explain(`SELECT * FROM feed_items ORDER BY id OFFSET ${offset} LIMIT 50`);
    expect(root(plan)["Node Type"]).toBe("Limit");
    expect(scanSummary(plan)).toEqual({ scanned: TEST_FEED_ROWS, discarded: offset, returned: 50 });
  });

  it("keyset: an index scan from the cursor reads only the page", async () => {
    const plan = await engine.explain("SELECT * FROM feed_items WHERE id > $1 ORDER BY id LIMIT 50", [TEST_FEED_ROWS - 1000]);
    expect(nodeTypes(root(plan))).toContain("Index Scan");
    expect(scanSummary(plan)).toEqual({ scanned: 50, discarded: 0, returned: 50 });
  });

  it("composite keyset on (created_at, id) reads only the page", async () => {
    const plan = await engine.explain(
      "SELECT * FROM feed_items WHERE (created_at, id) > ($1, $2) ORDER BY created_at, id LIMIT 50",
      ["2024-01-01T00:10:00Z", 3000],
    );
    expect(nodeTypes(root(plan)).some((t) => t.startsWith("Index"))).toBe(true);
    expect(scanSummary(plan)).toEqual({ scanned: 50, discarded: 0, returned: 50 });
  });

  it("seq scan with a filter: every row read, the non-matching ones discarded", async () => {
    const { rows } = await engine.query<{ count: string }>("SELECT count(*) FROM feed_items WHERE content LIKE '%caching%'");
    const matching = Number(rows[0].count);
    const plan = await engine.explain("SELECT * FROM feed_items WHERE content LIKE '%caching%'");
    expect(root(plan)["Node Type"]).toBe("Seq Scan");
    expect(scanSummary(plan)).toEqual({ scanned: TEST_FEED_ROWS, discarded: TEST_FEED_ROWS - matching, returned: matching });
  });

  it("index scan over a range reads just the range", async () => {
    const plan = await engine.explain("SELECT * FROM feed_items WHERE id BETWEEN 100 AND 199");
    expect(nodeTypes(root(plan))[0]).toMatch(/Index|Bitmap/);
    expect(scanSummary(plan)).toEqual({ scanned: 100, discarded: 0, returned: 100 });
  });

  it("nested loop: the inner index scan counts once per loop", async () => {
    await engine.beginRun();
    await engine.query("SET LOCAL enable_hashjoin = off");
    await engine.query("SET LOCAL enable_mergejoin = off");
    const plan = await engine.explain("SELECT * FROM feed_items a JOIN feed_items b ON b.id = a.id + 1 WHERE a.id <= 10");
    await engine.endRun();
    const loop = root(plan);
    expect(loop["Node Type"]).toBe("Nested Loop");
    const inner = loop.Plans?.[1] as PlanNode;
    expect(inner["Actual Loops"]).toBe(10);
    expect(scanSummary(plan)).toEqual({ scanned: 20, discarded: 0, returned: 10 });
  });

  it("nested loop with a join filter counts the rows it throws away", async () => {
    await engine.beginRun();
    await engine.query("SET LOCAL enable_hashjoin = off");
    await engine.query("SET LOCAL enable_mergejoin = off");
    const plan = await engine.explain(
      "SELECT * FROM (SELECT * FROM feed_items WHERE id <= 4) a JOIN (SELECT * FROM feed_items WHERE id <= 5) b ON a.id < b.id",
    );
    await engine.endRun();
    // 4 outer rows × 5 inner rows = 20 pairs, 10 with a.id < b.id.
    const summary = scanSummary(plan);
    expect(summary.returned).toBe(10);
    expect(summary.discarded).toBe(10);
  });

  it("bitmap heap scan: the heap rows count, the bitmap index scan's TIDs do not", async () => {
    await engine.beginRun();
    await engine.query("CREATE INDEX feed_items_author_idx ON feed_items (author)");
    await engine.query("ANALYZE feed_items");
    const plan = await engine.explain("SELECT * FROM feed_items WHERE author IN ('user_3', 'user_4')");
    const { rows } = await engine.query<{ count: string }>("SELECT count(*) FROM feed_items WHERE author IN ('user_3', 'user_4')");
    await engine.endRun();
    expect(nodeTypes(root(plan))).toEqual(["Bitmap Heap Scan", "Bitmap Index Scan"]);
    const n = Number(rows[0].count);
    expect(scanSummary(plan)).toEqual({ scanned: n, discarded: 0, returned: n });
  });

  it("top-N sort under LIMIT: everything read, all but the page discarded", async () => {
    const plan = await engine.explain("SELECT * FROM feed_items ORDER BY content, id LIMIT 10");
    expect(nodeTypes(root(plan))).toEqual(["Limit", "Sort", "Seq Scan"]);
    expect(scanSummary(plan)).toEqual({ scanned: TEST_FEED_ROWS, discarded: TEST_FEED_ROWS - 10, returned: 10 });
  });

  it("the plan captured from db.query's own execution gives the same summary as db.explain", async () => {
    const run = await engine.beginRun();
    const { event } = await engine.tracedQuery("SELECT * FROM feed_items ORDER BY id OFFSET 1000 LIMIT 50", undefined, run);
    await engine.endRun(run);
    expect(event.summary).toEqual({ scanned: 1050, discarded: 1000, returned: 50 });
  });
});

describe("scanSummary's input and arithmetic", () => {
  const node = (type: string, fields: Partial<PlanNode> = {}, plans?: PlanNode[]): PlanNode => ({
    "Node Type": type,
    "Actual Rows": 0,
    "Actual Loops": 1,
    ...fields,
    ...(plans ? { Plans: plans } : {}),
  });

  it("accepts the JSON text, the EXPLAIN array, the {Plan} object and a node", () => {
    const plan = node("Seq Scan", { "Actual Rows": 5, "Rows Removed by Filter": 2 });
    const expected = { scanned: 7, discarded: 2, returned: 5 };
    expect(scanSummary(plan)).toEqual(expected);
    expect(scanSummary({ Plan: plan })).toEqual(expected);
    expect(scanSummary([{ Plan: plan }])).toEqual(expected);
    expect(scanSummary(JSON.stringify([{ Plan: plan }]))).toEqual(expected);
    expect(scanSummary([{ "QUERY PLAN": [{ Plan: plan }] }])).toEqual(expected);
  });

  it("multiplies per-loop averages by loops and rounds (Postgres 18 prints 0.50 rows)", () => {
    const inner = node("Index Scan", { "Actual Rows": 0.5, "Actual Loops": 1000, "Rows Removed by Filter": 1 });
    const plan = node("Nested Loop", { "Actual Rows": 500, "Rows Removed by Join Filter": 3 }, [
      node("Seq Scan", { "Actual Rows": 1000 }),
      inner,
    ]);
    expect(scanSummary(plan)).toEqual({ scanned: 1000 + 500 + 1000, discarded: 1000 + 3, returned: 500 });
  });

  it("bitmap heap scans count rows removed by the index recheck", () => {
    const plan = node("Bitmap Heap Scan", { "Actual Rows": 10, "Rows Removed by Index Recheck": 90 }, [
      node("Bitmap Index Scan", { "Actual Rows": 100 }),
    ]);
    expect(scanSummary(plan)).toEqual({ scanned: 100, discarded: 90, returned: 10 });
  });

  it("never-executed nodes count nothing", () => {
    const plan = node("Append", { "Actual Rows": 3 }, [node("Seq Scan", { "Actual Rows": 3 }), node("Seq Scan", { "Actual Loops": 0 })]);
    expect(scanSummary(plan)).toEqual({ scanned: 3, discarded: 0, returned: 3 });
  });

  it("rejects a plan without ANALYZE", () => {
    expect(() => scanSummary({ Plan: { "Node Type": "Seq Scan", "Plan Rows": 3 } })).toThrow(/ANALYZE/);
    expect(() => scanSummary({ nope: 1 })).toThrow(/not an EXPLAIN/);
  });
});
