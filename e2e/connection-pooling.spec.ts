// The connection-pooling lesson in one page (Postgres is seeded once): the starter's burst is
// refused past max_connections — drawn while the run is still going — the solution's goes
// through PgBouncer with no error, and the page passes axe in both themes.
import { readFileSync } from "node:fs";
import { findingsInBothThemes } from "./axe";
import { test, expect, checks, expectAllChecksPassed, output, runCode, runWhenPostgresReady, status, visualization } from "./fixtures";

// Postgres seeded by an earlier test of this worker is loaded from its kept copy (fixtures.ts).
test.use({ keptDatabase: true });

const LESSON = "#/lessons/connection-pooling";
const STARTER = readFileSync("lessons/connection-pooling/starter.ts", "utf8");
const SOLUTION = readFileSync("lessons/connection-pooling/solution.ts", "utf8");

test.setTimeout(200_000);

test("on connection-pooling: the starter's burst is refused by Postgres, live; the solution goes through PgBouncer with no error", async ({ page }) => {
  await test.step("the starter: the picture fills while the run goes on, and the burst is refused past max_connections", async () => {
    await runWhenPostgresReady(page, LESSON, STARTER);
    const viz = visualization(page);
    // Drawn before the run ends: the chart and the state at the live edge.
    await expect(viz.getByRole("img", { name: /Connections over the run/ })).toBeVisible({ timeout: 30_000 });
    await expect(status(page)).toHaveText("Running…");
    await expect(viz.getByText("live")).toBeVisible();

    await expect(status(page)).toHaveText(/^[0-5] of 6 checks passed$/, { timeout: 90_000 });
    await expect(checks(page).filter({ hasText: "go through PgBouncer in transaction mode" })).toContainText("failed");
    await expect(checks(page).filter({ hasText: "releases the connection" })).toContainText("failed");
    await expect(checks(page).filter({ hasText: "stays with the handler's own transaction" })).toContainText("failed");
    await expect(output(page)).toContainText("refused 403");
    const errors = viz.getByRole("table", { name: /Errors, as Postgres/ });
    await expect(errors).toContainText("remaining connection slots are reserved for non-replication superuser connections");
    await expect(errors).toContainText("53300");
    await expect(viz.getByRole("table", { name: "At this moment" })).toContainText("of 100");
  });

  await test.step("the solution: every check passes, and the burst served every invocation", async () => {
    await runCode(page, SOLUTION);
    await expectAllChecksPassed(page, { timeout: 90_000 });
    await expect(output(page)).toContainText("served 500, failed 0");
    await expect(visualization(page).getByRole("table", { name: /Errors, as Postgres/ })).toHaveCount(0);
  });

  await test.step("scrubbed back to the start of the burst, the picture and its table show that moment", async () => {
    const viz = visualization(page);
    const slider = viz.getByRole("slider", { name: "Moment in the run" });
    await slider.focus();
    await page.keyboard.press("Home");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    await expect(viz.getByRole("table", { name: "At this moment" })).toContainText(/Requests served \/ failed so far\s*0 \/ 0/);
  });

  await test.step("no serious axe findings after the solution ran, light and dark", async () => {
    expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });
});
