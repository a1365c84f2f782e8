import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { findingsInBothThemes } from "./axe";
import { test, expect, checks, expectAllChecksPassed, output, runCode, runWhenPostgresReady, status, visualization } from "./fixtures";

// Postgres seeded by an earlier test of this worker is loaded from its kept copy (fixtures.ts).
test.use({ keptDatabase: true });

const LESSON = "#/lessons/search";
const STARTER = readFileSync("lessons/search/starter.ts", "utf8");
const SOLUTION = readFileSync("lessons/search/solution.ts", "utf8");

// Seeding Postgres takes a while, and the starter's ILIKE statements each read 200,000 rows.
test.setTimeout(240_000);

const runWhenReady = (page: Page, code: string) => runWhenPostgresReady(page, LESSON, code);

// One page for the whole lesson, so Postgres is started and seeded once: the starter, then the
// solution, then axe on the page as a learner leaves it (accessibility.spec.ts skips this lesson).
test("on search: the starter reads every row, the solution goes through the GIN index", async ({ page }) => {
  await test.step("on search the starter fails: a quadratic intersection, no ranking, and ILIKE reading every row", async () => {
    await runWhenReady(page, STARTER);
    await expect(status(page)).toHaveText(/^[0-2] of 7 checks passed$/, { timeout: 60_000 });
    await expect(checks(page).filter({ hasText: "tokenize lower-cases" })).toContainText("failed");
    await expect(checks(page).filter({ hasText: "intersect walks two sorted lists once" })).toContainText("elements read");
    await expect(checks(page).filter({ hasText: "goes through the GIN index" })).toContainText("Seq Scan on documents");

    const viz = visualization(page);
    await viz.getByText("Show as tables").click();
    const plans = viz.getByRole("table", { name: "Statements of the run" });
    // The starter's ILIKE query: a Seq Scan over all 200,000 documents.
    await expect(plans.getByRole("row").filter({ hasText: "ILIKE" }).first()).toContainText(/Seq Scan on documents\s*200,000/);
  });

  await test.step("on search the solution passes, its query reads through the GIN index, and the postings show the AND", async () => {
    await runCode(page, SOLUTION); // the same page: Postgres is seeded once
    await expectAllChecksPassed(page, { timeout: 60_000 });
    await expect(output(page)).toContainText('"the query time" in 3000 documents');

    const viz = visualization(page);
    await expect(viz.getByRole("img", { name: /Rows read and time of each statement/ })).toBeVisible();
    await expect(viz.getByRole("img", { name: /Posting lists of "the query time"/ })).toBeVisible();
    await viz.getByText("Show as tables").click();
    const plans = viz.getByRole("table", { name: "Statements of the run" });
    await expect(plans.getByRole("row").filter({ hasText: "websearch_to_tsquery" }).first()).toContainText("Bitmap Index Scan on documents_fts_idx");
    await expect(plans.getByRole("row").filter({ hasText: "ILIKE" }).first()).toContainText(/Seq Scan on documents\s*200,000/);
    const postings = viz.getByRole("table", { name: "Posting lists of “the query time”" });
    await expect(postings.getByRole("rowheader")).toHaveText(["query", "time", "matched (AND)"]);
  });

  await test.step("no serious axe findings after the solution ran, light and dark", async () => {
    expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });
});
