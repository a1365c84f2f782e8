import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { findingsInBothThemes } from "./axe";
import { test, expect, checks, expectAllChecksPassed, output, runCode, runWhenPostgresReady, status, visualization } from "./fixtures";

// Postgres seeded by an earlier test of this worker is loaded from its kept copy (fixtures.ts).
test.use({ keptDatabase: true });

const LESSON = "#/lessons/pagination";
const STARTER = readFileSync("lessons/pagination/starter.ts", "utf8");
const SOLUTION = readFileSync("lessons/pagination/solution.ts", "utf8");

// Starting and seeding Postgres (a million feed items, 200,000 documents) takes a while.
test.setTimeout(200_000);

const runWhenReady = (page: Page, code: string) => runWhenPostgresReady(page, LESSON, code);

/** A number printed with thousands separators, as a number. */
const num = (text: string) => Number(text.replace(/[^\d.]/g, ""));

// One page for the whole lesson, so Postgres is started and seeded once: the starter, then the
// solution, then axe on the page as a learner leaves it (accessibility.spec.ts skips this lesson).
test("on pagination: the starter skips tied posts, the solution passes with a cursor that reads 50 rows", async ({ page }) => {
  await test.step("on pagination the starter fails: a cursor on created_at alone skips posts that share a second", async () => {
    await runWhenReady(page, STARTER);
    await expect(status(page)).toHaveText(/^[0-5] of 6 checks passed$/, { timeout: 30_000 });
    await expect(checks(page).filter({ hasText: "Walking 40 pages" })).toContainText("failed");
    await expect(checks(page).filter({ hasText: "Walking 40 pages" })).toContainText("never returned");
    await expect(checks(page).filter({ hasText: "getPageBefore" })).toContainText("failed");
    await expect(output(page)).toContainText("Page 2 by OFFSET 50 repeats 5 posts of page 1");
    await expect(output(page)).toContainText("Page 2 after the cursor repeats 0");
  });

  await test.step("on pagination the solution passes, and the scan strip shows a million rows read for the deep OFFSET and 50 for the cursor", async () => {
    await runCode(page, SOLUTION); // the same page: Postgres is seeded once
    await expectAllChecksPassed(page, { timeout: 30_000 });

    const viz = visualization(page);
    const table = viz.getByRole("table", { name: /Queries of this run/ });
    const cells = async (row: ReturnType<typeof table.getByRole>) => (await row.getByRole("cell").allTextContents()).map(num);

    // Cells: depth, scanned, discarded, returned, time (the query is the row header).
    const deepOffset = table.getByRole("row").filter({ hasText: "ORDER BY id OFFSET 999950 LIMIT 50" });
    const [offsetDepth, offsetScanned, offsetDiscarded, offsetReturned] = await cells(deepOffset);
    expect(offsetDepth).toBe(999_950);
    expect(Math.abs(offsetScanned - 1_000_000)).toBeLessThanOrEqual(20_000);
    expect(offsetDiscarded).toBe(999_950);
    expect(offsetReturned).toBe(50);

    const deepCursor = table.getByRole("row").filter({ hasText: "WHERE id > $1 ORDER BY id LIMIT 50" }).filter({ hasText: "999,950" });
    const [cursorDepth, cursorScanned, cursorDiscarded, cursorReturned] = await cells(deepCursor);
    expect(cursorDepth).toBe(999_950);
    expect(Math.abs(cursorScanned - 50)).toBeLessThanOrEqual(1);
    expect(cursorDiscarded).toBe(0);
    expect(cursorReturned).toBe(50);

    // The strip starts on the biggest scan, the deep OFFSET; pressing the cursor query redraws it.
    const strip = viz.getByRole("region", { name: "Scan strip" });
    await expect(strip).toContainText("Scanned 1,000,000 rows, discarded 999,950, returned 50");
    await expect(strip).toContainText("Index Scan using feed_items_pkey");
    await deepCursor.getByRole("button").click();
    await expect(strip).toContainText("Scanned 50 rows, discarded 0, returned 50");
    await expect(strip).toContainText("Read from row 999,950");

    // The chart has both series, measured: OFFSET at depth 999,950 slower than the cursor there.
    await expect(viz.getByRole("img", { name: /^Latency against page depth\. OFFSET: 0 → .*999\.95k → .*cursor: 0 → / })).toBeVisible();
  });

  await test.step("no serious axe findings after the solution ran, light and dark", async () => {
    expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });
});
