import { chromium } from "@playwright/test";
const [,, url, out, w = "1400", h = "900", ...actions] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--disable-background-networking","--disable-component-update","--no-first-run"] });
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
page.on("console", m => console.log("console:", m.type(), m.text()));
page.on("pageerror", e => console.log("pageerror:", e.message));
await page.goto(url);
await page.waitForTimeout(2500);
for (const a of actions) {
  if (a.startsWith("click:")) { await page.getByRole("button", { name: a.slice(6), exact: true }).click(); await page.waitForTimeout(2500); }
  if (a.startsWith("eval:")) { console.log(await page.evaluate(a.slice(5))); await page.waitForTimeout(1500); }
}
await page.screenshot({ path: out });
console.log("status:", await page.getByRole("status").allTextContents());
await browser.close();
