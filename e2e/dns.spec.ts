import { readFileSync } from "node:fs";
import type { Locator } from "@playwright/test";
import { findingsInBothThemes } from "./axe";
import { test, expect, checks, expectAllChecksPassed, openLesson, output, runCode, status, visualization } from "./fixtures";

const LESSON = "#/lessons/dns";
const STARTER = readFileSync("lessons/dns/starter.ts", "utf8");
const SOLUTION = readFileSync("lessons/dns/solution.ts", "utf8");

// axe reads every byte of the hex view and every row of the tables, in both themes.
test.setTimeout(150_000);

/** Picks the first resolution whose option text matches `pattern` (the run's order decides the number). */
async function pick(picker: Locator, pattern: RegExp): Promise<string> {
  const labels = await picker.locator("option").allTextContents();
  const label = labels.find((l) => pattern.test(l));
  expect(label, `an option matching ${pattern} among ${labels.length}`).toBeDefined();
  await picker.selectOption({ label: label! });
  return label!;
}

test("on dns the starter fails its checks: one query to the root is not an answer", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await openLesson(page, LESSON);
  await runCode(page, STARTER);
  await expect(status(page)).toHaveText(/^0 of 9 checks passed$/);
  await expect(checks(page).filter({ hasText: "following referrals from the root" })).toContainText("failed");
  await expect(checks(page).filter({ hasText: "CNAME loop" })).toContainText("failed");

  // The starter's own queries: one to the root, which answers with a referral, not the records.
  const viz = visualization(page);
  await pick(viz.getByRole("combobox", { name: "Resolution" }), /your queries from A web\.example\.test, 1 query$/);
  await viz.getByText("Show the queries as a table").click();
  const queries = viz.getByRole("table", { name: /^Queries of your queries from A web\.example\.test/ });
  await expect(queries.getByRole("row", { name: /a\.root-servers\.test/ })).toContainText("referral to test");
});

test("on dns the solution passes; the walk, its bytes on hover and focus, the caches and the race are shown", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await openLesson(page, LESSON);
  await runCode(page, SOLUTION);
  await expectAllChecksPassed(page);
  await expect(output(page)).toContainText("random ids alone: poisoned false after 2000 forged packets");

  const viz = visualization(page);
  // The reference resolver's cold walk down the hierarchy: one lane per server, latency on each answer.
  await pick(viz.getByRole("combobox", { name: "Resolution" }), /\. A web\.example\.test → NOERROR, 3 queries$/);
  await expect(viz.getByRole("img", { name: /^Sequence diagram: A web\.example\.test: NOERROR, 3 records, 3 queries, \d+ ms$/ })).toBeVisible();
  const diagram = viz.locator(".dns-seq svg");
  // Lane names break after a dot where the column is narrow: the lines read together.
  for (const lane of ["resolver", "a.root-servers.test", "ns1.nic.test", "ns1.example.test"]) await expect(diagram).toContainText(lane);
  await expect(diagram).toContainText("referral to example.test · 32 ms");
  await expect(diagram).toContainText("answer (authoritative) · 48 ms");
  await viz.getByText("Show the queries as a table").click();
  const queries = viz.getByRole("table", { name: "Queries of A web.example.test" });
  await expect(queries.getByRole("row")).toHaveCount(4);
  await expect(queries.getByRole("row", { name: /ns1\.nic\.test/ })).toContainText("referral to example.test after 32 ms");

  // The last message of the walk, the authoritative answer, as annotated hex.
  await expect(viz.getByRole("heading", { name: /^response to query \d+ from ns1\.example\.test: NOERROR$/ })).toBeVisible();
  const detail = viz.locator(".ser-hex__detail");
  await viz.getByRole("button", { name: /^Byte 12 is 0x03 / }).hover();
  await expect(detail).toHaveText("Byte 12 is 0x03 (3): question[0].name, web.example.test., bytes 12–29.");
  await page.mouse.move(0, 0);
  await viz.getByRole("button", { name: /^Byte 0 is / }).focus();
  await expect(detail).toHaveText(/^Byte 0 is 0x[0-9a-f]{2} \(\d+\): header\.id, id \d+, bytes 0–1\.$/);
  await page.keyboard.press("ArrowRight");
  await expect(viz.getByRole("button", { name: /^Byte 1 is / })).toBeFocused();
  await page.keyboard.press("End");
  await expect(detail).toHaveText(/^Byte \d+ is 0x[0-9a-f]{2} \(\d+\): answer\[2\]\.rdata/);

  // The caches of that internet at the playhead: web's RRset with its TTL counting from 300 s.
  const caches = viz.getByRole("table", { name: /^The (resolver's cache|caches of \d+ resolvers) at/ });
  await expect(caches.getByRole("row", { name: /web\.example\.test A/ }).first()).toContainText("of 300 s");

  // A query's own bytes, through the table (the playhead goes back to it: web's RRset is not cached yet).
  await queries.getByRole("button", { name: /^Show the bytes of query \d+$/ }).first().click();
  await expect(viz.getByRole("heading", { name: /^query \d+: A web\.example\.test\? to a\.root-servers\.test, id \d+$/ })).toBeVisible();
  await expect(caches.getByRole("row", { name: /web\.example\.test A/ })).toHaveCount(0);

  // The race of the example at the bottom: forged packets counted by verdict.
  const race = viz.getByRole("table", { name: /^2,000 forged packets in 10 races: no forgery was believed/ });
  await expect(race.getByRole("row", { name: /^rejected: wrong query id/ })).toBeVisible();
  await expect(race.getByRole("row", { name: /^accepted/ })).toHaveCount(0);

  expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
});
