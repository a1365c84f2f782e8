// The kept copy of the seeded database (workers/postgres/kept-copy.ts) in the browser's own
// IndexedDB: the first visit seeds and keeps it, a reload and "Reset database" load it instead of
// seeding, a copy of another version or a corrupt one is seeded again, and a browser that refuses
// storage still works.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, expectAllChecksPassed, openLesson, runCode } from "./fixtures";

const LESSON = "#/lessons/pagination";
const SOLUTION = readFileSync("lessons/pagination/solution.ts", "utf8");

test.setTimeout(400_000);

/** Times feed_items was seeded on this page (host.ts measures each seed on the timeline). */
const seeds = (page: Page) => page.evaluate(() => performance.getEntriesByName("postgres seed feed_items").length);

async function ready(page: Page): Promise<void> {
  await expect(page.getByText("Postgres is ready")).toBeVisible({ timeout: 150_000 });
}

/** The kept copies' records, without their data: key, version, datasets, and the data's size. */
function copies(page: Page): Promise<{ key: string; version: string; size: number }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("playground-postgres");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("copies")) return resolve([]);
          const all = db.transaction("copies").objectStore("copies").getAll();
          all.onsuccess = () => {
            resolve(all.result.map((c: { key: string; version: string; data: Blob }) => ({ key: c.key, version: c.version, size: c.data.size })));
            db.close();
          };
        };
      }),
  );
}

/** Changes the kept feed_items copy in place: its version, or its data to garbage. */
function tamper(page: Page, change: "version" | "data"): Promise<void> {
  return page.evaluate(
    (change) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("playground-postgres");
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction("copies", "readwrite").objectStore("copies");
          const get = store.get("feed_items");
          get.onsuccess = () => {
            const copy = get.result;
            if (change === "version") copy.version = "0".repeat(64);
            else copy.data = new Blob([new Uint8Array(4096).fill(7)]);
            const put = store.put(copy);
            put.onsuccess = () => {
              db.close();
              resolve();
            };
            put.onerror = () => reject(put.error);
          };
        };
        open.onerror = () => reject(open.error);
      }),
    change,
  );
}

const kept = (page: Page) => expect.poll(async () => (await copies(page)).find((c) => c.key === "feed_items")?.size ?? 0, { timeout: 120_000 }).toBeGreaterThan(1_000_000);

test("the seeded database is kept: a reload and a reset load it, a stale or corrupt copy is seeded again", async ({ page }) => {
  await test.step("the first visit seeds feed_items and keeps it", async () => {
    await openLesson(page, LESSON);
    await ready(page);
    expect(await seeds(page)).toBe(1);
    await kept(page);
  });

  await test.step("a reload loads the copy: nothing is seeded, and the solution passes", async () => {
    await page.reload();
    await ready(page);
    expect(await seeds(page)).toBe(0);
    await runCode(page, SOLUTION);
    await expectAllChecksPassed(page, { timeout: 60_000 });
  });

  await test.step("Reset database loads the copy again without seeding", async () => {
    const starts = await page.evaluate(() => performance.getEntriesByName("postgres start").length);
    await page.getByRole("button", { name: "Reset database" }).click();
    await ready(page);
    expect(await page.evaluate(() => performance.getEntriesByName("postgres start").length)).toBe(starts + 1);
    expect(await seeds(page)).toBe(0);
  });

  await test.step("a copy of another version (a new deployment) is seeded again and replaced", async () => {
    await tamper(page, "version");
    await page.reload();
    await ready(page);
    expect(await seeds(page)).toBe(1);
    await expect.poll(async () => (await copies(page)).find((c) => c.key === "feed_items")?.version, { timeout: 120_000 }).not.toBe("0".repeat(64));
  });

  await test.step("a corrupt copy is seeded again, and the lesson still works", async () => {
    await kept(page);
    await tamper(page, "data");
    await page.reload();
    await ready(page);
    expect(await seeds(page)).toBe(1);
    await runCode(page, SOLUTION);
    await expectAllChecksPassed(page, { timeout: 60_000 });
  });
});

test("a browser that refuses to keep the database (no quota) still seeds and runs the lesson, saying nothing alarming", async ({ page, context }) => {
  const cdp = await context.newCDPSession(page);
  await page.goto("/backend-playground/");
  await cdp.send("Storage.overrideQuotaForOrigin", { origin: new URL(page.url()).origin, quotaSize: 1000 });
  await openLesson(page, LESSON);
  await ready(page);
  expect(await seeds(page)).toBe(1);
  await runCode(page, SOLUTION);
  await expectAllChecksPassed(page, { timeout: 60_000 });
  expect(await copies(page)).toEqual([]);
  await expect(page.getByText(/Postgres could not/)).toHaveCount(0);
});
