// How soon a Postgres lesson is ready, in Chromium on the built site (the pagination lesson, a
// million feed_items), each figure beside a peer measured in the same browser session:
//   postgres.ready_cold   first visit (nothing kept): navigation to "Postgres is ready", against
//                         booting an empty PGlite in the same page ("postgres start": download,
//                         compile, initdb) plus the seed's raw generate_series inserts ("postgres
//                         seed feed_items rows"); target ≤ 1.2;
//   postgres.ready_warm   return visit (a reload, the kept copy in IndexedDB): navigation to
//                         "Postgres is ready", against the same empty boot; target ≤ 1.5;
//   postgres.reset        "Reset database" to "Postgres is ready", against ready_warm; target ≤ 1.0.
// Medians over a few fresh browser contexts (each one cold visit, then reloads and resets).
import type { AddressInfo } from "node:net";
import { chromium, type Page } from "@playwright/test";
import { median, report } from "./harness.ts";
import { buildSite, SITE } from "./site.ts";
import { CHROMIUM_ARGS, findChromium } from "../scripts/find-chromium.mjs";
import { serveDist } from "../scripts/serve-dist.mjs";

const CONTEXTS = 2;
const WARM_PER_CONTEXT = 2;
const TIMEOUT_MS = 300_000;

/** Milliseconds from the page's navigation until the status says "Postgres is ready". */
async function readyAt(page: Page): Promise<number> {
  const at = await page.waitForFunction(() => (document.body.innerText.includes("Postgres is ready") ? performance.now() : 0), null, { timeout: TIMEOUT_MS, polling: 20 });
  return (await at.jsonValue()) as number;
}

const measured = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(n)[0]?.duration ?? NaN, name);

/**
 * Waits until the worker has kept feed_items' copy (the dump runs after Postgres is ready). Polled
 * from here: waitForFunction takes the Promise a predicate returns for a truthy answer, so it did
 * not wait at all, and the first reload came while the copy was being saved, found none, and
 * seeded again (the "slow first reload", 13–16 s).
 */
async function waitForCopy(page: Page): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    const kept = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open("playground-postgres");
          open.onerror = () => resolve(false);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains("copies")) return resolve(false);
            const get = db.transaction("copies").objectStore("copies").get("feed_items");
            get.onsuccess = () => resolve(!!get.result);
            get.onerror = () => resolve(false);
          };
        }),
    );
    if (kept) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("feed_items' copy was not kept");
}

/** Presses "Reset database" and answers the milliseconds until Postgres is ready again. */
async function reset(page: Page): Promise<number> {
  const started = await page.evaluate(() => performance.now());
  await page.getByRole("button", { name: "Reset database" }).click();
  await page.waitForFunction(() => !document.body.innerText.includes("Postgres is ready"), null, { timeout: TIMEOUT_MS, polling: 10 }).catch(() => {});
  return (await readyAt(page)) - started;
}

export default async function bench(): Promise<void> {
  buildSite();
  const server = await serveDist({ dir: SITE.dir, base: SITE.base, port: 0 });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SITE.base}#/lessons/pagination`;
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  const cold: number[] = [];
  const emptyBoot: number[] = [];
  const rawSeed: number[] = [];
  const warm: number[] = [];
  const resets: number[] = [];
  try {
    for (let n = 0; n < CONTEXTS; n++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      cold.push(await readyAt(page));
      emptyBoot.push(await measured(page, "postgres start"));
      rawSeed.push(await measured(page, "postgres seed feed_items rows"));
      await waitForCopy(page);
      for (let w = 0; w < WARM_PER_CONTEXT; w++) {
        await page.reload();
        warm.push(await readyAt(page));
        resets.push(await reset(page));
      }
      await context.close();
      console.error(`bench: cold ${cold.at(-1)?.toFixed(0)} ms (empty boot ${emptyBoot.at(-1)?.toFixed(0)}, raw seed ${rawSeed.at(-1)?.toFixed(0)}); warm ${warm.slice(-WARM_PER_CONTEXT).map((v) => v.toFixed(0))} ms; reset ${resets.slice(-WARM_PER_CONTEXT).map((v) => v.toFixed(0))} ms`);
    }
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
  const seconds = (values: number[]) => median(values) / 1000;
  const empty = seconds(emptyBoot);
  report({ bench: "postgres.ready_cold", ours: seconds(cold), unit: "s", peer: "empty PGlite boot + raw generate_series seed, same page", peerValue: median(emptyBoot.map((b, i) => b + rawSeed[i])) / 1000 });
  report({ bench: "postgres.ready_warm", ours: seconds(warm), unit: "s", peer: "empty PGlite boot, same page", peerValue: empty });
  report({ bench: "postgres.reset", ours: seconds(resets), unit: "s", peer: "postgres.ready_warm", peerValue: seconds(warm) });
}
