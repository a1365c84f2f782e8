// Pictures of every page for looking at layout by eye: home, each lesson after its solution ran,
// embed and not-found, at a laptop, a tablet and a phone size, in both themes. Not a test: it
// serves dist/ (build it first), writes PNGs to OUT (default screenshots/) and prints their names.
//   node scripts/screenshots.mjs [lesson ids…]     ONLY_VIEWPORT=1440x900 to narrow it down
import { chromium } from "@playwright/test";
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { CHROMIUM_ARGS, findChromium } from "./find-chromium.mjs";
import { serveDist } from "./serve-dist.mjs";

const OUT = process.env.OUT ?? "screenshots";
const PORT = Number(process.env.SHOTS_PORT ?? 4190);
const BASE = `http://127.0.0.1:${PORT}/backend-playground/`;
const VIEWPORTS = ["1440x900", "820x1180", "390x844"].filter((v) => !process.env.ONLY_VIEWPORT || v === process.env.ONLY_VIEWPORT);
const THEMES = ["light", "dark"];
const lessons = process.argv.slice(2).length ? process.argv.slice(2) : readdirSync("lessons", { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

mkdirSync(OUT, { recursive: true });
const server = await serveDist({ dir: process.env.DIST_DIR ?? "dist", port: PORT });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });

const MAX_SLICES = Number(process.env.MAX_SLICES ?? 12);

// Through the page's own toggle where there is one (the editor follows it); the embed view has
// none, so there the stored choice is set and the page reloaded.
async function setTheme(page, theme) {
  const toggle = page.getByRole("button", { name: `Switch to ${theme} theme` });
  if (await toggle.count()) return toggle.click();
  if ((await page.evaluate(() => document.documentElement.dataset.theme)) === theme) return;
  await page.evaluate((t) => localStorage.setItem("bp:theme", t), theme);
  await page.reload();
  // Monaco's lines, or the light editor's at phone width.
  await page.waitForFunction(() => (document.querySelector(".view-lines, .cm-content")?.textContent?.length ?? 0) > 10, null, { timeout: 60_000 });
}

async function shoot(page, name) {
  for (const vp of VIEWPORTS) {
    const [width, height] = vp.split("x").map(Number);
    await page.setViewportSize({ width, height });
    for (const theme of THEMES) {
      await setTheme(page, theme);
      await page.waitForTimeout(400);
      // Wide: what fits the window (the panes scroll inside). Narrow: the stacked page, cut into
      // window-high slices so each can be read at full size: the top, then from the editor down
      // (the prose between is long, and the results are what a run changes).
      const total = width < 900 ? await page.evaluate(() => document.documentElement.scrollHeight) : height;
      const editorTop = width < 900 ? await page.evaluate(() => Math.round(document.querySelector(".pane--editor")?.getBoundingClientRect().top ?? 0) + scrollY) : 0;
      const tops = [0];
      // (a sliver of less than 40 px at the bottom is left out: the page may shrink by that much
      // as it settles, which would leave a slice outside it)
      for (let y = Math.max(height, editorTop); y < total - 40 && tops.length < MAX_SLICES; y += height) tops.push(y);
      for (const [i, top] of tops.entries()) {
        const file = `${OUT}/${name}-${vp}-${theme}${tops.length > 1 ? `-${i}` : ""}.png`;
        await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: top, width, height: Math.min(height, total - top) } });
        console.log(file);
      }
    }
    // Wide, also with the visualization enlarged (then back, as the next page expects).
    const enlarge = page.getByRole("button", { name: "Enlarge visualization" });
    if (width >= 900 && (await enlarge.count())) {
      await enlarge.click();
      await page.waitForTimeout(300);
      const file = `${OUT}/${name}-${vp}-${THEMES[THEMES.length - 1]}-enlarged.png`;
      await page.screenshot({ path: file });
      console.log(file);
      await enlarge.click();
    }
  }
}

const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
const page = await context.newPage();
if (!process.argv.slice(2).length) {
  await page.goto(BASE);
  await page.getByRole("link", { name: /Welcome/ }).waitFor();
  await shoot(page, "home");
  await page.goto(`${BASE}#/nowhere`);
  await shoot(page, "not-found");
}
for (const id of lessons) {
  await page.goto(`${BASE}#/lessons/${id}`);
  const run = page.getByRole("button", { name: "Run", exact: true });
  await run.waitFor();
  // Either editor (Monaco, or the light one at phone width): app/editor/test-hook.ts.
  await page.waitForFunction(() => !!window.playgroundCode, null, { timeout: 60_000 });
  await page.evaluate((c) => window.playgroundCode.setValue(c), readFileSync(`lessons/${id}/solution.ts`, "utf8"));
  // A lesson on Postgres: wait until it is seeded, so the run shows what it should.
  await page.waitForFunction(() => { const s = document.querySelector(".engine-status"); return !s || s.textContent.includes("Postgres is ready"); }, null, { timeout: 300_000 });
  await run.click();
  await page.waitForFunction(() => !/Running/.test(document.querySelector('[role="status"]')?.textContent ?? ""), null, { timeout: 120_000 });
  await page.waitForTimeout(800);
  await shoot(page, id);
}
await page.goto(`${BASE}#/embed/welcome`);
await page.getByRole("button", { name: "Run", exact: true }).waitFor();
await page.waitForTimeout(1500);
if (!process.argv.slice(2).length) await shoot(page, "embed");
await browser.close();
server.close();
