// Progress that travels (app/stores/progress-file.ts): export on one browser profile, import in a
// fresh one, and the code and completion are there; a bad file is refused saying why; with
// storage refused, the import works in memory with a note. And "Continue where you left off".
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { test, expect, openLesson, runCode, status, getCode, waitForEditor } from "./fixtures";

const SOLUTION = readFileSync("lessons/welcome/solution.ts", "utf8");
const TITLE = "Welcome to the playground";

async function exportFile(page: Page, dir: string): Promise<string> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export progress" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^backend-playground-progress-\d{4}-\d\d-\d\d\.json$/);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

/** Imports `path` with the keyboard: Tab to the button, Enter opens the file picker. */
async function importFile(page: Page, path: string): Promise<void> {
  const choosing = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Import progress…" }).focus();
  await page.keyboard.press("Enter");
  await (await choosing).setFiles(path);
}

/** Writes a file for the test to import, in its own output folder. */
function fileToImport(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

async function seriousAxeFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const lessonItem = (page: Page) => page.getByRole("list", { name: "Lessons" }).getByRole("listitem").filter({ hasText: TITLE });

test("progress exported from one profile imports into a fresh one: the code and the completion are there", async ({ page, browser, baseURL }, testInfo) => {
  test.setTimeout(120_000); // two profiles, each loading the lesson, and axe three times
  await openLesson(page);
  await runCode(page, SOLUTION);
  await expect(status(page)).toHaveText("All checks passed");
  await page.goto("#/");
  const continuing = page.getByRole("region", { name: "Continue where you left off" });
  await expect(continuing).toContainText(TITLE);
  await expect(continuing).toContainText("Completed");
  await expect(continuing).toContainText("Last run: all checks passed");
  const path = await exportFile(page, testInfo.outputDir);
  const file = JSON.parse(readFileSync(path, "utf8"));
  expect(file).toMatchObject({ format: "backend-playground-progress", version: 1, lastLesson: "welcome", lessons: { welcome: { code: SOLUTION, completed: true } } });

  const fresh = await browser.newContext({ baseURL });
  const other = await fresh.newPage();
  await other.goto("#/");
  await expect(lessonItem(other)).toContainText("Not started");
  await expect(other.getByRole("region", { name: "Continue where you left off" })).toHaveCount(0);
  await importFile(other, path);
  const preview = other.getByRole("dialog", { name: "Import progress?" });
  await expect(preview.getByRole("listitem")).toHaveText([`${TITLE}: its code is added; marked completed`]);
  expect(await seriousAxeFindings(other), "the preview").toEqual([]);
  await preview.getByRole("button", { name: "Import", exact: true }).click();
  await expect(other.getByRole("status").filter({ hasText: "Imported" })).toHaveText(/1 lesson updated/);
  await expect(lessonItem(other)).toContainText("Completed");
  await expect(other.getByRole("region", { name: "Continue where you left off" })).toContainText(TITLE);
  for (const scheme of ["light", "dark"] as const) {
    await other.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
    await expect(other.locator("html")).toHaveAttribute("data-theme", scheme);
    expect(await seriousAxeFindings(other), `the home page with progress, ${scheme}`).toEqual([]);
  }

  await other.getByRole("link", { name: "Continue" }).click();
  await waitForEditor(other);
  expect(await getCode(other)).toBe(SOLUTION);

  // The same file again: nothing to change, and the preview says so.
  await other.goto("#/");
  await importFile(other, path);
  await expect(other.getByRole("dialog", { name: "Import progress?" })).toContainText("Nothing would change");
  await other.getByRole("button", { name: "Close" }).click();
  await fresh.close();
});

test("an import that replaces the learner's code asks first, and the lesson offers the way back", async ({ page }, testInfo) => {
  await openLesson(page);
  await runCode(page, "// mine\nexport const x = 1;\n");
  await page.goto("#/");
  const path = fileToImport(join(testInfo.outputDir, "other.json"), JSON.stringify({ format: "backend-playground-progress", version: 1, lessons: { welcome: { code: SOLUTION, completed: false }, "not-a-lesson": { completed: true } } }));
  await importFile(page, path);
  const preview = page.getByRole("dialog", { name: "Import progress?" });
  await expect(preview.getByRole("listitem")).toHaveText([`${TITLE}: your code here is replaced (kept as a way back in the lesson)`]);
  await expect(preview).toContainText("Left out, not lessons on this site: not-a-lesson.");
  // Cancel changes nothing.
  await preview.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("link", { name: TITLE }).click();
  await waitForEditor(page);
  expect(await getCode(page)).toBe("// mine\nexport const x = 1;\n");
  await page.goto("#/");
  await importFile(page, path);
  await page.getByRole("dialog", { name: "Import progress?" }).getByRole("button", { name: "Import", exact: true }).click();
  await page.getByRole("link", { name: TITLE }).click();
  await waitForEditor(page);
  expect(await getCode(page)).toBe(SOLUTION);
  await expect(page.getByText("Loaded the code from a progress file. Your own code is kept.")).toBeVisible();
  await page.getByRole("button", { name: "Back to my code" }).click();
  await expect.poll(() => getCode(page)).toBe("// mine\nexport const x = 1;\n");
});

test("a file that is not a progress file is refused, saying what is wrong", async ({ page }, testInfo) => {
  await page.goto("#/");
  for (const [name, text, says] of [
    ["notes.json", "{ this is not json", "it is not JSON"],
    ["newer.json", JSON.stringify({ format: "backend-playground-progress", version: 9, lessons: {} }), "newer version of Backend Playground (file version 9)"],
    ["bad-lesson.json", JSON.stringify({ format: "backend-playground-progress", version: 1, lessons: { welcome: { code: 7 } } }), 'Lesson "welcome" in this file has code that is not text.'],
  ]) {
    const path = fileToImport(join(testInfo.outputDir, name), text);
    await importFile(page, path);
    await expect(page.getByRole("status").filter({ hasText: "was not imported" })).toContainText(`“${name}” was not imported. `);
    await expect(page.getByRole("status").filter({ hasText: "was not imported" })).toContainText(says);
    await expect(page.getByRole("dialog")).toHaveCount(0);
  }
  await expect(lessonItem(page)).toContainText("Not started");
});

test("with storage refused, the home page says so and an import works in memory", async ({ page }, testInfo) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  await page.goto("#/");
  await expect(page.getByRole("alert")).toContainText("not letting this page save");
  const path = fileToImport(join(testInfo.outputDir, "carried.json"), JSON.stringify({ format: "backend-playground-progress", version: 1, lastLesson: "welcome", lessons: { welcome: { code: SOLUTION, completed: true } } }));
  await importFile(page, path);
  await page.getByRole("dialog", { name: "Import progress?" }).getByRole("button", { name: "Import", exact: true }).click();
  await expect(lessonItem(page)).toContainText("Completed");
  await page.getByRole("link", { name: "Continue" }).click();
  await waitForEditor(page);
  expect(await getCode(page)).toBe(SOLUTION);
});
