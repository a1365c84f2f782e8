// A keyboard user in the editor: Tab indents there, the page says how to get out (visibly, and
// to screen readers through aria-describedby), the way out works, and the editor shows a ring
// while it has focus.
import { test, expect, getCode, openLesson, waitForEditor } from "./fixtures";

test("the editor says how to leave it with the keyboard, and the way out works", async ({ page }) => {
  await openLesson(page);
  await waitForEditor(page);
  const editorPane = page.getByRole("region", { name: "Code editor" });
  const input = editorPane.getByRole("textbox");
  await input.focus();

  // What a screen reader reads with the editor: the hint, which is also on screen.
  const hintId = await input.getAttribute("aria-describedby");
  expect(hintId).toBeTruthy();
  const hint = page.locator(`[id="${hintId}"]`);
  await expect(hint).toBeVisible();
  await expect(hint).toContainText(/Tab.*indents/);
  await expect(hint).toContainText(/Ctrl.*M.*Tab.*leaves the editor/);

  // Tab indents and keeps focus in the editor…
  const before = await getCode(page);
  await page.keyboard.press("Tab");
  expect(await getCode(page)).not.toBe(before);
  await expect(input).toBeFocused();

  // …until Ctrl+M, after which Tab moves on.
  await page.keyboard.press("Control+M");
  await page.keyboard.press("Tab");
  await expect(input).not.toBeFocused();
});

test("the editor shows a focus ring while it has focus", async ({ page }) => {
  await openLesson(page);
  await waitForEditor(page);
  const editorPane = page.getByRole("region", { name: "Code editor" });
  const ring = () => editorPane.evaluate((el) => getComputedStyle(el, "::after").borderTopColor);
  const unfocused = await ring();
  await editorPane.getByRole("textbox").focus();
  const focused = await ring();
  expect(focused).not.toBe(unfocused);
  expect(focused).not.toBe("rgba(0, 0, 0, 0)");
});
