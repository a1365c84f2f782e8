import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
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

  it("reads a lesson's steps, a template literal's check name matching what it becomes", () => {
    const meta = loadLesson(join(import.meta.dirname, "fixtures", "lessons-with-steps", "two-steps"), options);
    expect(meta.steps).toEqual([
      { title: "First", checks: ["first answers 1"] },
      { title: "Second things second", checks: ["second stays under 3"] },
    ]);
  });

  it("reads a lesson without steps as one step", () => {
    expect(loadLesson(join(import.meta.dirname, "fixtures", "lessons-with-steps", "one-step"), options).steps).toEqual([]);
  });

  // [folder, file:line, the problem]
  const cases: [string, string, RegExp][] = [
    ["bad-order", "lesson.mdx:5", /"order" is required and must be a number/],
    ["missing-title", "lesson.mdx:1", /"title" is required/],
    ["unknown-visualization", "lesson.mdx:6", /"radix-tree-3d", which is not a known visualization/],
    ["id-mismatch", "lesson.mdx:2", /"id" is "something-else" but the folder is "id-mismatch"/],
    ["no-front-matter", "lesson.mdx:1", /front matter is missing/],
    ["bad-yaml", "lesson.mdx:3", /not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]$/],
    // The quote opens on line 3; YAML notices only where the front matter ends, three lines later.
    ["unclosed-quote", "lesson.mdx:3", /not valid YAML: Missing closing "quote$/],
    ["unknown-field", "lesson.mdx:6", /unknown field "timeout"/],
    ["missing-checks", "checks.ts", /file is missing/],
    ["syntax-error", "starter.ts:1", /does not parse: Unexpected token \(column 14\)$/],
    ["unknown-engine", "lesson.mdx:6", /"engines" must be a list of engines the page hosts \(known: postgres, cluster\)/],
    ["unknown-dataset", "lesson.mdx:7", /"datasets" must be a list of Postgres datasets \(known: feed_items, documents\)/],
    ["unclosed-component", "lesson.mdx:10", /the prose is not valid MDX: Expected a closing tag for `<SideBySide>`$/],
    ["step-unknown-heading", "lesson.mdx:6", /"steps": step 2, "Secnd", is not a "## " heading of the prose \(its headings: "First", "Second"\)$/],
    ["step-unknown-check", "lesson.mdx:6", /"steps": step 1 names the check "first answers one", which checks.ts does not define$/],
    ["step-malformed", "lesson.mdx:6", /"steps": step 1 is malformed: each step is "- title: /],
    ["step-check-unclaimed", "lesson.mdx:6", /"steps": a check belongs to no step \("second stays under .\+"\): add each to the step it tests$/],
  ];
  for (const [folder, where, problem] of cases) {
    it(`rejects ${folder}, naming ${where}`, () => {
      const attempt = () => loadLesson(join(BROKEN, folder), options);
      expect(attempt).toThrow(LessonError);
      expect(problemsOf(attempt)).toEqual([expect.stringMatching(new RegExp(`^build/fixtures/broken-lessons/${folder}/${where}: .*${problem.source}`))]);
    });
  }

  it("finds a component's attributes left inside a code block, line by line, and lets a tsx sample or a Python dict be", () => {
    expect(problemsOf(() => loadLesson(join(BROKEN, "attribute-in-code"), options))).toEqual([
      expect.stringMatching(/^build\/fixtures\/broken-lessons\/attribute-in-code\/lesson\.mdx:20: the code block line "\}`\}" ends in "`\}"/),
      expect.stringMatching(/^build\/fixtures\/broken-lessons\/attribute-in-code\/lesson\.mdx:21: the code block holds a component's attribute, "caption=\{`Python's/),
    ]);
  });

  it("finds a component's attributes spilled into the text, and lets a tag spread over lines be", () => {
    expect(problemsOf(() => loadLesson(join(BROKEN, "attribute-in-text"), options))).toEqual([
      expect.stringMatching(/^build\/fixtures\/broken-lessons\/attribute-in-text\/lesson\.mdx:14: "caption=\{`A caption that lost its tag\.`\}" in the text is a component's attribute outside its tag/),
      expect.stringMatching(/^build\/fixtures\/broken-lessons\/attribute-in-text\/lesson\.mdx:20: "type="warning"" in the text is a component's attribute outside its tag/),
    ]);
  });

  it("fails `vite build` with one `file:line: problem` line per problem of every lesson, and no stack trace", async () => {
    const run = promisify(execFile);
    const build = run("npx", ["vite", "build", "--outDir", join(tmpdir(), `broken-build-${process.pid}`)], {
      env: { ...process.env, LESSONS_DIR: join(BROKEN) },
    });
    const error = await build.then(
      () => null,
      (e: { stderr: string; stdout: string }) => e,
    );
    expect(error, "the build should have failed").not.toBeNull();
    const output = `${error!.stdout}\n${error!.stderr}`;
    expect(output).toContain('build/fixtures/broken-lessons/bad-order/lesson.mdx:5: front matter: "order" is required and must be a number\n');
    expect(output).toContain('build/fixtures/broken-lessons/unclosed-quote/lesson.mdx:3: front matter is not valid YAML: Missing closing "quote\n');
    expect(output).toContain("build/fixtures/broken-lessons/attribute-in-code/lesson.mdx:21: the code block holds a component's attribute");
    expect(output).not.toMatch(/^\s+at /m);
  });
});

/** The lines of the LessonError an attempt throws. */
function problemsOf(attempt: () => unknown): string[] {
  try {
    attempt();
  } catch (e) {
    if (e instanceof LessonError) return e.message.split("\n");
    throw e;
  }
  throw new Error("no LessonError was thrown");
}
