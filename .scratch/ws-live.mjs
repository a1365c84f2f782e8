import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--disable-background-networking", "--disable-component-update", "--no-first-run"] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto("http://127.0.0.1:4185/backend-playground/#/lessons/websockets");
await page.waitForFunction(() => !!window.playgroundEditor?.editor.getModel(), null, { timeout: 60000 });
await page.evaluate((c) => window.playgroundEditor.editor.getModel().setValue(c), readFileSync(`lessons/websockets/solution.ts`, "utf8"));
const t0 = Date.now();
await page.getByRole("button", { name: "Run", exact: true }).click();
for (let i = 0; i < 40; i++) {
  await page.waitForTimeout(200);
  const s = await page.getByRole("status").first().textContent();
  const v = await page.getByRole("region", { name: "Visualization" }).textContent();
  console.log(Date.now() - t0, s, (v.match(/Cluster \d+ of \d+[^·]*·[^·]*·[^·]*·[^·]*/) ?? [""])[0], (v.match(/Redis: [^.]*\./) ?? [""])[0].slice(0, 60));
  if (!/Running/.test(s ?? "")) break;
}
await browser.close();
