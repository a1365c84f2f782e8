// Shared by every e2e test: a page whose requests to anything but this machine are aborted and
// recorded (the test fails if there was any — the site must load everything from itself), and
// helpers to drive the editor: whichever one the page shows (Monaco, or CodeMirror in phone mode),
// through the same hook (app/editor/test-hook.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";

const LOCAL = new Set(["127.0.0.1", "localhost", "[::1]"]);

interface KeptProfile {
  /** The worker's one persistent browser profile, launched on first use. */
  context(): Promise<BrowserContext>;
}

export const test = base.extend<{ offsite: string[]; keptDatabase: boolean }, { keptProfile: KeptProfile }>({
  /**
   * `test.use({ keptDatabase: true })`: the test runs in a browser profile shared by the tests of
   * this worker that ask for it, emptied of everything but IndexedDB before each test — so a
   * Postgres lesson seeded by one test is loaded from its kept copy by the next, as on a learner's
   * return visit, instead of seeding a million rows again in every fresh context (the e2e suite's
   * biggest cost). Seeding cold stays covered by the specs that do not ask for it
   * (postgres-progress, postgres-kept).
   */
  keptDatabase: [false, { option: true }],
  keptProfile: [
    async ({ playwright, launchOptions }, use, workerInfo) => {
      const dir = mkdtempSync(join(tmpdir(), "playground-e2e-profile-"));
      let opened: Promise<BrowserContext> | undefined;
      // Playwright's own tracing (trace: retain-on-failure) records this context as any other.
      const launch = () => playwright.chromium.launchPersistentContext(dir, { ...launchOptions, baseURL: workerInfo.project.use.baseURL, serviceWorkers: "block" });
      await use({ context: () => (opened ??= launch()) });
      if (opened) await (await opened).close();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: "worker" },
  ],
  context: async ({ context, keptDatabase, keptProfile, baseURL }, use) => {
    if (!keptDatabase) return use(context);
    const shared = await keptProfile.context();
    for (const page of shared.pages()) await page.close();
    await forgetAllButIndexedDb(shared, new URL(baseURL!).origin);
    await use(shared);
    for (const page of shared.pages()) await page.close();
    await shared.unrouteAll({ behavior: "ignoreErrors" });
  },
  offsite: [
    async ({ context }, use) => {
      const attempted: string[] = [];
      await context.route(
        (url) => url.protocol === "http:" || url.protocol === "https:" || url.protocol === "ws:" || url.protocol === "wss:",
        (route) => {
          const url = new URL(route.request().url());
          if (LOCAL.has(url.hostname)) return route.continue();
          attempted.push(url.href);
          return route.abort("blockedbyclient");
        },
      );
      await use(attempted);
      expect(attempted, "requests to non-local addresses").toEqual([]);
    },
    { auto: true },
  ],
});

/** A learner's code, progress and cookies go; the kept database (IndexedDB) stays. */
async function forgetAllButIndexedDb(context: BrowserContext, origin: string): Promise<void> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Storage.clearDataForOrigin", { origin, storageTypes: "cookies,local_storage,cache_storage,service_workers,file_systems" });
  await cdp.detach();
  await page.close();
}
export { expect };

export const LESSON = "#/lessons/welcome";

export async function openLesson(page: Page, hash = LESSON): Promise<void> {
  await page.goto(hash);
  await expect(page.getByRole("button", { name: "Run", exact: true })).toBeEnabled();
}

/** Waits for the editor the page shows (either one) to hold the code. */
export async function waitForEditor(page: Page): Promise<void> {
  await page.waitForFunction(() => !!window.playgroundCode, null, { timeout: 30_000 });
}

/** Waits for the full editor (Monaco), for tests of what only it has. */
export async function waitForMonaco(page: Page): Promise<void> {
  await page.waitForFunction(() => !!window.playgroundEditor?.editor.getModel(), null, { timeout: 30_000 });
}

export async function setCode(page: Page, code: string): Promise<void> {
  await waitForEditor(page);
  await page.evaluate((c) => window.playgroundCode!.setValue(c), code);
}

export async function getCode(page: Page): Promise<string> {
  await waitForEditor(page);
  return page.evaluate(() => window.playgroundCode!.getValue());
}

/** Puts the caret at the start or the end of the code, in a focused editor (Monaco). */
export async function focusEditor(page: Page, where: "start" | "end"): Promise<void> {
  await waitForMonaco(page);
  await page.evaluate((atEnd) => {
    const { editor } = window.playgroundEditor!;
    const model = editor.getModel()!;
    const line = atEnd ? model.getLineCount() : 1;
    editor.setPosition({ lineNumber: line, column: atEnd ? model.getLineMaxColumn(line) : 1 });
    editor.focus();
  }, where === "end");
}

export async function run(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Run", exact: true }).click();
}

/** Puts `code` in the editor and runs it. */
export async function runCode(page: Page, code: string): Promise<void> {
  await setCode(page, code);
  await run(page);
}

export function status(page: Page) {
  return page.getByRole("status");
}

export function checks(page: Page) {
  return page.getByRole("region", { name: "Checks" }).getByRole("listitem");
}

/** The status says every check passed, and so does each check. */
export async function expectAllChecksPassed(page: Page, options?: { timeout?: number }): Promise<void> {
  await expect(status(page)).toHaveText("All checks passed", options);
  for (const item of await checks(page).all()) await expect(item).toContainText("passed");
}

export function output(page: Page) {
  return page.getByRole("region", { name: "Output" });
}

/** Markers the playground itself put on the learner's code (not TypeScript's own). */
export async function runMarkers(page: Page): Promise<{ line: number; message: string }[]> {
  await waitForEditor(page);
  return page.evaluate(() => window.playgroundCode!.markers());
}

export function visualization(page: Page) {
  return page.getByRole("region", { name: "Visualization" });
}

/** Opens a lesson that uses Postgres, waits until it is started and seeded, and runs `code`. */
export async function runWhenPostgresReady(page: Page, lesson: string, code: string): Promise<void> {
  await openLesson(page, lesson);
  await expect(page.getByText("Postgres is ready")).toBeVisible({ timeout: 90_000 });
  await runCode(page, code);
}
