import { test, expect, checks, openLesson, output, runCode, runMarkers, runWhenPostgresReady, status } from "./fixtures";

// Postgres seeded by an earlier test of this worker is loaded from its kept copy (fixtures.ts).
test.use({ keptDatabase: true });

// Seeding twice (the page load, then the restart) and a stuck statement's grace period.
test.setTimeout(240_000);

// Pure computation: PGlite cannot deliver statement_timeout to it, so the worker never answers.
// (A nested loop over a small cached catalog table: the learner's role may not run DO blocks.)
const STUCK = `import { db } from "playground/postgres";
console.log("asking Postgres to loop forever");
await db.query("SELECT count(*) FROM pg_class a, pg_class b, pg_class c, pg_class d");
console.log("never printed");
`;

// A mistake in SQL written in the editor: the marker goes where Postgres says, not on the call.
const TYPO = `import { db } from "playground/postgres";

await db.query(\`SELECT id,
  authr FROM feed_items LIMIT 1\`);
`;

const RECOVER = `import { db } from "playground/postgres";
try {
  await db.query("SELECT nope FROM feed_items");
} catch (e) {
  console.log(\`caught \${(e as { code: string }).code}\`);
}
const { rows } = await db.query("SELECT count(*)::int AS n FROM feed_items WHERE id <= 10");
console.log(\`still usable: \${rows[0].n} rows\`);
`;

const AFTER = `import { db } from "playground/postgres";
const { rows } = await db.query("SELECT count(*)::int AS n FROM feed_items");
console.log(\`feed_items has \${rows[0].n} rows\`);
`;

test("a failed statement is marked where Postgres points, and the database stays usable in the same run", async ({ page }) => {
  await runWhenPostgresReady(page, "#/lessons/pagination", TYPO);
  await expect(status(page)).toHaveText('error: column "authr" does not exist (line 4)', { timeout: 30_000 });
  await expect(output(page)).toContainText("(line 4, column 3)");
  expect(await runMarkers(page)).toContainEqual({ line: 4, message: 'error: column "authr" does not exist' });
  // The underline covers the word Postgres points at, not the rest of the line.
  const range = await page.evaluate(() => {
    const { editor, monaco } = window.playgroundEditor!;
    const [m] = monaco.editor.getModelMarkers({ owner: "playground", resource: editor.getModel()!.uri });
    return editor.getModel()!.getValueInRange(m);
  });
  expect(range).toBe("authr");

  await runCode(page, RECOVER);
  await expect(output(page)).toContainText("caught 42703");
  await expect(output(page)).toContainText("still usable: 10 rows");
});

test.describe("in a fresh profile (nothing kept)", () => {
  test.use({ keptDatabase: false });

  test("each dataset is seeded the first time a lesson reads it, once per page load", async ({ page }) => {
    const database = page.getByLabel("Database");
    await openLesson(page, "#/lessons/pagination");
    await expect(database).toContainText("Postgres is ready: feed_items (1,000,000 rows); every run", { timeout: 90_000 });
    // Another lesson in the same page: only its own dataset is added.
    await page.goto("#/lessons/search");
    await expect(database).toContainText("feed_items (1,000,000 rows) and documents (200,000 rows)", { timeout: 90_000 });
    expect(await page.evaluate(() => performance.getEntriesByName("postgres seed feed_items").length)).toBe(1);
    await page.goto("#/lessons/caching");
    await expect(database).toContainText("Postgres is ready");
    expect(await page.evaluate(() => ["feed_items", "documents"].map((d) => performance.getEntriesByName(`postgres seed ${d}`).length))).toEqual([1, 1]);
  });
});

test("a statement Postgres cannot cancel stops the run with a reason, Postgres restarts seeded, and the next run works", async ({ page }) => {
  await runWhenPostgresReady(page, "#/lessons/pagination", STUCK);
  await expect(status(page)).toHaveText("Stopped: Postgres stopped answering", { timeout: 60_000 });
  await expect(output(page)).toContainText("asking Postgres to loop forever");
  await expect(output(page)).toContainText("Postgres was restarted");
  await expect(output(page)).not.toContainText("never printed");
  for (const item of await checks(page).all()) await expect(item).toContainText("failed");
  await expect(page.getByText("Restarting after a stuck statement")).toBeVisible();
  // The page stays responsive while Postgres comes back.
  await expect(page.getByRole("button", { name: "Run", exact: true })).toBeEnabled();

  await expect(page.getByText("Postgres is ready")).toBeVisible({ timeout: 120_000 });
  await runCode(page, AFTER);
  await expect(output(page)).toContainText("feed_items has 1000000 rows", { timeout: 30_000 });
});
