import { test, expect, runWhenPostgresReady, setCode, run, status, checks, output } from "./fixtures";

// Seeding twice (the page load, then the restart) and a stuck statement's grace period.
test.setTimeout(240_000);

// Pure computation: PGlite cannot deliver statement_timeout to it, so the worker never answers.
const STUCK = `import { db } from "playground/postgres";
console.log("asking Postgres to loop forever");
await db.query("DO $$ BEGIN LOOP END LOOP; END $$");
console.log("never printed");
`;

const AFTER = `import { db } from "playground/postgres";
const { rows } = await db.query("SELECT count(*)::int AS n FROM feed_items");
console.log(\`feed_items has \${rows[0].n} rows\`);
`;

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
  await setCode(page, AFTER);
  await run(page);
  await expect(output(page)).toContainText("feed_items has 1000000 rows", { timeout: 30_000 });
});
