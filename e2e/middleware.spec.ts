import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, checks, openLesson, run, runCode, status, visualization } from "./fixtures";

const LESSON = "#/lessons/middleware";
const SOLUTION = readFileSync("lessons/middleware/solution.ts", "utf8");

/** The text alternative: the steps of the picked request, opened as a learner would. */
async function stepTable(page: Page) {
  const viz = visualization(page);
  const details = viz.locator("details");
  if (!(await details.evaluate((d: HTMLDetailsElement) => d.open))) await viz.getByText(/as a table$/).click();
  return viz.getByRole("table");
}

test("on middleware the starter fails: the bouncer's HTTPException becomes a 500 in the onion", async ({ page }) => {
  await openLesson(page, LESSON);
  await run(page);
  await expect(status(page)).toHaveText(/^[0-4] of 5 checks passed$/);
  await expect(checks(page).filter({ hasText: "A blocked address gets 403" })).toContainText("failed");
  await expect(checks(page).filter({ hasText: "X-Process-Time times every response" })).toContainText("failed");

  const viz = visualization(page);
  await viz.getByRole("combobox", { name: "Request" }).selectOption({ label: "2. GET / → 500" });
  await expect(viz.locator("figcaption")).toContainText("bouncer raised HTTPException:403, and ServerErrorMiddleware answered with a 500");
  const rows = (await stepTable(page)).getByRole("row");
  await expect(rows.filter({ hasText: "bouncer" }).filter({ hasText: "raised HTTPException:403" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "client gets 500" })).toHaveCount(1);
});

test("on middleware the solution passes and the onion shows the bouncer short-circuiting", async ({ page }) => {
  await openLesson(page, LESSON);
  await runCode(page, SOLUTION);
  await expect(status(page)).toHaveText("All checks passed");

  const viz = visualization(page);
  const caption = viz.locator("figcaption");
  // The first request of the run went all the way in: through the three middleware, in the order they wrap.
  await viz.getByRole("combobox", { name: "Request" }).selectOption({ label: "1. GET / → 200" });
  await expect(caption).toContainText("GET / → 200");
  await expect(caption).toContainText("through 6 of 6 layers to the endpoint and back out");
  const layers = await (await stepTable(page)).getByRole("row").filter({ hasText: "request in" }).locator("td:nth-child(2)").allTextContents();
  expect(layers).toEqual(["ServerErrorMiddleware", "timing", "securityHeaders", "bouncer", "ExceptionMiddleware", "Router"]);

  await viz.getByRole("combobox", { name: "Request" }).selectOption({ label: "2. GET / → 403 (bouncer)" });
  await expect(caption).toContainText("short-circuited by bouncer; the 2 layers inside it never saw the request");
  await expect(viz.getByRole("table").getByRole("row").filter({ hasText: "client gets 403" })).toHaveCount(1);
  await expect(viz.getByRole("table").getByRole("row").filter({ hasText: "endpoint" })).toHaveCount(0);

  // Choosing a request puts the playhead on its first step, the request arriving; the playhead
  // (its slider, with the keyboard) and the onion's step buttons then walk it through.
  await expect(caption).toContainText("Step 1 of 14: client, GET / arrives");
  await viz.getByRole("button", { name: "Next step" }).click();
  await expect(caption).toContainText("Step 2 of 14: ServerErrorMiddleware, request in");
  await expect(viz.getByRole("table").locator('tr[aria-current="step"]')).toContainText("ServerErrorMiddleware");
  await viz.getByRole("slider", { name: "Moment in the run" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(caption).toContainText("Step 3 of 14");
  await page.keyboard.press("ArrowLeft");
  await expect(caption).toContainText("Step 2 of 14");
});
