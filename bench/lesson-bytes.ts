// What opening a page costs the learner's network: the files the browser fetches from the site
// until the page is usable, each counted gzipped as GitHub Pages serves it (the local server sends
// files plain, so the size is computed from the file on disk). The server's own log is the
// record, so a worker's script, PGlite's wasm and data and every lazy chunk count alike.
import { readFileSync, statSync } from "node:fs";
import type { Server, IncomingMessage } from "node:http";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "@playwright/test";
import { report } from "./harness.ts";

const WELCOME_TARGET_MB = 2.5;

/** Usable, then no request for this long: the load is over. */
const QUIET_MS = 2000;
const QUIET_MAX_MS = 20_000;

/** Already compressed: Pages sends them as they are. */
const COMPRESSED = /\.(gz|png|jpe?g|webp|woff2)$/;

export interface FetchedFile {
  path: string;
  bytes: number;
  gzipBytes: number;
}

export interface LoadCost {
  /** Gzipped bytes of every file fetched until the page was usable and fetched no more. */
  gzipBytes: number;
  /** Milliseconds from navigation start to usable. */
  ms: number;
  files: FetchedFile[];
}

/** The site a server serves: its folder and the path it serves it under. */
export interface ServedSite {
  dir: string;
  base: string;
  server: Server;
}

function fetchedFile({ dir, base }: ServedSite, url: string): FetchedFile | null {
  let path = decodeURIComponent(new URL(url, "http://site").pathname);
  if (!path.startsWith(base)) return null;
  path = path.slice(base.length) || "index.html";
  const file = join(dir, path.endsWith("/") ? `${path}index.html` : path);
  try {
    if (!statSync(file).isFile()) return null;
  } catch {
    return null; // a 404 costs next to nothing
  }
  const content = readFileSync(file);
  return { path, bytes: content.length, gzipBytes: COMPRESSED.test(path) ? content.length : gzipSync(content, { level: 9 }).length };
}

/**
 * Loads `url` in a fresh context (cold cache) and waits until `usable` resolves and the requests
 * stop; the cost is every file the server was asked for until then.
 */
export async function costUntilUsable(browser: Browser, site: ServedSite, url: string, usable: (page: Page) => Promise<void>): Promise<LoadCost> {
  const requested = new Set<string>();
  let lastRequestAt = Date.now();
  const onRequest = (req: IncomingMessage) => {
    requested.add(req.url ?? "/");
    lastRequestAt = Date.now();
  };
  site.server.on("request", onRequest);
  // No service worker: its precache of the whole site for offline use (build/offline.ts) starts
  // when the page is idle and is not what the page needs to be usable; it is reported on its own
  // (app.offline_precache), not folded into whichever lesson's quiet period it overlaps.
  const context = await browser.newContext({ serviceWorkers: "block" });
  let ms: number;
  try {
    const page = await context.newPage();
    await page.goto(url);
    await usable(page);
    ms = await page.evaluate(() => performance.now());
    // What the opening set off just before or as the page became usable (the editor's own worker,
    // its icon font) would be counted or not by a race: wait for the requests to stop.
    const until = Date.now() + QUIET_MAX_MS;
    while (Date.now() - lastRequestAt < QUIET_MS && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  } finally {
    site.server.off("request", onRequest);
    await context.close();
  }
  const files = [...requested].flatMap((u) => fetchedFile(site, u) ?? []).sort((a, b) => b.gzipBytes - a.gzipBytes);
  return { gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0), ms, files };
}

/**
 * Gzipped bytes of everything the offline service worker precaches (its manifest in sw.js): what a
 * first visit downloads in the background, once the page is idle, for the site to work offline.
 */
export function offlinePrecacheBytes({ dir }: Pick<ServedSite, "dir">): { gzipBytes: number; files: number } {
  const sw = readFileSync(join(dir, "sw.js"), "utf8");
  const urls = [...sw.matchAll(/\burl:"([^"]+)"/g)].map((m) => m[1]);
  let gzipBytes = 0;
  for (const url of urls) {
    const content = readFileSync(join(dir, url));
    gzipBytes += COMPRESSED.test(url) ? content.length : gzipSync(content, { level: 9 }).length;
  }
  return { gzipBytes, files: urls.length };
}

/** One line per file, largest first: which chunks a page fetched, for the bench's log. */
export function describeCost(name: string, cost: LoadCost): string {
  const mb = (n: number) => (n / 1e6).toFixed(3);
  const lines = cost.files.map((f) => `    ${mb(f.gzipBytes)} MB gzip (${mb(f.bytes)} MB)  ${f.path}`);
  return [`  ${name}: ${mb(cost.gzipBytes)} MB gzip in ${cost.files.length} files, usable after ${Math.round(cost.ms)} ms`, ...lines].join("\n");
}

/** The lesson's editor takes typing and its Run button works. */
export async function editorUsable(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const editor = window.playgroundEditor?.editor;
      const run = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Run");
      return !!editor?.getModel() && !editor.getRawOptions().readOnly && !!editor.getDomNode()?.querySelector("textarea") && !!run && !run.disabled;
    },
    null,
    { timeout: 120_000 },
  );
}

/** As `editorUsable`, and the lesson's Postgres has started and seeded its data. */
export async function postgresUsable(page: Page): Promise<void> {
  await editorUsable(page);
  await page.getByText("Postgres is ready").waitFor({ timeout: 180_000 });
}

/** The blank page is usable once its one button is there. */
export async function blankUsable(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Run" }).waitFor();
}

/**
 * `app.lesson_bytes.<lesson>`: gzipped MB fetched until the welcome lesson (editor and Run) and the
 * pagination lesson (Postgres too) are usable, each beside the blank page's.
 */
export async function reportLessonBytes(browser: Browser, ours: ServedSite & { url: string }, blank: ServedSite & { url: string; name: string }): Promise<void> {
  console.error("bench: bytes until usable, the blank page then each lesson");
  const peer = await costUntilUsable(browser, blank, blank.url, blankUsable);
  console.error(describeCost("blank", peer));
  for (const [id, usable] of [["welcome", editorUsable], ["pagination", postgresUsable]] as const) {
    const cost = await costUntilUsable(browser, ours, `${ours.url}#/lessons/${id}`, usable);
    console.error(describeCost(id, cost));
    report({ bench: `app.lesson_bytes.${id}`, ours: cost.gzipBytes / 1e6, unit: "MB", peer: blank.name, peerValue: peer.gzipBytes / 1e6 });
    if (id === "welcome") console.error(`app.lesson_bytes.welcome: target ≤ ${WELCOME_TARGET_MB} MB (${cost.gzipBytes / 1e6 <= WELCOME_TARGET_MB ? "met" : "NOT met"})`);
  }
  const precache = offlinePrecacheBytes(ours);
  console.error(`  offline precache: ${(precache.gzipBytes / 1e6).toFixed(3)} MB gzip in ${precache.files} files`);
  report({ bench: "app.offline_precache", ours: precache.gzipBytes / 1e6, unit: "MB", peer: blank.name, peerValue: peer.gzipBytes / 1e6 });
}
