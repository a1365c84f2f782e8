// "Compare with mine": the solution beside the learner's code in Monaco's diff editor. Opening it
// changes nothing; each "Take this change" brings one difference over, as an edit the editor's
// Undo takes back; taking them all gives the solution, kept like typed code.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, getCode, openLesson, setCode } from "./fixtures";
import { findingsInBothThemes } from "./axe";

const SOLUTION = readFileSync("lessons/welcome/solution.ts", "utf8");
/** The solution with three of its lines changed, one removed and one of the learner's own added. */
const MINE = (() => {
  const lines = SOLUTION.split("\n");
  const edited = lines.map((line, i) => (i === 2 || i === Math.floor(lines.length / 2) ? `${line} // changed by me` : line));
  edited.splice(edited.length - 2, 1);
  edited.splice(1, 0, "// a note of my own");
  return edited.join("\n");
})();

const counter = (page: Page) => page.locator(".solution-diff__count");

async function openComparison(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Show solution" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Compare with mine" }).click();
  await expect(counter(page)).toHaveText(/^Difference 1 of \d+$/);
}

const differences = async (page: Page) => Number((await counter(page).textContent())?.match(/of (\d+)/)?.[1] ?? 0);

test("comparing changes nothing; taking the changes one at a time ends at the solution, kept and undoable", async ({ page }) => {
  await openLesson(page);
  await setCode(page, MINE);
  await openComparison(page);
  const total = await differences(page);
  expect(total).toBeGreaterThanOrEqual(3);
  // Both sides are on screen, and the learner's code is what it was.
  await expect(page.locator(".solution-diff .editor.original")).toBeVisible();
  await expect(page.locator(".solution-diff .editor.modified")).toBeVisible();
  expect(await getCode(page)).toBe(MINE);

  // One change taken: one difference fewer, and the code is neither what it was nor the solution.
  await page.getByRole("button", { name: "Take this change" }).click();
  await expect(counter(page)).toHaveText(`Difference 1 of ${total - 1}`);
  const once = await getCode(page);
  expect(once).not.toBe(MINE);
  expect(once).not.toBe(SOLUTION);

  // Next moves to another difference; taking it there leaves the first one alone.
  if (total - 1 >= 2) {
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(counter(page)).toHaveText(`Difference 2 of ${total - 1}`);
  }
  for (let left = total - 1; left > 0; left--) {
    await page.getByRole("button", { name: "Take this change" }).click();
    await expect(counter(page)).toHaveText(left - 1 === 0 ? "No differences: your code matches the solution." : new RegExp(`of ${left - 1}$`));
  }
  expect(await getCode(page)).toBe(SOLUTION);

  await page.getByRole("button", { name: "Done comparing" }).click();
  await expect(page.locator(".solution-diff")).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: /Lesson code/ })).toBeAttached();
  expect(await getCode(page)).toBe(SOLUTION);
  // The editor's Undo takes the last change back.
  await page.evaluate(() => window.playgroundEditor!.editor.trigger("test", "undo", null));
  expect(await getCode(page)).not.toBe(SOLUTION);
  await page.evaluate(() => window.playgroundEditor!.editor.trigger("test", "redo", null));
  // Taken changes are the learner's edits: saved, and there after a reload.
  await page.waitForTimeout(1500);
  await page.reload();
  await expect.poll(() => getCode(page), { timeout: 30_000 }).toBe(SOLUTION);
});

test("Done comparing without taking anything leaves the code exactly as it was; the comparison is accessible", async ({ page }) => {
  await openLesson(page);
  await setCode(page, MINE);
  await openComparison(page);
  const { light, dark } = await findingsInBothThemes(page);
  expect(light).toEqual([]);
  expect(dark).toEqual([]);
  // Keyboard: the buttons are reachable and work from the keyboard.
  await page.getByRole("button", { name: "Next", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(counter(page)).toHaveText(/^Difference 2 of \d+$/);
  await page.getByRole("button", { name: "Done comparing" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(".solution-diff")).toHaveCount(0);
  // The keyboard is back in the code, not lost on the page.
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest(".pane--editor .monaco-editor"))).toBe(true);
  expect(await getCode(page)).toBe(MINE);
});
