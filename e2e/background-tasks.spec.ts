// The background-tasks lesson in the browser: the starter's fire-and-forget task is destroyed with
// the loop's own message and every step's checks fail somewhere; the solution passes every check;
// the picture shows the loop's lanes, the job queue's board and the real workers' speedup; axe in
// both themes.
import { readFileSync } from "node:fs";
import { findingsInBothThemes } from "./axe";
import { test, expect, checks, expectAllChecksPassed, openLesson, output, runCode, status, visualization } from "./fixtures";

const LESSON = "#/lessons/background-tasks";
const STARTER = readFileSync("lessons/background-tasks/starter.ts", "utf8");
const SOLUTION = readFileSync("lessons/background-tasks/solution.ts", "utf8");

test.setTimeout(180_000);

test("on background-tasks: the starter loses its task and fails, the solution passes, and the picture explains both", async ({ page }) => {
  await openLesson(page, LESSON);
  const viz = visualization(page);

  await test.step("the starter: the unkept task is destroyed, and a check of every step fails", async () => {
    await runCode(page, STARTER);
    await expect(status(page)).toHaveText(/^[0-7] of 8 checks passed$/, { timeout: 90_000 });
    await expect(output(page)).toContainText("Task was destroyed but it is pending!");
    for (const name of ["survives gc()", "answers before the welcome email", "overlap on the process pool", "crash mid-send"]) {
      await expect(checks(page).filter({ hasText: name })).toContainText("failed");
    }
    await expect(viz.getByText(/destroyed while pending/).first()).toBeVisible();
    // The in-memory queue lost the job of the worker crashed before the provider had the email.
    await expect(viz.getByText(/jobs done, [1-9]\d* lost/).first()).toBeVisible();
  });

  await test.step("the solution: every check passes; lanes, the queue and the measured workers are drawn", async () => {
    await runCode(page, SOLUTION);
    await expectAllChecksPassed(page, { timeout: 90_000 });
    await expect(output(page)).toContainText("the welcome email was sent");
    await expect(output(page)).not.toContainText("Task was destroyed");
    await expect(output(page)).toContainText(/primesBelow on real workers: 1 → \d+ ms/);
    await expect(viz.getByRole("region", { name: /^run\(\)/ }).first()).toBeVisible();
    await expect(viz.getByText(/job queues, \d+ of \d+ jobs done/).first()).toBeVisible();
    await expect(viz.getByRole("region", { name: /^Queue jobs in run\(\) #\d+$/ }).first()).toBeVisible();
  });

  await test.step("no serious axe findings, light and dark", async () => {
    expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });
});
