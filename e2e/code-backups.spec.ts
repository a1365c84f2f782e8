// Every replacement of the learner's code (a shared link, Reset code, Show solution) keeps its own
// way back, in storage: several in a row keep every earlier version, the banner offering the way
// back survives a reload until it is dismissed, it never claims the learner has code of their own
// when they have none, and a storage warning stays until their code is actually saved.
import { readFileSync } from "node:fs";
import LZString from "lz-string";
import type { Page } from "@playwright/test";
import { test, expect, LESSON, focusEditor, getCode, openLesson, setCode, waitForEditor } from "./fixtures";

const STARTER = readFileSync("lessons/welcome/starter.ts", "utf8");
const SOLUTION = readFileSync("lessons/welcome/solution.ts", "utf8");
const MINE = "// my own work, typed by hand\nexport function greet(name: string) {\n  return `Hi ${name}`;\n}\n";
const CODE_A = "// link A\nconsole.log('A');\n";
const CODE_B = "// link B\nconsole.log('B');\n";

const shareLink = (code: string) => `${LESSON}?code=${LZString.compressToEncodedURIComponent(code)}`;
/** The banner that tells what replaced the code and offers the way back. */
const codeBanner = (page: Page) => page.getByRole("note");

async function openShareLink(page: Page, code: string): Promise<void> {
  await page.goto(shareLink(code));
  await expect.poll(() => getCode(page)).toBe(code);
  await expect(page).toHaveURL(/#\/lessons\/welcome$/);
}

test("two share links in a row: Back to my code brings the learner's own code, not the first link's", async ({ page }) => {
  await openLesson(page);
  await setCode(page, MINE);
  await openShareLink(page, CODE_A);
  await openShareLink(page, CODE_B);
  await expect(codeBanner(page)).toContainText("Your own code is kept");
  await codeBanner(page).getByRole("button", { name: "Back to my code" }).click();
  expect(await getCode(page)).toBe(MINE);
  await expect(codeBanner(page)).toHaveCount(0);
});

test("two share links in a row: one step back is the first link's code, and the learner's own is still offered", async ({ page }) => {
  await openLesson(page);
  await setCode(page, MINE);
  await openShareLink(page, CODE_A);
  await openShareLink(page, CODE_B);
  await codeBanner(page).getByRole("button", { name: "Back to the previous link's code" }).click();
  expect(await getCode(page)).toBe(CODE_A);
  await codeBanner(page).getByRole("button", { name: "Back to my code" }).click();
  expect(await getCode(page)).toBe(MINE);
});

test("two share links in a row, then a reload: Back to my code still brings the learner's own code", async ({ page }) => {
  await openLesson(page);
  await setCode(page, MINE);
  await openShareLink(page, CODE_A);
  await openShareLink(page, CODE_B);
  await page.reload();
  await waitForEditor(page);
  expect(await getCode(page)).toBe(CODE_B);
  await codeBanner(page).getByRole("button", { name: "Back to my code" }).click();
  expect(await getCode(page)).toBe(MINE);
  await page.reload();
  await waitForEditor(page);
  expect(await getCode(page)).toBe(MINE);
  await expect(codeBanner(page)).toHaveCount(0);
});

test("Show solution, then a reload: the way back is still offered and restores the learner's code", async ({ page }) => {
  await openLesson(page);
  await setCode(page, MINE);
  await page.getByRole("button", { name: "Show solution" }).click();
  await page.getByRole("button", { name: "Replace my code" }).click();
  expect(await getCode(page)).toBe(SOLUTION);

  await page.reload();
  await waitForEditor(page);
  expect(await getCode(page)).toBe(SOLUTION);
  await expect(codeBanner(page)).toContainText("solution");
  await codeBanner(page).getByRole("button", { name: "Undo" }).click();
  expect(await getCode(page)).toBe(MINE);
  await page.reload();
  await waitForEditor(page);
  expect(await getCode(page)).toBe(MINE);
});

test("the way back stays across reloads until it is dismissed", async ({ page }) => {
  await openLesson(page);
  await setCode(page, MINE);
  await page.getByRole("button", { name: "Reset code" }).click();
  expect(await getCode(page)).toBe(STARTER);
  await page.reload();
  await expect(codeBanner(page).getByRole("button", { name: "Undo" })).toBeVisible();
  await codeBanner(page).getByRole("button", { name: "Dismiss" }).click();
  await expect(codeBanner(page)).toHaveCount(0);
  await page.reload();
  await waitForEditor(page);
  await expect(page.getByRole("button", { name: "Run", exact: true })).toBeEnabled();
  await expect(codeBanner(page)).toHaveCount(0);
});

test("a first-time visitor opening a share link is not told their own code is kept", async ({ page }) => {
  await openShareLink(page, CODE_A);
  await expect(codeBanner(page)).toContainText("shared link");
  await expect(codeBanner(page)).not.toContainText(/your (own )?code|my code/i);
  await expect(page.getByRole("button", { name: "Back to my code" })).toHaveCount(0);
  // The way back is named for what it brings: the starter.
  await codeBanner(page).getByRole("button", { name: "Back to the starter" }).click();
  expect(await getCode(page)).toBe(STARTER);
});

test("a 5 MB share link's storage warning stays after an unrelated write, until the code is saved", async ({ page }) => {
  // 5 Mi characters are 10 MiB in the browser's UTF-16 storage: more than the origin's quota.
  const huge = `// a huge shared file\n${`// ${"x".repeat(76)}\n`.repeat(65_536)}`;
  const full = page.getByRole("alert").filter({ hasText: "storage is full" });
  await openLesson(page);
  await setCode(page, MINE);
  await page.goto(shareLink(huge));
  await expect.poll(async () => (await getCode(page)).length).toBe(huge.length);
  await expect(full).toBeVisible();

  // An unrelated small write succeeds (the theme is remembered); the learner's code is still unsaved.
  await page.getByRole("button", { name: /Switch to (dark|light) theme/ }).click();
  await expect.poll(() => page.evaluate(() => localStorage.getItem("bp:theme"))).not.toBeNull();
  await page.waitForTimeout(300);
  await expect(full).toBeVisible();

  // Once the learner's code is small enough to be saved, the warning goes.
  await setCode(page, "// a small edit\n");
  await expect.poll(() => page.evaluate(() => localStorage.getItem("bp:code:welcome"))).toBe("// a small edit\n");
  await expect(full).toHaveCount(0);
});

test("a storage warning can be dismissed", async ({ page }) => {
  const huge = `// a huge shared file\n${`// ${"x".repeat(76)}\n`.repeat(65_536)}`;
  const full = page.getByRole("alert").filter({ hasText: "storage is full" });
  await openLesson(page);
  await page.goto(shareLink(huge));
  await expect(full).toBeVisible();
  await full.getByRole("button", { name: "Dismiss" }).click();
  await expect(full).toHaveCount(0);
});

/** Show solution, checking what its dialog says it replaces; "your code" only when it is theirs. */
async function showSolution(page: Page, says: string): Promise<void> {
  await page.getByRole("button", { name: "Show solution" }).click();
  const text = page.getByRole("dialog").getByRole("paragraph");
  await expect(text).toContainText(says);
  if (!says.includes("your code")) await expect(text).not.toContainText(/your code/i);
  await page.getByRole("button", { name: "Replace my code" }).click();
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await waitForEditor(page);
}

test("typed at the keyboard, then Show solution at once, then a reload: Undo brings back every typed character", async ({ page }) => {
  await openLesson(page);
  await focusEditor(page, "start");
  await page.keyboard.type("// my first idea\n");
  await showSolution(page, "replace your code");
  expect(await getCode(page)).toBe(SOLUTION);

  await reload(page);
  expect(await getCode(page)).toBe(SOLUTION);
  await expect(codeBanner(page)).toContainText("Showing the solution in place of your code");
  await codeBanner(page).getByRole("button", { name: "Undo" }).click();
  expect(await getCode(page)).toBe(`// my first idea\n${STARTER}`);
});

test("the editor's own undo (Ctrl+Z) takes back Show solution, and what it brings back is saved", async ({ page }) => {
  await openLesson(page);
  await setCode(page, MINE);
  await showSolution(page, "replace your code");
  expect(await getCode(page)).toBe(SOLUTION);
  await page.evaluate(() => window.playgroundEditor!.editor.focus());
  await page.keyboard.press("Control+z");
  await expect.poll(() => getCode(page)).toBe(MINE);
  // Back to their own code: no way back is left to offer.
  await expect(codeBanner(page)).toHaveCount(0);
  await reload(page);
  expect(await getCode(page)).toBe(MINE);
});

test("a first-time visitor's Show solution speaks of the starter, not of their code, and Undo brings the starter back after a reload", async ({ page }) => {
  await openLesson(page);
  await showSolution(page, "replace the starter code");
  await reload(page);
  await expect(codeBanner(page)).toHaveText(/Showing the solution\./);
  await expect(codeBanner(page)).not.toContainText(/your (own )?code|my code/i);
  await codeBanner(page).getByRole("button", { name: "Undo" }).click();
  expect(await getCode(page)).toBe(STARTER);
});

test("a first-time visitor with a shared link: Show solution speaks of the link's code, and the way back never claims code of their own", async ({ page }) => {
  await openShareLink(page, CODE_A);
  await showSolution(page, "replace the code from the shared link");
  await reload(page);
  await expect(codeBanner(page)).not.toContainText(/your (own )?code|my code/i);
  await expect(page.getByRole("button", { name: "Back to my code" })).toHaveCount(0);
  await codeBanner(page).getByRole("button", { name: "Undo" }).click();
  expect(await getCode(page)).toBe(CODE_A);
});

test("Show solution and Reset code, again and again: Back to my code still brings the learner's own code after a reload", async ({ page }) => {
  await openLesson(page);
  await setCode(page, MINE);
  for (let i = 0; i < 4; i++) {
    await showSolution(page, i === 0 ? "replace your code" : "replace the starter code");
    await page.getByRole("button", { name: "Reset code" }).click();
  }
  await reload(page);
  await codeBanner(page).getByRole("button", { name: "Back to my code" }).click();
  expect(await getCode(page)).toBe(MINE);
});
