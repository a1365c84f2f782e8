// Every lesson in the catalogue: its solution passes all its checks and its starter does not,
// run through the same sandbox runner the browser uses. Lessons with `engines: [postgres]` get a
// real PGlite, as the page gives them, but seeded smaller so the suite stays fast.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { loadLessons, type FoundLesson } from "../build/lessons";
import { VISUALIZATION_IDS } from "../app/visualizations/ids";
import { runLesson } from "../workers/sandbox/runner";
import { PLAYGROUND_MODULES } from "../workers/sandbox/registry";
import { serveRun } from "../workers/postgres/api";
import { PostgresEngine } from "../workers/postgres/engine";
import type { DatasetName } from "../workers/postgres/datasets";
import { pgliteOptions } from "../workers/postgres/pglite-options";

const lessons = loadLessons(import.meta.dirname, { visualizations: VISUALIZATION_IDS });

/**
 * Rows per dataset here (the page seeds 1,000,000 feed items and 200,000 documents). Lessons'
 * checks must hold at these sizes too: compare against the table as it is, never a fixed count.
 */
const LESSON_TEST_ROWS: Record<DatasetName, number> = { feed_items: 50_000, documents: 20_000 };

/** The statement timeout the page gives a run (LessonPage: min(timeoutMs, 5000)). */
const statementTimeoutMs = (lesson: FoundLesson) => Math.min(lesson.meta.timeoutMs, 5000);

let postgres: { db: PGlite; engine: PostgresEngine } | null = null;

// One database for the whole file, built only if some lesson needs it.
beforeAll(async () => {
  if (!lessons.some((l) => l.meta.engines.includes("postgres"))) return;
  const db = new PGlite(pgliteOptions());
  const engine = new PostgresEngine(db, { now: () => performance.now() });
  for (const [dataset, rows] of Object.entries(LESSON_TEST_ROWS) as [DatasetName, number][]) await engine.seed(dataset, { rows });
  postgres = { db, engine };
}, 120_000);

afterAll(async () => {
  await postgres?.db.close();
});

async function runFile(lesson: FoundLesson, file: string) {
  const request = { code: readFileSync(join(lesson.dir, file), "utf8"), checks: readFileSync(join(lesson.dir, "checks.ts"), "utf8") };
  const env = { now: () => 0, modules: PLAYGROUND_MODULES, onConsole: () => {} };
  if (!lesson.meta.engines.includes("postgres")) return runLesson(request, env);
  if (!postgres) throw new Error("Postgres did not start");
  // As the page does it: a run's transaction opened first, a fresh port served by the worker's API.
  const run = await postgres.engine.beginRun({ statementTimeoutMs: statementTimeoutMs(lesson) });
  const channel = new MessageChannel();
  const stop = serveRun(postgres.engine, run, channel.port1);
  try {
    return await runLesson(request, { ...env, ports: { postgres: channel.port2 } });
  } finally {
    stop();
    channel.port2.close();
    await postgres.engine.endRun(run);
  }
}

describe.each(lessons.map((l) => [l.meta.id, l] as const))("lesson %s", (_id, lesson) => {
  it("has a solution that passes every check", async () => {
    const result = await runFile(lesson, "solution.ts");
    expect(result.error).toBeNull();
    expect(result.checks.length).toBeGreaterThan(0);
    expect(result.checks.filter((c) => !c.passed)).toEqual([]);
  });

  it("has a starter that fails at least one check", async () => {
    const result = await runFile(lesson, "starter.ts");
    expect(result.checks.some((c) => !c.passed) || result.error !== null).toBe(true);
  });
});
