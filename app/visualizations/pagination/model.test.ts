// The pagination visualization's reading of real trace events from the Postgres engine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { seededEngine } from "../../../workers/postgres/test-db";
import type { PostgresEngine } from "../../../workers/postgres/engine";
import type { PostgresTrace } from "../../../workers/postgres/trace";
import type { TraceEvent } from "../../../workers/trace";
import { defaultSelection, extentOf, labelOf, latencySeries, planShape, readQueries } from "./model";

let db: PGlite;
let engine: PostgresEngine;

beforeAll(async () => {
  ({ db, engine } = await seededEngine());
}, 60_000);

afterAll(async () => {
  await db.close();
});

describe("the pagination visualization's model", () => {
  it("reads depth, kind and scan summary from OFFSET and labelled keyset queries", async () => {
    // Each statement's event, as it comes with the statement's answer.
    const run = await engine.beginRun();
    const events: PostgresTrace[] = [];
    for (const [text, values] of [
      ["SELECT id, created_at FROM feed_items ORDER BY id OFFSET 19950 LIMIT 50"],
      ["SELECT id FROM feed_items ORDER BY id OFFSET $1 LIMIT 50", [100]],
      ["/* depth 19950 */ SELECT id, created_at FROM feed_items WHERE id > $1 ORDER BY id LIMIT 50", [19950]],
      ["SELECT id FROM feed_items WHERE (created_at, id) > ($1, $2) ORDER BY created_at, id LIMIT 51", ["2024-01-01 00:00:09+00", 50]],
      ["SELECT count(*) FROM feed_items"],
      ["SELECT nope FROM feed_items"],
    ] as [string, unknown[]?][]) {
      events.push((await engine.tracedQuery(text, values, run)).event);
    }
    await engine.endRun(run);
    const check: TraceEvent = { t: events[3].t - 0.001, source: "sandbox", kind: "check", name: "a check", durationMs: 0.002 + (events[3].durationMs ?? 0), passed: true };
    const rows = readQueries([...events, check]);

    expect(rows.map((r) => [r.kind, r.depth, r.event.summary?.scanned, r.event.summary?.returned])).toEqual([
      ["offset", 19950, 20000, 50],
      ["offset", 100, 150, 50],
      ["keyset", 19950, 50, 50],
      ["keyset", undefined, 51, 51],
      ["other", undefined, expect.any(Number), 1],
      ["other", undefined, undefined, undefined],
    ]);
    expect(rows[0].label).toBe("SELECT … FROM feed_items ORDER BY id OFFSET 19950 LIMIT 50");
    expect(rows[3].check).toBe("a check");
    expect(rows[5].event.error?.code).toBe("42703");
    expect(defaultSelection(rows)).toBe(0);
    // A check's bigger scan does not take the strip from the learner's own queries…
    const checked = [...rows, { ...rows[0], check: "a check", event: { ...rows[0].event, summary: { ...rows[0].event.summary!, scanned: 10 ** 7 } } }];
    expect(defaultSelection(checked)).toBe(0);
    // …unless the learner's code sent none.
    expect(defaultSelection(checked.map((r) => ({ ...r, check: "a check" })))).toBe(checked.length - 1);
    expect(extentOf(rows[0])).toEqual({ start: 0, end: 20000 });
    expect(extentOf(rows[2])).toEqual({ start: 19950, end: 20000 });
    expect(planShape(rows[2].event.plan)).toBe("Limit → Index Scan using feed_items_pkey");

    const series = latencySeries(rows);
    expect(series.offset.map((p) => p.depth)).toEqual([100, 19950]);
    expect(series.keyset.map((p) => p.depth)).toEqual([19950]);
    expect(series.offset.every((p) => p.ms === rows.find((r) => r.depth === p.depth && r.kind === "offset")?.event.durationMs)).toBe(true);
  });

  it("labels keep the part of the query that differs", () => {
    expect(labelOf("SELECT id FROM t -- note\n WHERE  id > $1")).toBe("SELECT id FROM t WHERE id > $1");
    expect(labelOf("SELECT count(*), max(id) FROM t")).toBe("SELECT count(*), max(id) FROM t");
  });
});
