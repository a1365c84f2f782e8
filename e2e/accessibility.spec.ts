// axe on every page in both themes: home, each lesson after its solution ran (so the
// visualization, output and checks are on screen, as a learner sees them), the embed view and the
// not-found pages. No serious or critical finding is allowed. Each page is loaded once and checked
// in light, then in dark (the page follows the system theme live).
import { readdirSync, readFileSync } from "node:fs";
import { findingsInBothThemes } from "./axe";
import { test, expect, openLesson, runCode, status, waitForEditor } from "./fixtures";

// The lessons that use Postgres are checked at the end of their own spec (pagination.spec.ts, …),
// on the page their runs already seeded: seeding again here would cost minutes.
const LESSONS = readdirSync("lessons", { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .filter((id) => !/engines:\s*\[[^\]]*postgres/.test(readFileSync(`lessons/${id}/lesson.mdx`, "utf8")));

test("every lesson that uses Postgres is checked with axe in its own spec", () => {
  const all = readdirSync("lessons", { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  for (const id of all.filter((id) => !LESSONS.includes(id))) {
    expect(readFileSync(`e2e/${id}.spec.ts`, "utf8"), `e2e/${id}.spec.ts runs axe`).toContain("findingsInBothThemes(page)");
  }
});

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
    await openLesson(page, `#/lessons/${id}`);
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
