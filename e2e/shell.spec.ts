import { readFileSync } from "node:fs";
import { test, expect, LESSON, checks, expectAllChecksPassed, getCode, openLesson, output, run, runCode, runMarkers, setCode, status, waitForEditor } from "./fixtures";

const STARTER = readFileSync("lessons/welcome/starter.ts", "utf8");
const SOLUTION = readFileSync("lessons/welcome/solution.ts", "utf8");

test("the home page lists the lessons with their progress", async ({ page }) => {
  await page.goto("./");
  const link = page.getByRole("link", { name: "Welcome to the playground" });
  await expect(link).toBeVisible();
  await expect(page.getByRole("list", { name: "Lessons" }).getByRole("listitem").first()).toContainText("Not started");
  await link.click();
  await expect(page).toHaveURL(/#\/lessons\/welcome$/);
  await expect(page.getByRole("region", { name: "Lesson" })).toContainText("Every lesson here has the same four parts");
});

test("on welcome the starter fails its checks and the solution passes", async ({ page }) => {
  await openLesson(page);
  await run(page);
  await expect(status(page)).toHaveText("1 of 4 checks passed");
  await expect(checks(page)).toHaveCount(4);
  await expect(checks(page).filter({ hasText: "greet says hello by name" })).toContainText("failed");
  await expect(checks(page).filter({ hasText: "Your module prints something" })).toContainText("passed");
  await expect(output(page)).toContainText("Hello world");

  // Show solution asks first; keeping the code changes nothing.
  await page.getByRole("button", { name: "Show solution" }).click();
  await page.getByRole("button", { name: "Keep my code" }).click();
  expect(await getCode(page)).toBe(STARTER);
  await page.getByRole("button", { name: "Show solution" }).click();
  await page.getByRole("button", { name: "Replace my code" }).click();
  expect(await getCode(page)).toBe(SOLUTION);

  await page.keyboard.press("Control+Enter");
  await expectAllChecksPassed(page);

  // Undo brings the learner's own code back, and the lesson is now completed on the home page.
  await page.getByRole("button", { name: "Undo" }).click();
  expect(await getCode(page)).toBe(STARTER);
  await page.goto("./");
  await expect(page.getByRole("list", { name: "Lessons" }).getByRole("listitem").first()).toContainText("Completed");
});

test("hints reveal one at a time", async ({ page }) => {
  await openLesson(page);
  await run(page);
  const greet = checks(page).filter({ hasText: "greet says hello by name" });
  await expect(greet).toContainText("failed");
  await expect(greet).toContainText('expected \'Hello Ada\' to equal \'Hello, Ada!\'');
  await greet.getByRole("button", { name: /Show a hint/ }).click();
  await expect(greet).toContainText("Hint 1:");
  await expect(greet).not.toContainText("Hint 2:");
  await greet.getByRole("button", { name: /Show another hint/ }).click();
  await expect(greet).toContainText("Hint 2:");
  await expect(greet.getByRole("button", { name: /hint/ })).toHaveCount(0);
});

test("an endless loop is stopped after 5 s and the next run works", async ({ page }) => {
  await openLesson(page);
  await setCode(page, "console.log('before');\nwhile (true) {}\n");
  await run(page);
  await expect(status(page)).toHaveText("Running…");
  // The page stays responsive while the sandbox spins.
  await page.getByRole("button", { name: "Embed" }).click();
  await page.getByRole("button", { name: "Close" }).click();
  await expect(status(page)).toHaveText("Stopped after 5 s", { timeout: 15_000 });
  await expect(output(page)).toContainText("longer than this lesson's limit of 5 s");
  expect(await getCode(page)).toContain("while (true) {}");

  await runCode(page, SOLUTION);
  await expect(status(page)).toHaveText("All checks passed");
});

test("Stop ends a run at once", async ({ page }) => {
  await openLesson(page);
  await runCode(page, "while (true) {}\n");
  await expect(page.getByRole("button", { name: "Stop" })).toBeEnabled();
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(status(page)).toHaveText("Stopped");
  await runCode(page, STARTER);
  await expect(status(page)).toHaveText("1 of 4 checks passed");
});

test("a syntax error puts a marker on its line", async ({ page }) => {
  await openLesson(page);
  await setCode(page, "export function greet(name: string) {\n  return name;\n}\nconst broken = ;\n");
  await run(page);
  await expect(status(page)).toContainText("SyntaxError");
  await expect(status(page)).toContainText("(line 4)");
  await expect.poll(() => runMarkers(page)).toEqual([expect.objectContaining({ line: 4 })]);
  await expect(page.locator(".monaco-editor .squiggly-error").first()).toBeVisible();
});

test("a runtime error puts a marker on the line that threw", async ({ page }) => {
  await openLesson(page);
  await setCode(page, "export function greet(name: string): string {\n  const parts: any = undefined;\n  return parts.join(name);\n}\n");
  await run(page);
  await expect(checks(page).filter({ hasText: "greet says hello by name" })).toContainText("TypeError");
  await expect.poll(() => runMarkers(page)).toContainEqual(expect.objectContaining({ line: 3 }));
});

test("learner code cannot reach the network", async ({ page, offsite }) => {
  await openLesson(page);
  await setCode(page, 'const r = await fetch("https://example.com").then(() => "reached", (e) => String(e));\nconsole.log("fetch:", r);\n');
  await run(page);
  await expect(output(page)).toContainText("fetch: TypeError");
  await expect(output(page)).toContainText("cannot reach the network");
  await expect(output(page)).not.toContainText("reached");
  expect(offsite).toEqual([]);
});

test("edited code survives a reload", async ({ page }) => {
  await openLesson(page);
  await setCode(page, "// my edit\nexport const x = 1;\n");
  await page.reload();
  await waitForEditor(page);
  expect(await getCode(page)).toBe("// my edit\nexport const x = 1;\n");
});

test("Reset code restores the starter, with an Undo", async ({ page }) => {
  await openLesson(page);
  await setCode(page, "// something else\n");
  await page.getByRole("button", { name: "Reset code" }).click();
  expect(await getCode(page)).toBe(STARTER);
  await page.getByRole("button", { name: "Undo" }).click();
  expect(await getCode(page)).toBe("// something else\n");
});

test("a share link round-trips the code without running it", async ({ page, context }) => {
  await openLesson(page);
  const code = "// shared code\nexport const answer = 6 * 7;\nconsole.log(answer);\n";
  await setCode(page, code);
  await page.getByRole("button", { name: "Share" }).click();
  const link = await page.getByLabel("Share link").inputValue();
  expect(link).toMatch(/\/backend-playground\/#\/lessons\/welcome\?code=/);

  const other = await context.newPage();
  await other.goto(link);
  await waitForEditor(other);
  expect(await getCode(other)).toBe(code);
  await expect(status(other)).toHaveText(/^Ready/);
  await expect(output(other)).not.toContainText("42");
  // The link is dropped from the address once loaded, so a reload keeps later edits.
  await expect(other).toHaveURL(/#\/lessons\/welcome$/);
});

test("a share link with garbage in ?code= says so and keeps the learner's code", async ({ page }) => {
  await openLesson(page);
  await setCode(page, "// mine\n");
  await page.goto(`${LESSON}?code=%%%garbage`);
  await expect(page.getByText("could not be read")).toBeVisible();
  await waitForEditor(page);
  expect(await getCode(page)).toBe("// mine\n");
});

test("the embed route renders the lesson without the site header, and it runs", async ({ page }) => {
  await page.goto("#/embed/welcome");
  await expect(page.getByRole("region", { name: "Lesson" })).toBeVisible();
  await expect(page.getByRole("banner")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Backend Playground", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Run", exact: true })).toBeEnabled();
  await run(page);
  await expect(status(page)).toHaveText("1 of 4 checks passed");
});

test("Embed shows an iframe snippet for the embed route", async ({ page }) => {
  await openLesson(page);
  await page.getByRole("button", { name: "Embed" }).click();
  const snippet = await page.getByLabel("Embed code").inputValue();
  expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/backend-playground\/#\/embed\/welcome" title="Welcome to the playground — Backend Playground"/);
});

test("an unknown lesson id gets a clear message", async ({ page }) => {
  await page.goto("#/lessons/no-such-lesson");
  await expect(page.getByText("There is no lesson called “no-such-lesson”.")).toBeVisible();
  await expect(page.getByRole("link", { name: "See all lessons" })).toBeVisible();
});

test("huge console output is capped with a count of the dropped lines", async ({ page }) => {
  await openLesson(page);
  await setCode(page, "for (let i = 0; i < 50000; i++) console.log('line', i);\n");
  await run(page);
  await expect(status(page)).not.toHaveText("Running…");
  await expect(output(page)).toContainText("49,000 earlier lines not shown");
  await expect(output(page)).toContainText("line 49999");
  await expect(output(page).locator(".output__line")).toHaveCount(1000);
});

test("when storage is disabled the learner is told and the code still works", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("denied", "SecurityError");
      },
    });
  });
  await openLesson(page);
  await setCode(page, SOLUTION);
  await expect(page.getByText("not letting this page save")).toBeVisible();
  await run(page);
  await expect(status(page)).toHaveText("All checks passed");
});

