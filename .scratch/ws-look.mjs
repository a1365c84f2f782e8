import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";
const [file = "solution", out = "/tmp/ws.png", w = "1440", h = "900", theme = "light"] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--disable-background-networking", "--disable-component-update", "--no-first-run"] });
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
page.on("console", (m) => { if (m.type() === "error") console.log("console:", m.text()); });
page.on("pageerror", (e) => console.log("pageerror:", e.message));
await page.goto("http://127.0.0.1:4185/backend-playground/#/lessons/websockets");
await page.evaluate((t) => localStorage.setItem("bp:theme", t), theme);
await page.reload();
await page.waitForFunction(() => !!window.playgroundEditor?.editor.getModel(), null, { timeout: 60000 });
if (file !== "starter-as-is") await page.evaluate((c) => window.playgroundEditor.editor.getModel().setValue(c), readFileSync(`lessons/websockets/${file}.ts`, "utf8"));
const t0 = Date.now();
await page.getByRole("button", { name: "Run", exact: true }).click();
const samples = [];
for (let i = 0; i < 60; i++) {
  await page.waitForTimeout(250);
  const s = await page.getByRole("status").first().textContent();
  samples.push(`${Date.now() - t0}ms ${s}`);
  if (!/Running/.test(s ?? "")) break;
}
console.log(samples.slice(-3).join("\n"));
console.log((await page.getByRole("region", { name: "Checks" }).textContent())?.slice(0, 1500));
console.log("OUTPUT:", (await page.getByRole("region", { name: "Output" }).textContent())?.slice(0, 800));
await page.screenshot({ path: out, fullPage: false });
await browser.close();
