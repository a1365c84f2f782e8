// Every lesson in the catalogue: its solution passes all its checks and its starter does not,
// run through the same sandbox runner the browser uses.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLessons } from "../build/lessons";
import { VISUALIZATION_IDS } from "../app/visualizations/ids";
import { runLesson } from "../workers/sandbox/runner";
import { PLAYGROUND_MODULES } from "../workers/sandbox/registry";

const lessons = loadLessons(import.meta.dirname, { visualizations: VISUALIZATION_IDS });

function runFile(dir: string, file: string) {
  return runLesson(
    { code: readFileSync(join(dir, file), "utf8"), checks: readFileSync(join(dir, "checks.ts"), "utf8") },
    { now: () => 0, modules: PLAYGROUND_MODULES, onConsole: () => {} },
  );
}

describe.each(lessons.map((l) => [l.meta.id, l.dir]))("lesson %s", (_id, dir) => {
  it("has a solution that passes every check", async () => {
    const result = await runFile(dir, "solution.ts");
    expect(result.error).toBeNull();
    expect(result.checks.length).toBeGreaterThan(0);
    expect(result.checks.filter((c) => !c.passed)).toEqual([]);
  });

  it("has a starter that fails at least one check", async () => {
    const result = await runFile(dir, "starter.ts");
    expect(result.checks.some((c) => !c.passed) || result.error !== null).toBe(true);
  });
});
