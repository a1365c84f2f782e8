import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { findingsInBothThemes } from "./axe";
import { test, expect, checks, expectAllChecksPassed, output, runCode, runWhenPostgresReady, status, visualization } from "./fixtures";

const LESSON = "#/lessons/caching";
const STARTER = readFileSync("lessons/caching/starter.ts", "utf8");
const SOLUTION = readFileSync("lessons/caching/solution.ts", "utf8");

// Starting and seeding Postgres (a million feed items) takes a while, and a run makes ten
// statements of 300–500 ms each.
test.setTimeout(200_000);

async function runWhenReady(page: Page, code: string) {
  // No replay animation: the picture shows the end of the run at once.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await runWhenPostgresReady(page, LESSON, code);
}

function row(table: ReturnType<Page["getByRole"]>, name: string) {
  return table.getByRole("row").filter({ has: table.page().getByRole("rowheader", { name, exact: true }) });
}

// One page for the whole lesson, so Postgres is started and seeded once: the starter, then the
// solution, then axe on the page as a learner leaves it (accessibility.spec.ts skips this lesson).
test("on caching: the starter stampedes without TTL or invalidation, the solution passes and its picture shows the TTL", async ({ page }) => {
  await test.step("on caching the starter fails: no TTL, no invalidation, and a stampede of queries", async () => {
    await runWhenReady(page, STARTER);
    await expect(status(page)).toHaveText(/^[0-4] of 5 checks passed$/, { timeout: 40_000 });
    await expect(checks(page).filter({ hasText: "A second call within the TTL is a cache hit" })).toContainText("passed");
    await expect(checks(page).filter({ hasText: "The cached copy expires" })).toContainText("-1 means it never expires");
    await expect(checks(page).filter({ hasText: "A new post invalidates the cache" })).toContainText("failed");
    await expect(checks(page).filter({ hasText: "100 concurrent requests" })).toContainText("expected 100 to equal 1");
    await expect(output(page)).toContainText("TTL left: -1 s");

    const viz = visualization(page);
    await expect(viz.getByRole("img", { name: /Latency over the run/ })).toBeVisible();
    const keys = viz.getByRole("table", { name: "Keys at this moment" });
    await expect(row(keys, "top-authors")).toContainText("no expiry");
    const summary = viz.getByRole("table", { name: "Hits, misses and database statements" });
    // The stampede: each of the 100 concurrent calls missed.
    expect(Number(await row(summary, "Cache misses (GET found nothing)").getByRole("cell").first().textContent())).toBeGreaterThanOrEqual(100);
  });

  await test.step("on caching the solution passes, and the picture shows the hour skipped and the key's TTL counting down", async () => {
    await runCode(page, SOLUTION); // the same page: Postgres is seeded once
    await expectAllChecksPassed(page, { timeout: 40_000 });
    await expect(output(page)).toContainText("TTL left: 300 s");

    const viz = visualization(page);
    await expect(viz.getByRole("figure")).toContainText("the lesson clock skipped 1 h 0 min");
    const keys = viz.getByRole("table", { name: "Keys at this moment" });
    await expect(row(keys, "top-authors").getByRole("cell").first()).toHaveText(/^4 min 5\d s$/);
    await expect(row(keys, "top-authors").getByRole("cell").last()).toHaveText("1"); // expired once, after the hour
    await expect(row(keys, "lock:top-authors").getByRole("cell").first()).toHaveText("gone");
    const summary = viz.getByRole("table", { name: "Hits, misses and database statements" });
    const hits = Number(await row(summary, "Cache hits (GET found the key)").getByRole("cell").first().textContent());
    expect(hits, "the 99 stampede waiters and the warm calls read the cache").toBeGreaterThanOrEqual(100);

    // Back to the start of the run: the lesson clock has not jumped yet.
    const slider = viz.getByRole("slider", { name: "Moment in the run" });
    await slider.focus();
    await page.keyboard.press("Home");
    await expect(viz).toContainText("run 0.0 ms · lesson clock 0.0 ms");
  });

  await test.step("no serious axe findings after the solution ran, light and dark", async () => {
    expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });
});
