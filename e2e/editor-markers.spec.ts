// A run's error marker belongs to the code as it was run: it moves with its line while the learner
// edits elsewhere, and goes once they edit the line it marks.
import type { Page } from "@playwright/test";
import { test, expect, openLesson, run, runMarkers, setCode, status } from "./fixtures";

const FAILING = `export function greet(name: string): string {
  return "Hello, " + name + "!";
}
throw new Error("boom");
`;

/** Puts the caret at the end of `line` in a focused editor. */
async function caretAtEndOf(page: Page, line: number): Promise<void> {
  await page.evaluate((lineNumber) => {
    const { editor } = window.playgroundEditor!;
    editor.setPosition({ lineNumber, column: editor.getModel()!.getLineMaxColumn(lineNumber) });
    editor.focus();
  }, line);
}

test("an error marker moves down with its line when a line is added above, and goes when its own line is edited", async ({ page }) => {
  await openLesson(page);
  await setCode(page, FAILING);
  await run(page);
  await expect(status(page)).toContainText("(line 4)");
  await expect.poll(() => runMarkers(page)).toEqual([expect.objectContaining({ line: 4, message: expect.stringContaining("boom") })]);

  // A new line after line 1: the throw is now on line 5, and so is its marker.
  await caretAtEndOf(page, 1);
  await page.keyboard.press("Enter");
  await expect.poll(() => runMarkers(page)).toEqual([expect.objectContaining({ line: 5 })]);

  // Editing the marked line: the marker no longer describes it.
  await caretAtEndOf(page, 5);
  await page.keyboard.type(" // fixed?");
  await expect.poll(() => runMarkers(page)).toEqual([]);
  await expect(page.locator(".monaco-editor .squiggly-error")).toHaveCount(0);
});
