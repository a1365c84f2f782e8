// axe on every page in both themes: home, each lesson after its solution ran (so the
// visualization, output and checks are on screen, as a learner sees them), the embed view and the
// not-found pages. No serious or critical finding is allowed. Each page is loaded once and checked
// in light, then in dark (the page follows the system theme live), so Postgres lessons seed once.
import { readdirSync, readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, openLesson, runCode, status, waitForEditor } from "./fixtures";

const LESSONS = readdirSync("lessons", { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

async function seriousFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1).join(" ").trim()}`));
}

/** Findings in the light theme, then in the dark one, of the page as it stands. */
async function findingsInBothThemes(page: Page): Promise<{ light: string[]; dark: string[] }> {
  const light = await seriousFindings(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  // Monaco repaints its theme on the next frame.
  await page.waitForTimeout(200);
  return { light, dark: await seriousFindings(page) };
}

test.beforeEach(async ({ page }) => {
  // No transitions, so colours are final when axe reads them.
  await page.emulateMedia({ colorScheme: "light", reducedMotion: "reduce" });
});

test("home has no serious axe findings", async ({ page }) => {
  await page.goto("./");
  await expect(page.getByRole("list", { name: "Lessons" })).toBeVisible();
  expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
});

for (const id of LESSONS) {
  test(`lesson ${id} has no serious axe findings after a run`, async ({ page }) => {
    test.setTimeout(180_000);
    await openLesson(page, `#/lessons/${id}`);
    const usesPostgres = /engines:\s*\[[^\]]*postgres/.test(readFileSync(`lessons/${id}/lesson.mdx`, "utf8"));
    if (usesPostgres) await expect(page.getByText("Postgres is ready")).toBeVisible({ timeout: 120_000 });
    await runCode(page, readFileSync(`lessons/${id}/solution.ts`, "utf8"));
    await expect(status(page)).toHaveText("All checks passed", { timeout: 60_000 });
    expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });
}

test("the embed view has no serious axe findings", async ({ page }) => {
  await openLesson(page, "#/embed/welcome");
  await waitForEditor(page);
  expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
});

test("the not-found pages have no serious axe findings", async ({ page }) => {
  await page.goto("#/no/such/page");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("#/lessons/no-such-lesson");
  await expect(page.getByText("There is no lesson called")).toBeVisible();
  expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
});
