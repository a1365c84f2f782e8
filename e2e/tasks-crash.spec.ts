// Crashing a queue worker from the page (issue 20, item 6): on the background-tasks lesson, the
// queue board offers "Crash worker-1 here" at the playhead's moment; pressing it runs the code again
// with that worker killed there. The solution's durable queue delivers the job again; the starter's
// in-memory queue loses it. By mouse, then by keyboard alone; axe in both themes with the controls shown.
import { readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { findingsInBothThemes } from "./axe";
import { test, expect, expectAllChecksPassed, openLesson, output, runCode, status, visualization } from "./fixtures";

const LESSON = "#/lessons/background-tasks";
const STARTER = readFileSync("lessons/background-tasks/starter.ts", "utf8");
const SOLUTION = readFileSync("lessons/background-tasks/solution.ts", "utf8");

test.setTimeout(240_000);

/**
 * The board of the retry check's run(): one job, and no worker of its own crashed (the crash
 * check's runs kill one themselves; the other queue runs add several jobs). It lasts 70 s, long
 * enough for the reclaim after the 30 s visibility timeout.
 */
async function retryBoard(page: Page): Promise<{ board: Locator; name: string }> {
  const boards = visualization(page).getByRole("region", { name: /^Queue jobs in run\(\) #\d+$/ });
  await expect(boards.first()).toBeVisible();
  for (const board of await boards.all()) {
    const jobs = await board.locator("ol.tasks-queue__list").first().locator("li").count();
    const crashed = await board.locator(".tasks-worker--crashed").count();
    if (jobs === 1 && crashed === 0) return { board, name: (await board.getAttribute("aria-label"))! };
  }
  throw new Error("no queue board with one job and no crashed worker");
}

const loopOf = (name: string) => Number(/#(\d+)$/.exec(name)![1]);

test("a worker crashed from the queue board: the durable queue delivers its job again, the in-memory one loses it", async ({ page }) => {
  await openLesson(page, LESSON);
  const viz = visualization(page);

  let crashedIn = "";
  await test.step("the solution: at the moment worker-1 holds its job, press Crash worker-1 here", async () => {
    await runCode(page, SOLUTION);
    await expectAllChecksPassed(page, { timeout: 90_000 });
    const { board, name } = await retryBoard(page);
    crashedIn = name;
    const loop = loopOf(name);
    // At the end of the run no run() is going on: the board offers to go to a moment that is.
    await board.getByRole("button", { name: /^Show when worker-1 took 1800000000000-0$/ }).click();
    const crash = viz.getByRole("region", { name }).getByRole("button", { name: `Crash worker-1 here, at 0 ms of run() #${loop}; it holds 1800000000000-0` });
    await expect(crash).toBeVisible();
    await crash.click();

    await expect(status(page)).toHaveText(new RegExp(`^Ran again with worker-1 crashed at 0 ms of run\\(\\) #${loop} · \\d of 8 checks passed$|^Ran again with worker-1 crashed at 0 ms of run\\(\\) #${loop} · All checks passed$`), { timeout: 90_000 });
    await expect(output(page)).toContainText("worker-1 died holding 1800000000000-0.");
    await expect(output(page)).toContainText(/1800000000000-0 was delivered again: worker-2 claimed it at 30(\.\d+)? s\./);
    await expect(output(page)).toContainText("do not count toward your progress");
    // The playhead stands at the crash: the board shows worker-1 dead, still holding the job.
    const at = viz.getByRole("region", { name });
    await expect(at.locator(".tasks-worker--crashed")).toContainText("worker-1");
    await expect(at.getByRole("list", { name: `Last moves in ${name}` })).toContainText("worker-1 crashed from the page holding 1800000000000-0");
    // worker-2 is still running there, so it is offered next.
    await expect(at.getByRole("button", { name: /^Crash worker-2 here, at 0 ms of run\(\) #\d+/ })).toBeVisible();
  });

  await test.step("no serious axe findings with the crash controls shown, light and dark", async () => {
    expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });

  await test.step("the job was delivered again: at the end, the board shows it done on a later delivery", async () => {
    await viz.getByRole("button", { name: "Jump to the end" }).click();
    const board = viz.getByRole("region", { name: crashedIn });
    await expect(board.locator(".tasks-worker--crashed")).toContainText("worker-1");
    await expect(board.locator(".tasks-job--done").first()).toContainText(/1800000000000-0 done · delivered [2-9]×/);
  });

  await test.step("the starter's in-memory queue, by keyboard alone: the same crash loses the job", async () => {
    await runCode(page, STARTER);
    await expect(status(page)).toHaveText(/^[0-7] of 8 checks passed$/, { timeout: 90_000 });
    const { board, name } = await retryBoard(page);
    const loop = loopOf(name);
    const show = board.getByRole("button", { name: "Show when worker-1 took 1" });
    await show.focus();
    await page.keyboard.press("Enter");
    // The button pressed is gone: the keyboard is on the first crash button now.
    const crash = viz.getByRole("region", { name }).getByRole("button", { name: `Crash worker-1 here, at 0 ms of run() #${loop}; it holds 1` });
    await expect(crash).toBeFocused();
    await page.keyboard.press("Enter");

    await expect(status(page)).toHaveText(new RegExp(`^Ran again with worker-1 crashed at 0 ms of run\\(\\) #${loop} · [0-7] of 8 checks passed$`), { timeout: 90_000 });
    await expect(output(page)).toContainText("1 was lost with worker-1: nothing will deliver it again.");
    const at = viz.getByRole("region", { name });
    await expect(at.locator(".tasks-job--lost").first()).toContainText("1 lost");
    await expect(at.getByRole("list", { name: `Last moves in ${name}` })).toContainText("1 lost: worker-1 crashed holding it");
  });
});
