// Phone mode's weight: the page's JavaScript heap once welcome's solution has run, on an emulated
// phone (the light editor, CodeMirror) against the same at 1440×900 (Monaco). Target: ≤ 60 MB on
// the phone. The heap is the page's main thread after a forced garbage collection (CDP:
// HeapProfiler.collectGarbage, then Performance.getMetrics' JSHeapUsedSize); workers (the
// sandbox, Monaco's TypeScript worker) have heaps of their own and are not in it.
// performance.measureUserAgentSpecificMemory would count them, but needs a cross-origin-isolated
// page (COOP/COEP), which GitHub Pages cannot serve.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserContextOptions } from "@playwright/test";
import { median, report } from "./harness.ts";
import { buildSite, REPO, SITE } from "./site.ts";
import { CHROMIUM_ARGS, findChromium } from "../scripts/find-chromium.mjs";
import { serveDist } from "../scripts/serve-dist.mjs";

const TARGET_MB = 60;
const ROUNDS = 3;
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };
const SOLUTION = readFileSync(join(REPO, "lessons/welcome/solution.ts"), "utf8");

/** MB of JavaScript heap in use after welcome's solution has run, in a fresh context; and which editor the page showed. */
async function heapAfterWelcome(browser: Browser, url: string, options: BrowserContextOptions): Promise<{ mb: number; kind: string }> {
  const context = await browser.newContext(options);
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => !!window.playgroundCode, null, { timeout: 120_000 });
    const kind = await page.evaluate(() => window.playgroundCode!.kind);
    await page.evaluate((code) => window.playgroundCode!.setValue(code), SOLUTION);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "All checks passed" }).waitFor({ timeout: 120_000 });
    // Settled: the completion moment and the visualization have drawn.
    await page.waitForTimeout(1000);
    const cdp = await context.newCDPSession(page);
    await cdp.send("HeapProfiler.enable");
    await cdp.send("HeapProfiler.collectGarbage");
    await cdp.send("Performance.enable");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const used = metrics.find((m) => m.name === "JSHeapUsedSize")?.value;
    if (used === undefined) throw new Error("Chromium reported no JSHeapUsedSize");
    return { mb: used / 1e6, kind };
  } finally {
    await context.close();
  }
}

export default async function appPhoneBench(): Promise<void> {
  buildSite();
  const server = await serveDist({ dir: SITE.dir, base: SITE.base, port: 0 });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SITE.base}#/lessons/welcome`;
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    await heapAfterWelcome(browser, url, PHONE); // warms the browser's processes and the file cache
    const phone: number[] = [];
    const desktop: number[] = [];
    // Alternating, so drift in the machine's load falls on both alike.
    for (let n = 0; n < ROUNDS; n++) {
      const p = await heapAfterWelcome(browser, url, PHONE);
      const d = await heapAfterWelcome(browser, url, DESKTOP);
      if (p.kind !== "light" || d.kind !== "full") throw new Error(`expected the light editor on the phone and the full one on the desktop, got ${p.kind} and ${d.kind}`);
      phone.push(p.mb);
      desktop.push(d.mb);
    }
    const mb = (values: number[]) => values.map((v) => v.toFixed(1)).join(", ");
    console.error(`app.phone_heap: phone ${mb(phone)} MB; desktop ${mb(desktop)} MB`);
    const ours = median(phone);
    report({ bench: "app.phone_heap", ours, unit: "MB", peer: "desktop mode (Monaco), same page", peerValue: median(desktop) });
    console.error(`app.phone_heap: ${ours.toFixed(1)} MB; target ≤ ${TARGET_MB} MB (${ours <= TARGET_MB ? "met" : "NOT met"})`);
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
}
