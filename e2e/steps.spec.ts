import { readFileSync } from "node:fs";
import { test, expect, expectAllChecksPassed, getCode, openLesson, run, setCode, status } from "./fixtures";
import type { Page } from "@playwright/test";

const STARTER = readFileSync("lessons/welcome/starter.ts", "utf8");
const SOLUTION = readFileSync("lessons/welcome/solution.ts", "utf8");

const lessonPane = (page: Page) => page.getByRole("region", { name: "Lesson" });
const stepList = (page: Page) => lessonPane(page).getByRole("navigation", { name: "Steps" });
const stepButton = (page: Page, title: string) => stepList(page).getByRole("button", { name: new RegExp(title) });

test("welcome goes step by step: done when its checks pass, Next step, the code carried over, a completion moment", async ({ page }) => {
  await openLesson(page);
  // Step 1 is shown: its prose, not the next step's.
  await expect(stepButton(page, "Run your code")).toHaveAttribute("aria-current", "step");
  await expect(lessonPane(page)).toContainText("Press Run");
  await expect(lessonPane(page)).not.toContainText("The starter code has two small functions");

  // The starter prints: step 1's one check passes, and the step is done.
  await run(page);
  await expect(status(page)).toHaveText("1 of 4 checks passed");
  await expect(stepButton(page, "Run your code")).toHaveAccessibleName(/Run your code \(done\)/);
  await expect(lessonPane(page)).toContainText("Step 1 is done.");

  // An edit, then Next step: step 2's prose, and the editor keeps the code.
  const edited = STARTER.replace("Hello ", "Hello, ");
  await setCode(page, edited);
  await lessonPane(page).getByRole("button", { name: "Next step: Your task" }).click();
  await expect(stepButton(page, "Your task")).toHaveAttribute("aria-current", "step");
  await expect(lessonPane(page)).toContainText("The starter code has two small functions");
  // The button pressed is gone (no step after this one): the keyboard is at the new step's start.
  await expect(lessonPane(page).locator(".prose-step")).toBeFocused();
  await expect(lessonPane(page)).not.toContainText("Press Run");
  expect(await getCode(page)).toBe(edited);
  await expect(lessonPane(page).getByRole("button", { name: /^Next step/ })).toHaveCount(0);

  // The last step's checks pass: the lesson is complete, and the next lesson is a link away.
  await setCode(page, SOLUTION);
  await run(page);
  await expectAllChecksPassed(page);
  await expect(stepButton(page, "Your task")).toHaveAccessibleName(/\(done\)/);
  const complete = lessonPane(page).getByRole("region", { name: "Completed: well done" });
  await expect(complete).toBeVisible();
  const next = complete.getByRole("link", { name: /^Next lesson: / });
  await expect(next).toHaveAttribute("href", /#\/lessons\/(?!welcome)[a-z-]+$/);

  // Earlier steps stay reachable, and the page comes back to the step the learner left.
  await stepButton(page, "Run your code").click();
  await expect(lessonPane(page)).toContainText("Press Run");
  await page.reload();
  await expect(stepButton(page, "Run your code")).toHaveAttribute("aria-current", "step");
  await expect(stepButton(page, "Your task")).toHaveAccessibleName(/\(done\)/);

  // Within the page (the lesson unmounts, its completion moment too), not a new load.
  await page.goto("#/");
  await expect(page.getByRole("list", { name: "Lessons" }).getByRole("listitem").first()).toContainText("Completed");
  await expect(page.getByRole("list", { name: "Lessons" }).getByRole("listitem").first()).not.toContainText("solution shown");
});

test("completing with the solution shown is recorded as such, not as solved", async ({ page }) => {
  await openLesson(page);
  await page.getByRole("button", { name: "Show solution" }).click();
  await page.getByRole("button", { name: "Replace my code" }).click();
  await run(page);
  await expectAllChecksPassed(page);
  await expect(lessonPane(page).getByRole("region", { name: "Completed with the solution shown" })).toBeVisible();

  await page.goto("./");
  const item = page.getByRole("list", { name: "Lessons" }).getByRole("listitem").first();
  await expect(item).toContainText("Completed with the solution shown");
  await expect(page.getByText(/^0 of \d+ lessons completed$/)).toBeVisible();
});

test("an embedded lesson tells its page each step shown and when it is done", async ({ page, baseURL }) => {
  // A course page, answered by the test itself: no second server (embed-api.spec.ts has one, on
  // another origin). Chromium refuses a page Playwright answers for another origin to frame a
  // local address, so this one is the site's own origin.
  const host = new URL(baseURL!).origin;
  await page.route(`${host}/course`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>Course</title><script>window.received = []; addEventListener("message", (e) => window.received.push(e.data));</script>
<iframe id="lesson" title="Lesson" width="1200" height="800" src="${new URL("#/embed/welcome", baseURL).href}"></iframe>`,
    }),
  );
  await page.goto(`${host}/course`);
  const framed = page.frameLocator("#lesson");
  await expect(framed.getByRole("button", { name: "Run", exact: true })).toBeEnabled();
  const steps = () => page.evaluate(() => (window as unknown as { received: { type: string }[] }).received.filter((m) => m.type === "step"));

  await expect.poll(steps).toEqual([expect.objectContaining({ lesson: "welcome", index: 0, count: 2, title: "Run your code", done: false })]);
  await framed.getByRole("button", { name: "Run", exact: true }).click();
  await expect.poll(async () => (await steps()).at(-1)).toMatchObject({ index: 0, done: true });
  await framed.getByRole("button", { name: "Next step: Your task" }).click();
  await expect.poll(async () => (await steps()).at(-1)).toMatchObject({ index: 1, count: 2, title: "Your task", done: false });
});
