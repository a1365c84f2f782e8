// True offline (build/offline.ts): after one visit the service worker has cached the whole site,
// so with the network off a reload still works, and a lesson never opened before loads and
// completes. Service workers are blocked in the other specs (playwright.config.ts).
import { readFileSync } from "node:fs";
import { test, expect, openLesson, runCode, expectAllChecksPassed } from "./fixtures";

test.use({ serviceWorkers: "allow" });

const SOLUTION = readFileSync("lessons/routing/solution.ts", "utf8");

test("after one visit, offline: a reload works, and a lesson never opened before loads and completes", async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.goto("/backend-playground/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Precaching ends before the worker activates and claims the page.
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 120_000 });
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  // The shell, the editor's TypeScript worker, PGlite's files and every lesson's chunk.
  expect(cached).toContain("/backend-playground/index.html");
  expect(cached.some((u) => /\/assets\/pglite-[\w-]+\.wasm$/.test(u))).toBe(true);
  expect(cached.some((u) => /\/assets\/pglite-[\w-]+\.data$/.test(u))).toBe(true);
  expect(cached.some((u) => /\/assets\/ts\.worker-[\w-]+\.js$/.test(u))).toBe(true);
  // PGlite's pg_trgm (the search lesson's trigrams) and Monaco's icon font.
  expect(cached.some((u) => /\/assets\/pg_trgm[\w.-]*\.gz$/.test(u))).toBe(true);
  expect(cached.some((u) => /\/assets\/codicon-[\w-]+\.ttf$/.test(u))).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Not visited before: its chunk, the editor and the sandbox come from the cache.
  await openLesson(page, "#/lessons/routing");
  await runCode(page, SOLUTION);
  await expectAllChecksPassed(page, { timeout: 60_000 });
  await context.setOffline(false);
});
