// Phone mode (app/editor/editor-mode.ts): on an emulated phone the lesson page shows the light
// editor (CodeMirror) and never fetches Monaco, folds the lesson text to the current step above
// the editor, puts the rarer actions in a menu, and a learner can complete welcome and pagination.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { findingsInBothThemes } from "./axe";
import { test, expect, checks, expectAllChecksPassed, getCode, openLesson, output, run, runMarkers, setCode, status, waitForEditor } from "./fixtures";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });

// The full editor's files: its chunks, its workers and its font.
const MONACO = /monaco|editor\.api|editor\.worker|ts\.worker|tsMode|codicon|CodeEditor|SolutionDiff/;

/** Every script, worker, style and font the page fetches from now on. */
function fetched(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (r) => urls.push(new URL(r.url()).pathname));
  return urls;
}

function fold(page: Page) {
  return page.getByRole("region", { name: "Lesson" }).locator("summary");
}

test("welcome completes on a phone: the light editor, the step folded above it, no Monaco fetched", async ({ page }) => {
  const urls = fetched(page);
  await openLesson(page);
  await waitForEditor(page);
  expect(await page.evaluate(() => window.playgroundCode!.kind)).toBe("light");
  await expect(page.getByRole("textbox", { name: /Lesson code \(TypeScript\)/ })).toBeVisible();

  // The lesson text: folded to the current step, above the editor, opened by a tap.
  await expect(fold(page)).toContainText("Step 1 of");
  const foldBox = (await fold(page).boundingBox())!;
  const editorBox = (await page.getByRole("region", { name: "Code editor" }).boundingBox())!;
  expect(foldBox.y + foldBox.height).toBeLessThanOrEqual(editorBox.y + 1);
  expect(foldBox.height).toBeGreaterThanOrEqual(44);
  await expect(page.getByRole("navigation", { name: "Steps" })).toBeHidden();
  await fold(page).tap();
  await expect(page.getByRole("navigation", { name: "Steps" })).toBeVisible();
  await expect(page.locator(".prose h2").first()).toBeVisible();

  // The compact toolbar: Run, Stop and the status on one row; the rest in "More actions".
  const runBox = (await page.getByRole("button", { name: "Run", exact: true }).boundingBox())!;
  const more = page.getByRole("button", { name: "More actions" });
  const moreBox = (await more.boundingBox())!;
  expect(Math.abs(runBox.y - moreBox.y)).toBeLessThan(4);
  for (const box of [runBox, moreBox, (await page.getByRole("button", { name: "Stop" }).boundingBox())!]) expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
  await expect(page.getByRole("button", { name: "Reset code" })).toBeHidden();

  // The starter fails, and the failure is marked at the learner's line.
  await run(page);
  await expect(status(page)).toHaveText(/checks? passed|failed|Error/, { timeout: 30_000 });
  await expect(status(page)).not.toHaveText("All checks passed");
  expect(await checks(page).filter({ hasText: "failed" }).count()).toBeGreaterThan(0);

  // The solution typed through the editor, run: every check passes, the completion moment shows.
  const solution = readFileSync("lessons/welcome/solution.ts", "utf8");
  await setCode(page, solution);
  await run(page);
  await expectAllChecksPassed(page, { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Completed: well done" })).toBeVisible();
  // Typed code is saved as on the desktop: it comes back after a reload.
  await page.reload();
  await waitForEditor(page);
  expect(await getCode(page)).toBe(solution);

  expect(urls.filter((u) => MONACO.test(u)), "Monaco's files fetched in phone mode").toEqual([]);
  expect(urls.some((u) => /LightEditor/.test(u))).toBe(true);
});

test("a run's error is marked at the learner's line in the light editor, and the rarer actions are in the menu", async ({ page }) => {
  await openLesson(page);
  await setCode(page, "const a = 1;\nthrow new Error('on line two');\n");
  await run(page);
  await expect(status(page)).toContainText("on line two");
  await expect.poll(() => runMarkers(page)).toEqual([{ line: 2, message: expect.stringContaining("on line two") }]);
  await expect(page.locator(".cm-lintRange-error")).toHaveCount(1);

  await page.getByRole("button", { name: "More actions" }).tap();
  const reset = page.getByRole("button", { name: "Reset code" });
  await expect(reset).toBeVisible();
  await reset.tap();
  await expect(reset).toBeHidden();
  await expect.poll(() => getCode(page)).toBe(readFileSync("lessons/welcome/starter.ts", "utf8"));

  // By keyboard: the menu opens from its button, Tab goes into it, Escape closes it.
  const more = page.getByRole("button", { name: "More actions" });
  await more.focus();
  await page.keyboard.press("Enter");
  await expect(reset).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(reset).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(reset).toBeHidden();
});

test("the light editor takes typing from a keyboard; Ctrl+Enter runs, Tab leaves it", async ({ page }) => {
  await openLesson(page);
  await setCode(page, "");
  const editor = page.getByRole("textbox", { name: /Lesson code/ });
  await editor.click();
  await page.keyboard.type('console.log("typed on a phone");');
  expect(await getCode(page)).toBe('console.log("typed on a phone");');
  await page.keyboard.press("Control+Enter");
  await expect(output(page)).toContainText("typed on a phone");
  await page.keyboard.press("Tab");
  await expect(editor).not.toBeFocused();
  await expect(page.getByRole("button", { name: "Use the full editor" })).toBeFocused();
});

test("Compare with mine on a phone: nothing changes until a change is taken, and a taken change is saved", async ({ page }) => {
  await openLesson(page);
  const starter = readFileSync("lessons/welcome/starter.ts", "utf8");
  await expect.poll(() => getCode(page)).toBe(starter);
  await page.getByRole("button", { name: "More actions" }).tap();
  await page.getByRole("button", { name: "Show solution" }).tap();
  await page.getByRole("button", { name: "Compare with mine" }).tap();
  await expect(page.getByRole("group", { name: "Compare with the solution" }).getByRole("status")).toContainText("difference");
  expect(await getCode(page)).toBe(starter);
  const take = page.getByRole("button", { name: "Take the solution's lines" });
  const before = await take.count();
  expect(before).toBeGreaterThan(0);
  // Each difference's buttons sit above the solution's lines, not over them.
  const chunk = page.locator(".cm-deletedChunk").filter({ has: page.locator(".cm-deletedLine") }).first();
  const buttonsBox = (await chunk.locator(".cm-chunkButtons").boundingBox())!;
  const linesBox = (await chunk.locator(".cm-deletedLine").first().boundingBox())!;
  expect(buttonsBox.y + buttonsBox.height).toBeLessThanOrEqual(linesBox.y + 1);
  expect((await take.first().boundingBox())!.height).toBeGreaterThanOrEqual(44);
  expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
  await take.first().tap();
  await expect(take).toHaveCount(before - 1);
  const taken = await getCode(page);
  expect(taken).not.toBe(starter);
  await page.getByRole("button", { name: "Done comparing" }).tap();
  await expect(take).toHaveCount(0);
  await page.reload();
  await waitForEditor(page);
  expect(await getCode(page)).toBe(taken);
});

test("the learner can switch to the full editor on a phone, and back; the choice is remembered", async ({ page }) => {
  await openLesson(page);
  await setCode(page, "// mine, typed on the phone\n");
  await page.getByRole("button", { name: "Use the full editor" }).tap();
  await page.waitForFunction(() => window.playgroundCode?.kind === "full", null, { timeout: 30_000 });
  expect(await getCode(page)).toBe("// mine, typed on the phone\n");
  await page.reload();
  await page.waitForFunction(() => window.playgroundCode?.kind === "full", null, { timeout: 30_000 });
  await page.getByRole("button", { name: "Use the light editor" }).tap();
  await page.waitForFunction(() => window.playgroundCode?.kind === "light");
  expect(await getCode(page)).toBe("// mine, typed on the phone\n");
});

test("the phone layout of welcome passes axe, light and dark, with the step folded and opened", async ({ page }) => {
  await openLesson(page);
  await waitForEditor(page);
  expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
  await fold(page).tap();
  await page.getByRole("button", { name: "More actions" }).tap();
  expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
});

/**
 * The kept profile (fixtures.ts) is one persistent context launched for the whole worker, which
 * the test's `test.use` device options do not reach: the phone is emulated on the page itself.
 */
async function emulatePhone(page: Page): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setDeviceMetricsOverride", { width: 390, height: 844, deviceScaleFactor: 3, mobile: true });
  await cdp.send("Emulation.setTouchEmulationEnabled", { enabled: true, maxTouchPoints: 5 });
}

test.describe("pagination", () => {
  // Postgres seeded by an earlier test of this worker is loaded from its kept copy (fixtures.ts).
  test.use({ keptDatabase: true });
  test.setTimeout(240_000);

  test("pagination completes on a phone: the starter fails, the solution passes", async ({ page }) => {
    await emulatePhone(page);
    const urls = fetched(page);
    await openLesson(page, "#/lessons/pagination");
    await waitForEditor(page);
    expect(await page.evaluate(() => window.playgroundCode!.kind)).toBe("light");
    await expect(page.getByText("Postgres is ready")).toBeVisible({ timeout: 180_000 });
    await setCode(page, readFileSync("lessons/pagination/starter.ts", "utf8"));
    await run(page);
    await expect(status(page)).toHaveText(/^[0-5] of 6 checks passed$/, { timeout: 60_000 });
    await setCode(page, readFileSync("lessons/pagination/solution.ts", "utf8"));
    await run(page);
    await expectAllChecksPassed(page, { timeout: 60_000 });
    await expect(page.getByRole("heading", { name: /^Completed/ })).toBeVisible();
    expect(urls.filter((u) => MONACO.test(u)), "Monaco's files fetched in phone mode").toEqual([]);
  });
});

test.describe("a touch-only tablet", () => {
  test.use({ viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test("gets the light editor, and keeps the wider layout (the lesson text unfolded, the whole toolbar)", async ({ page }) => {
    const urls = fetched(page);
    await openLesson(page);
    await waitForEditor(page);
    expect(await page.evaluate(() => window.playgroundCode!.kind)).toBe("light");
    await expect(page.getByRole("navigation", { name: "Steps" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Reset code" })).toBeVisible();
    await expect(page.getByRole("button", { name: "More actions" })).toHaveCount(0);
    expect(urls.filter((u) => MONACO.test(u))).toEqual([]);
  });
});
