// A new deployment while a lesson is open (app/shell/UpdatePrompt.tsx): the site's service worker
// changes on the server, the browser installs the new one beside the old, the page says a new
// version is ready and that the code is saved, and Reload moves the page to the new version with
// the learner's code still in the editor. The test serves the build itself, so that it can swap
// in a new sw.js as a deployment would (serveDist's overrides); service workers are blocked in
// the other specs (playwright.config.ts).
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { test, expect, getCode, setCode } from "./fixtures";
import { serveDist } from "../scripts/serve-dist.mjs";

test.use({ serviceWorkers: "allow" });

const DIST = process.env.DIST_DIR ?? "dist";
const PORT = Number(process.env.E2E_PORT ?? 4173) + 7;
const BASE = `http://127.0.0.1:${PORT}/backend-playground/`;

let server: Server;
let deployed = 1;
test.beforeAll(async () => {
  const sw = readFileSync(`${DIST}/sw.js`, "utf8");
  // Version 2 differs by a byte, which is all the browser's update check compares.
  server = await serveDist({ dir: DIST, port: PORT, overrides: { "sw.js": () => (deployed === 1 ? sw : `${sw}\n// deployment 2\n`) } });
});
test.afterAll(() => new Promise<void>((done) => server.close(() => done())));

// A first visit kept open through a deployment, and a returning one (the page controlled from
// the start): workbox-window tells them apart, and only the second reloaded by itself.
for (const visit of ["first", "returning"] as const) {
  test(`a new deployment on a ${visit} visit: the page offers the new version, says the code is saved, and Reload keeps it`, async ({ page }) => {
    test.setTimeout(180_000);
    deployed = 1;
    await page.goto(`${BASE}#/lessons/welcome`);
    await expect(page.getByRole("button", { name: "Run", exact: true })).toBeEnabled();
    // The first version precaches the site, then takes the page over.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 120_000 });
    if (visit === "returning") {
      await page.reload();
      await expect(page.getByRole("button", { name: "Run", exact: true })).toBeEnabled();
    }
    const mine = `${await getCode(page)}\n// my change before the update\n`;
    await setCode(page, mine);
    const prompt = page.locator(".update-prompt");
    await expect(prompt).toHaveCount(0);

    deployed = 2;
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect(prompt).toContainText("A new version of Backend Playground is ready. Your code is saved.", { timeout: 60_000 });
    await expect(prompt.getByRole("button", { name: "Later" })).toBeVisible();

    const reloaded = page.waitForEvent("load");
    await prompt.getByRole("button", { name: "Reload" }).click();
    await reloaded;
    await expect(page.getByRole("button", { name: "Run", exact: true })).toBeEnabled();
    await expect(page.locator(".update-prompt")).toHaveCount(0);
    expect(await getCode(page)).toBe(mine);
    // The page now runs under the new worker: version 2 active, none waiting.
    const state = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return { waiting: reg?.waiting !== null, active: reg?.active?.state };
    });
    expect(state).toEqual({ waiting: false, active: "activated" });
  });
}

test("Later hides the offer and keeps this version running", async ({ page }) => {
  test.setTimeout(180_000);
  deployed = 1;
  await page.goto(`${BASE}#/lessons/welcome`);
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 120_000 });
  deployed = 2;
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  const prompt = page.locator(".update-prompt");
  await expect(prompt).toBeVisible({ timeout: 60_000 });
  await prompt.getByRole("button", { name: "Later" }).click();
  await expect(prompt).toHaveCount(0);
  const waiting = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null);
  expect(waiting).toBe(true);
});
