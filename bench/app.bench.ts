// The site against a blank Vite + React page: the JavaScript a lesson needs before it can show
// anything, how long until its Run button works, and the bytes a lesson fetches until it is
// usable. Both sites are built afresh, so the figures are always those of the current code.
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import react from "@vitejs/plugin-react";
import { build } from "vite";
import { median, report } from "./harness.ts";
import { reportLessonBytes, type ServedSite } from "./lesson-bytes.ts";
import { buildSite, REPO, SITE } from "./site.ts";
import { CHROMIUM_ARGS, findChromium } from "../scripts/find-chromium.mjs";
import { serveDist } from "../scripts/serve-dist.mjs";

const PEER = "blank Vite + React";
const TARGET_KB = 150;
const LOADS = 9;

interface Site {
  dir: string;
  base: string;
  path: string;
}
const OURS: Site = { ...SITE, path: "#/lessons/welcome" };
const BLANK: Site = { dir: join(REPO, "bench/blank/dist"), base: "/blank/", path: "" };

async function buildSites(): Promise<void> {
  buildSite();
  console.error("bench: building the blank page");
  const root = join(REPO, "bench/blank");
  await build({ root, configFile: false, plugins: [react()], base: BLANK.base, logLevel: "warn", build: { outDir: BLANK.dir, emptyOutDir: true } });
}

/** The import statements a chunk starts with (after Vite's __vite__mapDeps line, if any). */
function staticImports(code: string): string[] {
  const statement = /\s*import\s*(?:[\w$\s{},*]*?from\s*)?["']([^"']+)["'];?/y;
  statement.lastIndex = code.startsWith("const __vite__mapDeps=") ? code.indexOf("\n") + 1 : 0;
  const specifiers: string[] = [];
  for (let match; (match = statement.exec(code)); ) specifiers.push(match[1]);
  return specifiers;
}

/** Gzipped KB (1 KB = 1000 bytes, as Vite reports sizes) of the scripts the page loads before any dynamic import(). */
function initialJsKb({ dir, base }: Site): number {
  const page = new URL(base, "http://site");
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const entries = [...html.matchAll(/<(?:script|link)\b[^>]*>/g)].flatMap(([tag]) => {
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    return url && /\btype="module"|\brel="modulepreload"/.test(tag) ? [new URL(url, page).href] : [];
  });
  const seen = new Set(entries);
  const queue = [...seen];
  let bytes = 0;
  while (queue.length) {
    const url = new URL(queue.pop()!);
    const code = readFileSync(join(dir, url.pathname.slice(base.length)));
    const gzipped = gzipSync(code, { level: 9 }).length;
    console.error(`  ${url.pathname}: ${(code.length / 1000).toFixed(1)} KB, ${(gzipped / 1000).toFixed(1)} KB gzip`);
    bytes += gzipped;
    for (const dep of staticImports(code.toString()).map((s) => new URL(s, url).href)) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      queue.push(dep);
    }
  }
  return bytes / 1000;
}

/** Runs before the page's own scripts: notes the moment an enabled `Run` button first exists. */
function watchForRun() {
  // No named inner functions here: tsx would wrap them in a __name() helper the page lacks.
  // A MutationObserver fires when the DOM changes, not at the next poll, and cannot miss a page faster than the first poll.
  const observer = new MutationObserver(() => {
    if (![...document.querySelectorAll("button")].some((b) => b.textContent?.trim() === "Run" && !b.disabled)) return;
    (window as unknown as { runReadyAt: number }).runReadyAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["disabled"] });
}

/** Milliseconds from navigation start to an enabled Run button, in a fresh context (cold cache). */
async function runReadyMs(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(watchForRun);
    await page.goto(url);
    const at = await page.waitForFunction(() => (window as unknown as { runReadyAt?: number }).runReadyAt, null, { timeout: 60_000 });
    return (await at.jsonValue()) as number;
  } finally {
    await context.close();
  }
}

export default async function appBench(): Promise<void> {
  await buildSites();

  console.error("bench: initial JavaScript, ours then the blank page");
  const ours = initialJsKb(OURS);
  const blank = initialJsKb(BLANK);
  report({ bench: "app.initial_js_gzip", ours, unit: "KB", peer: PEER, peerValue: blank });
  console.error(`app.initial_js_gzip: ${ours.toFixed(1)} KB; target ≤ ${TARGET_KB} KB (${ours <= TARGET_KB ? "met" : "NOT met"})`);

  const sites = [OURS, BLANK];
  const servers = await Promise.all(sites.map(({ dir, base }) => serveDist({ dir, base, port: 0 })));
  const urls = sites.map(({ base, path }, i) => `http://127.0.0.1:${(servers[i].address() as AddressInfo).port}${base}${path}`);
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    // One unrecorded load each warms the browser's processes and the OS file cache; then the two
    // pages alternate so that drift in the machine's load falls on both alike.
    for (const url of urls) await runReadyMs(browser, url);
    const times: number[][] = [[], []];
    for (let n = 0; n < LOADS; n++) {
      for (const [i, url] of urls.entries()) times[i].push(await runReadyMs(browser, url));
    }
    console.error(`app.run_ready: ours ${times[0].map(Math.round).join(", ")} ms; blank ${times[1].map(Math.round).join(", ")} ms`);
    report({ bench: "app.run_ready", ours: median(times[0]), unit: "ms", peer: PEER, peerValue: median(times[1]) });

    const served: ServedSite[] = sites.map(({ dir, base }, i) => ({ dir, base, server: servers[i] }));
    await reportLessonBytes(browser, { ...served[0], url: urls[0].replace(/#.*$/, "") }, { ...served[1], url: urls[1], name: PEER });
  } finally {
    await browser.close();
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  }
}
