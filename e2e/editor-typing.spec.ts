// Keystrokes reach the learner's code and stay there: typed quickly, right after the editor
// appears, on a slow machine, none is lost, and a reload brings back exactly what was typed.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, LESSON, focusEditor, getCode, waitForEditor } from "./fixtures";

const STARTER = readFileSync("lessons/welcome/starter.ts", "utf8");
// 200 characters in a comment, where Monaco neither suggests nor closes anything.
const TYPED = `// ${"quick brown fox jumps over the lazy dog ".repeat(5)}`.slice(0, 200);

/** Types `text` at the start of the code as one input event: far quicker than the pause a save waits for. */
async function insertAtStart(page: Page, text: string): Promise<void> {
  await focusEditor(page, "start");
  await page.keyboard.insertText(text);
}

test("200 characters typed at 10 ms a key, right after the editor appears on a 4× slower CPU, all arrive and survive a reload", async ({ page }) => {
  test.setTimeout(240_000);
  expect(TYPED).toHaveLength(200);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });

  await page.goto(LESSON);
  // The starter ends with a newline: the caret goes on the empty last line.
  await focusEditor(page, "end");
  await page.keyboard.type(TYPED, { delay: 10 });

  await expect.poll(() => getCode(page), { timeout: 30_000 }).toBe(STARTER + TYPED);
  // Nothing pushes an older text back once the page has caught up.
  await page.waitForTimeout(1000);
  expect(await getCode(page)).toBe(STARTER + TYPED);

  await page.reload();
  await waitForEditor(page);
  expect(await getCode(page)).toBe(STARTER + TYPED);
});

test("code typed just before leaving the lesson is saved (saving waits for a pause, leaving does not)", async ({ page }) => {
  await page.goto(LESSON);
  await insertAtStart(page, "// typed, then off to the lessons\n");
  await page.evaluate(() => (location.hash = "#/"));
  await expect(page.getByRole("list", { name: "Lessons" }).getByRole("listitem").first()).toContainText("In progress");
  await page.goto(LESSON);
  await waitForEditor(page);
  expect(await getCode(page)).toBe(`// typed, then off to the lessons\n${STARTER}`);
});

test("code typed just before a reload is saved", async ({ page }) => {
  await page.goto(LESSON);
  await insertAtStart(page, "// typed, then reloaded\n");
  await page.reload();
  await waitForEditor(page);
  expect(await getCode(page)).toBe(`// typed, then reloaded\n${STARTER}`);
});
