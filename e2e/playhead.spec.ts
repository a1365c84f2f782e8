// Runs stream their trace, and one playhead under the visualization moves through it. A routing
// lesson run that sends a request every 100 ms for about three seconds: the lookups appear while
// it runs; afterwards the playhead scrubs back and the picture and its text alternative show that
// moment; the keyboard drives it; with reduced motion nothing animates.
import { test, expect, openLesson, run, runCode, setCode, status, visualization } from "./fixtures";

const LESSON = "#/lessons/routing";
const STREAM = `import { FastAPI, TestClient } from "playground/web";

export const app = new FastAPI();
app.get("/items/{id:int}", ({ id }) => ({ id }));
const client = new TestClient(app);
for (let i = 1; i <= 30; i++) {
  await client.get(\`/items/\${i}\`);
  await new Promise((resolve) => setTimeout(resolve, 100));
}
`;

const caption = (page: import("@playwright/test").Page) => visualization(page).locator("figcaption").first();
/** How many lookups the picture has reached ("Lookup 5 of 5"), 0 while it has none to draw. */
const lookupsShown = async (page: import("@playwright/test").Page) => Number((/Lookup (\d+) of/.exec(await visualization(page).innerText()) ?? [])[1] ?? 0);
/** The text alternative: one row per lookup up to the playhead (and a header row). */
const comparisonRows = (page: import("@playwright/test").Page) => visualization(page).getByRole("table", { name: /Comparisons per request/ }).locator("tbody tr");

test("the visualization shows a run's events while it runs, and the playhead scrubs back through them by keyboard", async ({ page }) => {
  await openLesson(page, LESSON);
  await runCode(page, STREAM);
  const slider = visualization(page).getByRole("slider", { name: "Moment in the run" });

  // While the run goes on: lookups are drawn, more of them a moment later, and the playhead says it is live.
  await expect(caption(page)).toContainText(/Lookup \d+ of \d+: GET \/items\//, { timeout: 10_000 });
  await expect(status(page)).toHaveText("Running…");
  const early = await lookupsShown(page);
  await expect.poll(() => lookupsShown(page), { timeout: 5_000 }).toBeGreaterThan(early);
  await expect(status(page)).toHaveText("Running…");
  expect(await slider.getAttribute("aria-valuetext")).toContain("so far");
  await expect(visualization(page).getByText("live")).toBeVisible();

  // After it: all 30 of the learner's lookups, then the checks' own.
  await expect(status(page)).not.toHaveText("Running…", { timeout: 15_000 });
  const total = await lookupsShown(page);
  expect(total).toBeGreaterThan(30);
  await expect(comparisonRows(page)).toHaveCount(total);

  // Home: the start of the run, before anything happened.
  await slider.focus();
  await page.keyboard.press("Home");
  await expect(visualization(page)).toContainText("Nothing to draw yet at 0.00 ms into the run");
  expect(await slider.getAttribute("aria-valuenow")).toBe("0");

  // → steps one event at a time until the first lookup; the picture and the table show that moment.
  for (let i = 0; i < 20 && (await lookupsShown(page)) === 0; i++) await page.keyboard.press("ArrowRight");
  await expect(caption(page)).toContainText("Lookup 1 of 1: GET /items/1");
  await expect(comparisonRows(page)).toHaveCount(1);
  const valueAtFirst = Number(await slider.getAttribute("aria-valuenow"));
  expect(valueAtFirst).toBeGreaterThan(0);

  // ← steps back before it; End returns to the end of the run.
  await page.keyboard.press("ArrowLeft");
  await expect(visualization(page)).toContainText("Nothing to draw yet");
  await page.keyboard.press("End");
  await expect(caption(page)).toContainText(`Lookup ${total} of ${total}`);
  await expect(comparisonRows(page)).toHaveCount(total);

  // Page Down moves back a tenth of the run: fewer lookups, and the table follows.
  await page.keyboard.press("PageDown");
  await expect.poll(() => lookupsShown(page)).toBeLessThan(total);
  await expect(comparisonRows(page)).toHaveCount(await lookupsShown(page));

  // Choosing a row of the table moves the playhead there.
  await page.keyboard.press("End");
  await comparisonRows(page).nth(4).getByRole("button").first().click();
  await expect(caption(page)).toContainText("Lookup 5 of 5: GET /items/5");

  // Space plays from there to the end (about 4 s at 1× for a run this short is stretched: use 4×).
  await visualization(page).getByRole("combobox", { name: "Speed" }).selectOption("4");
  await slider.focus();
  await page.keyboard.press("Space");
  await expect(visualization(page).getByRole("button", { name: "Pause" })).toBeVisible();
  await expect.poll(() => lookupsShown(page)).toBeGreaterThan(5);
  await expect(caption(page)).toContainText(`Lookup ${total} of ${total}`, { timeout: 10_000 });
  await expect(visualization(page).getByRole("button", { name: "Play" })).toBeVisible();

  // The slider shows where focus is.
  await slider.focus();
  await page.keyboard.press("ArrowLeft");
  const outline = await slider.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
});

test("a stopped run keeps the events that arrived, and the playhead still moves through them", async ({ page }) => {
  await openLesson(page, LESSON);
  await runCode(page, STREAM);
  await expect.poll(() => lookupsShown(page), { timeout: 10_000 }).toBeGreaterThan(3);
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(status(page)).toHaveText("Stopped");
  const kept = await lookupsShown(page);
  expect(kept).toBeGreaterThan(3);
  expect(kept).toBeLessThan(30);
  await page.waitForTimeout(500); // nothing more arrives after Stop
  expect(await lookupsShown(page)).toBe(kept);
  await visualization(page).getByRole("button", { name: "Previous event" }).click();
  await visualization(page).getByRole("button", { name: "Jump to the end" }).click();
  await expect(caption(page)).toContainText(`Lookup ${kept} of ${kept}`);
});

test("with reduced motion, Play jumps to the end and nothing animates", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await openLesson(page, LESSON);
  await setCode(page, STREAM);
  await run(page);
  await expect(status(page)).not.toHaveText("Running…", { timeout: 15_000 });
  const total = await lookupsShown(page);
  const slider = visualization(page).getByRole("slider", { name: "Moment in the run" });
  await slider.focus();
  await page.keyboard.press("Home");
  await expect(visualization(page)).toContainText("Nothing to draw yet");
  await page.keyboard.press("Space");
  // At once, not over seconds: the end, and no Pause button because nothing is playing.
  await expect(caption(page)).toContainText(`Lookup ${total} of ${total}`, { timeout: 1_000 });
  await expect(visualization(page).getByRole("button", { name: "Play" })).toBeVisible();
  // No CSS animation or transition runs anywhere on the page while the playhead moves.
  await page.keyboard.press("Home");
  await page.keyboard.press("End");
  const running = await page.evaluate(() => document.getAnimations().filter((a) => a.playState === "running").length);
  expect(running).toBe(0);
});
