import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, checks, expectAllChecksPassed, openLesson, output, runCode, status, visualization } from "./fixtures";

const LESSON = "#/lessons/routing";
const STARTER = readFileSync("lessons/routing/starter.ts", "utf8");
const SOLUTION = readFileSync("lessons/routing/solution.ts", "utf8");

function comparisons(page: Page) {
  return visualization(page).getByRole("table", { name: /Comparisons per request/ });
}

test("on routing the starter fails its checks, and the visualization shows the trap and the refused raw request", async ({ page }) => {
  await openLesson(page, LESSON);
  await runCode(page, STARTER);
  await expect(status(page)).toHaveText(/^[0-4] of 5 checks passed$/);
  await expect(checks(page).filter({ hasText: "/users/me is the signed-in user" })).toContainText("failed");
  await expect(checks(page).filter({ hasText: "rawRequest, sent as text" })).toContainText("failed");
  await expect(output(page)).toContainText('GET /users/me → 200 {"username":"me"}');

  const viz = visualization(page);
  await expect(viz).toContainText("Raw request: refused with 400");
  await expect(viz).toContainText("HTTP/1.1 requires a Host header");

  // Every GET /users/me is flagged: the linear scan and the radix tree pick different routes.
  const table = comparisons(page);
  const trapRows = table.getByRole("row").filter({ has: page.getByRole("button", { name: "GET /users/me", exact: true }) });
  await expect(trapRows.first().getByRole("img", { name: "the strategies pick different routes" })).toBeVisible();
  await trapRows.first().getByRole("button").click();
  await expect(viz).toContainText("Lookup 1 of");
  await expect(viz).toContainText("The strategies differ here: linear scan → 200 /users/{username}; radix tree → 200 /users/me.");
  await expect(viz).toContainText("The static map answered in one lookup");
  await expect(viz.getByRole("img", { name: /The radix tree of 4 routes, with the lookup of GET \/users\/me$/ })).toBeVisible();
});

test("on routing the solution passes, and the visualization parses the raw request and draws a failed lookup", async ({ page }) => {
  await openLesson(page, LESSON);
  await runCode(page, SOLUTION);
  await expectAllChecksPassed(page);

  const viz = visualization(page);
  const raw = viz.getByRole("region", { name: "Raw request" });
  await expect(raw).toContainText("Raw request, parsed");
  await expect(raw.getByRole("row", { name: /^Headers/ })).toContainText("Host: api.example.com");
  await expect(raw.getByRole("row", { name: /^Query/ })).toContainText("limit = 2");
  await expect(raw.getByRole("row", { name: /^Routed/ })).toContainText("200 /search, response 200");

  // The order is fixed, so no request is answered differently by the two strategies.
  const table = comparisons(page);
  await expect(table.getByRole("img", { name: "the strategies pick different routes" })).toHaveCount(0);
  await expect(table.getByRole("row").filter({ hasText: "GET /search?q=a&limit=abc" }).first()).toContainText("422");

  // /orders/abc: the int parameter refuses "abc", so no route matches.
  await table.getByRole("button", { name: "GET /orders/abc", exact: true }).first().click();
  await expect(viz).toContainText('{order_id:int} = "abc"');
  await expect(viz).toContainText("answered 404");
  await expect(viz).toContainText("Nothing matched, so both routers then tried /orders/abc/ for a 307 redirect");
});
