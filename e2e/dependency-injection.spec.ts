import { readFileSync } from "node:fs";
import { test, expect, checks, expectAllChecksPassed, openLesson, runCode, status, visualization } from "./fixtures";

const LESSON = "#/lessons/dependency-injection";
const STARTER = readFileSync("lessons/dependency-injection/starter.ts", "utf8");
const SOLUTION = readFileSync("lessons/dependency-injection/solution.ts", "utf8");

test("on dependency-injection the starter fails its checks and its graph shows the unclosed session", async ({ page }) => {
  await openLesson(page, LESSON);
  await runCode(page, STARTER);
  await expect(status(page)).toHaveText(/^[0-3] of 6 checks passed$/);
  await expect(checks(page).filter({ hasText: "A signed-in user who is not an admin gets 403" })).toContainText("failed");
  await expect(checks(page).filter({ hasText: "closed after every request" })).toContainText("failed");
  await expect(checks(page).filter({ hasText: "Settings are built once per request" })).toContainText("failed");

  // Request 1 is the starter's own: getAuth builds the settings behind FastAPI's back, so the
  // graph has getSettings under getSession only, called once, with no cache hit. After a run the
  // playhead rests at the end, on the last request: the picker takes it back to the first.
  const viz = visualization(page);
  const picker = viz.getByRole("combobox", { name: "Request" });
  await picker.selectOption("0");
  await expect(viz.getByRole("figure")).toContainText("Request 1 of");
  await expect(viz).toContainText("GET /admin/users/2 → 200");
  await expect(viz).toContainText("Sent by your code");
  await viz.getByText("Show as a table").click();
  const resolution = viz.getByRole("table", { name: "Resolution order" });
  await expect(resolution.getByRole("row")).toHaveCount(6); // header + 5 calls, no cache hit
  await expect(resolution).not.toContainText("cache hit");

  // The 404 of the session check: getSession's plain yield passes the error on, unclosed.
  await picker.selectOption({ label: (await picker.locator("option", { hasText: "/admin/users/99 → 404" }).last().textContent()) ?? "" });
  await expect(viz).toContainText("cut short by readUser (HTTPException:404)");
  await expect(viz.getByRole("table", { name: "Teardown order" })).toContainText("passed on HTTPException:404");
});

test("on dependency-injection the solution passes and its graph shows the cache hit, the 403 and the teardown", async ({ page }) => {
  await openLesson(page, LESSON);
  await runCode(page, SOLUTION);
  await expectAllChecksPassed(page);

  const viz = visualization(page);
  const picker = viz.getByRole("combobox", { name: "Request" });
  await picker.selectOption("0"); // the learner's own request
  await viz.getByText("Show as a table").click();
  const resolution = viz.getByRole("table", { name: "Resolution order" });
  await expect(resolution).toContainText("getSettings");
  await expect(resolution.getByRole("row").filter({ hasText: "cache hit" })).toHaveText(/getSettings\s*getSession\s*cache hit/);
  const teardown = viz.getByRole("table", { name: "Teardown order" });
  await expect(teardown).toContainText("getSession");
  await expect(teardown).toContainText("after the response");

  // Step through with the keyboard-reachable buttons to a refused request.
  const forbidden = await picker.locator("option", { hasText: "→ 403" }).first().getAttribute("value");
  await picker.selectOption(forbidden!);
  await expect(viz).toContainText("cut short by requireAdmin (HTTPException:403)");
  await expect(viz.getByRole("img")).toContainText("raised HTTPException:403");
  await viz.getByRole("button", { name: "Next request" }).click();
  await expect(picker).toHaveValue(String(Number(forbidden) + 1));
});
