import { readFileSync } from "node:fs";
import { findingsInBothThemes } from "./axe";
import { test, expect, checks, expectAllChecksPassed, openLesson, output, runCode, status, visualization } from "./fixtures";

const LESSON = "#/lessons/validation";
const STARTER = readFileSync("lessons/validation/starter.ts", "utf8");
const SOLUTION = readFileSync("lessons/validation/solution.ts", "utf8");

// A run, the picture's steps and axe in two themes: more than the default minute on a busy machine.
test.setTimeout(120_000);

test("on validation the starter fails its checks, and its one error is pinned on the whole model", async ({ page }) => {
  await openLesson(page, LESSON);
  await runCode(page, STARTER);
  await expect(status(page)).toHaveText(/^[0-5] of 6 checks passed$/);
  await expect(checks(page).filter({ hasText: "Several mistakes are reported at once" })).toContainText("failed");
  await expect(checks(page).filter({ hasText: "age is a whole number of at least 13" })).toContainText("failed");
  await expect(checks(page).filter({ hasText: "POST /signup answers FastAPI's 422" })).toContainText("failed");
  await expect(output(page)).toContainText("[] value_error — Value error, username is too short");
  await expect(output(page)).toContainText("POST /signup → 500 Internal Server Error");

  // After a run the playhead rests on the checks' last input: the picker goes back to the
  // learner's own, the form.
  const viz = visualization(page);
  await viz.getByRole("combobox", { name: "Input" }).selectOption("0");
  await expect(viz.getByRole("figure")).toContainText("Input 1 of");
  const tree = viz.getByRole("list", { name: /The input of validation 1/ });
  const root = tree.getByRole("listitem").first();
  await expect(root.getByRole("listitem").filter({ hasText: "value_error" }).first()).toContainText("Value error, username is too short");
  // float() took "12.5" as 12.5, and str() left "yes" as it was.
  await expect(tree.getByRole("listitem").filter({ hasText: /^age/ })).toContainText('"12.5" → 12.5');
  await expect(tree.getByRole("listitem").filter({ hasText: /^newsletter/ })).toContainText('"yes"✓');
});

test("on validation the solution passes, and the tree shows coerced values and each error at its field", async ({ page }) => {
  await openLesson(page, LESSON);
  await runCode(page, SOLUTION);
  await expectAllChecksPassed(page);

  const viz = visualization(page);
  const picker = viz.getByRole("combobox", { name: "Input" });
  await picker.selectOption("0"); // the learner's own form
  await expect(viz.getByRole("figure")).toContainText("Input 1 of");
  await expect(viz.getByRole("figure")).toContainText("Signup: 3 errors, 1 value coerced — validated in your code");
  const tree = viz.getByRole("list", { name: /The input of validation 1/ });
  await expect(tree.getByRole("listitem").filter({ hasText: /^username/ })).toContainText("string_too_short String should have at least 3 characters");
  await expect(tree.getByRole("listitem").filter({ hasText: /^age/ })).toContainText("int_parsing Input should be a valid integer, unable to parse string as an integer");
  await expect(tree.getByRole("listitem").filter({ hasText: /^newsletter/ })).toContainText('"yes" → true');

  // The text alternative says the same, row by row.
  await viz.getByText("Show as a table").click();
  const table = viz.getByRole("table", { name: "Each place in the input, in order" });
  await expect(table.getByRole("row", { name: /^newsletter/ })).toContainText("coerced to true");
  await expect(table.getByRole("row", { name: /^password / })).toContainText("string_too_short: String should have at least 8 characters");

  // The endpoint's 422 came from the same validation, made by FastAPI for the request.
  await expect(output(page)).toContainText('POST /signup → 422 {"detail":[{"type":"string_too_short","loc":["body","username"]');
  await expect(picker.locator("option").nth(1)).toHaveText("2 · Signup → 3 errors · POST /signup");

  // The keyboard-reachable buttons step through the inputs.
  await viz.getByRole("button", { name: "Next input" }).click();
  await expect(picker).toHaveValue("1");
  await expect(viz.getByRole("figure")).toContainText("validated for POST /signup, in your code");
  await viz.getByRole("button", { name: "Previous input" }).click();
  await expect(picker).toHaveValue("0");

  await test.step("no serious axe findings after the solution ran, light and dark", async () => {
    expect(await findingsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });
});