test("the editor knows the types of playground modules", async ({ page }) => {
  await openLesson(page);
  await setCode(page, 'import { defineChecks } from "playground/checks";\nconst wrong: number = defineChecks;\nexport {};\n');
  const messages = () =>
    page.evaluate(() => {
      const { editor, monaco } = window.playgroundEditor!;
      return monaco.editor.getModelMarkers({ owner: "typescript", resource: editor.getModel()!.uri }).map((m) => `${m.startLineNumber}: ${m.message}`);
    });
  await expect.poll(messages, { timeout: 30_000 }).toContainEqual(expect.stringMatching(/^2: Type '.*Check.*' is not assignable to type 'number'/));
  expect((await messages()).join("\n")).not.toContain("Cannot find module");
});

test("below 900 px wide the panes stack", async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 900 });
  await openLesson(page);
  const lesson = await page.getByRole("region", { name: "Lesson" }).boundingBox();
  const editor = await page.getByRole("region", { name: "Code editor" }).boundingBox();
  const checksBox = await page.getByRole("region", { name: "Checks" }).boundingBox();
  expect(editor!.y).toBeGreaterThanOrEqual(lesson!.y + lesson!.height - 1);
  expect(checksBox!.y).toBeGreaterThan(editor!.y);
  expect(editor!.width).toBeGreaterThan(700);
});

test("the theme follows the system and the toggle is remembered", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("./");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.getByRole("button", { name: "Switch to light theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
});

test("the built page carries the Content-Security-Policy", async ({ page }) => {
  await page.goto("./");
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("worker-src 'self' blob:");
});
