// scratch: build the cluster bench page once, run a mode with the main thread's CPU profile, print top self times
import { existsSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import react from "@vitejs/plugin-react";
import { chromium } from "@playwright/test";
import { build } from "vite";
import { CHROMIUM_ARGS, findChromium } from "../scripts/find-chromium.mjs";
import { serveDist } from "../scripts/serve-dist.mjs";

const dist = "/tmp/prof-cluster-dist";
const mode = process.argv[2] ?? "fanout-ours";
if (!existsSync(dist) || process.env.REBUILD) await build({ root: "bench/cluster", configFile: false, plugins: [react()], base: "/cluster/", logLevel: "warn", worker: { format: "es" }, build: { outDir: dist, emptyOutDir: true, target: "es2022", minify: false } });
const server = await serveDist({ dir: dist, base: "/cluster/", port: 0 });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
const page = await browser.newPage();
page.on("console", (m) => console.error("page:", m.text()));
await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/cluster/#${mode}`);
await page.waitForFunction(() => (window as any).clusterBenchMode);
const cdp = await page.context().newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
await cdp.send("Profiler.start");
const r: any = await page.evaluate(() => (window as any).runClusterBench());
const { profile } = (await cdp.send("Profiler.stop")) as any;
writeFileSync(`/tmp/${mode}.cpuprofile`, JSON.stringify(profile));
console.log(JSON.stringify({ ...r, warmup: undefined, timed: r.timed?.map((b: any) => [b.reachedMs, b.settledMs]) }));
const self = new Map<string, number>();
const dt = profile.timeDeltas as number[];
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
const counts = new Map<number, number>();
profile.samples.forEach((id: number, i: number) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, us] of counts) {
  const n: any = byId.get(id);
  const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + us);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((us / 1000).toFixed(1).padStart(8), "ms", k);
console.log("total", (total / 1000).toFixed(0));
await browser.close();
server.close();
