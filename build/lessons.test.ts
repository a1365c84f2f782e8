import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadLesson, loadLessons, LessonError } from "./lessons";
import { VISUALIZATION_IDS } from "../app/visualizations/ids";

const BROKEN = join(import.meta.dirname, "fixtures", "broken-lessons");
const options = { visualizations: VISUALIZATION_IDS, root: process.cwd() };

describe("lesson validation", () => {
  it("finds the real catalogue, welcome first", () => {
    const lessons = loadLessons("lessons", options);
    expect(lessons[0].meta).toMatchObject({ id: "welcome", timeoutMs: 5000, visualization: "run-timeline" });
  });

  const cases: [string, string, RegExp][] = [
    ["bad-order", "lesson.mdx", /"order" is required and must be a number/],
    ["missing-title", "lesson.mdx", /"title" is required/],
    ["unknown-visualization", "lesson.mdx", /"radix-tree-3d", which is not a known visualization/],
    ["id-mismatch", "lesson.mdx", /"id" is "something-else" but the folder is "id-mismatch"/],
    ["no-front-matter", "lesson.mdx", /front matter is missing/],
    ["bad-yaml", "lesson.mdx", /not valid YAML/],
    ["unknown-field", "lesson.mdx", /unknown field "timeout"/],
    ["missing-checks", "checks.ts", /file is missing/],
    ["syntax-error", "starter.ts", /does not parse/],
    ["unknown-engine", "lesson.mdx", /"engines" must be a list of engines the page hosts \(known: postgres\)/],
    ["unknown-dataset", "lesson.mdx", /"datasets" must be a list of Postgres datasets \(known: feed_items, documents\)/],
  ];
  for (const [folder, file, problem] of cases) {
    it(`rejects ${folder}, naming ${file}`, () => {
      const attempt = () => loadLesson(join(BROKEN, folder), options);
      expect(attempt).toThrow(LessonError);
      expect(attempt).toThrow(problem);
      expect(attempt).toThrow(`build/fixtures/broken-lessons/${folder}/${file}: `);
    });
  }

  it("fails `vite build` with the file and the problem when a lesson is malformed", async () => {
    const run = promisify(execFile);
    const build = run("npx", ["vite", "build", "--outDir", join(process.cwd(), "node_modules", ".tmp-broken-build")], {
      env: { ...process.env, LESSONS_DIR: join(BROKEN) },
    });
    const error = await build.then(
      () => null,
      (e: { stderr: string; stdout: string }) => e,
    );
    expect(error, "the build should have failed").not.toBeNull();
    // Folders are read in order, so the first broken lesson is bad-order.
    expect(`${error!.stdout}\n${error!.stderr}`).toContain('build/fixtures/broken-lessons/bad-order/lesson.mdx: front matter: "order" is required and must be a number');
  });
});
