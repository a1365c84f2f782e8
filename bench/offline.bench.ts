// app.offline_reload: time from a reload to a usable welcome lesson (its Run button enabled), with
// the network off, against the same reload online, both with the offline service worker in
// control (build/offline.ts). Target ≤ 1.0: from the cache, offline is no slower.
import type { AddressInfo } from "node:net";
import { chromium, type Page } from "@playwright/test";
import { median, report } from "./harness.ts";
import { buildSite, SITE } from "./site.ts";
import { CHROMIUM_ARGS, findChromium } from "../scripts/find-chromium.mjs";
import { serveDist } from "../scripts/serve-dist.mjs";

const RELOADS = 7;

/** Milliseconds from a reload's navigation until Run can be pressed. */
async function reloadToUsable(page: Page): Promise<number> {
  await page.reload();
  const at = await page.waitForFunction(
    () => {
      const run = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Run");
      return run && !run.disabled ? performance.now() : 0;
    },
    null,
    { timeout: 60_000, polling: 10 },
  );
  return (await at.jsonValue()) as number;
}

export default async function bench(): Promise<void> {
  buildSite();
  const server = await serveDist({ dir: SITE.dir, base: SITE.base, port: 0 });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SITE.base}#/lessons/welcome`;
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  const online: number[] = [];
  const offline: number[] = [];
  try {
    const context = await browser.newContext({ serviceWorkers: "allow" });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 120_000 });
    // Alternated, so a slow moment of the machine falls on both.
    for (let n = 0; n < RELOADS; n++) {
      online.push(await reloadToUsable(page));
      await context.setOffline(true);
      offline.push(await reloadToUsable(page));
      await context.setOffline(false);
    }
    await context.close();
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
  console.error(`bench: online ${online.map((v) => v.toFixed(0))} ms; offline ${offline.map((v) => v.toFixed(0))} ms`);
  report({ bench: "app.offline_reload", ours: median(offline), unit: "ms", peer: "the same reload online (service worker in control)", peerValue: median(online) });
}
