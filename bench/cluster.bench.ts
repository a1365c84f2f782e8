// The cluster engine in Chromium (bench/cluster/, a page built afresh each time, so the figures are
// of the current code):
//   cluster.fanout   ms for one broadcast to reach 10,000 clients over 8 real Web Workers: a
//                    client's frame published on the cluster's broker, each worker subscribed and
//                    sending it to its own 1,250 clients (CHAT_REDIS). Measured on the trace's own
//                    clock, from the coordinator taking the send to its handing the 10,000th frame
//                    to its client (bench/cluster/fanout.ts says what the page runs, and where).
//                    Target ≤ 100 ms.
//                    Peer: one worker looping over the same 10,000 clients (CHAT_IN_MEMORY, 1 worker).
//   cluster.viz_fps  animation frames per second of the `cluster` visualization while 1,000 client
//                    messages a second flow through a pub/sub cluster of 8 workers and 16 clients
//                    (26,000 trace events a second), the run's trace growing and the playhead
//                    following it each frame (bench/cluster/viz.tsx). Target ≥ 50 fps.
//                    Peer: a blank page with a canvas, counting frames the same way.
// Medians of several runs, ours and peer alternating, a fresh page each (fanout: of each run's
// timed broadcasts, after one untimed broadcast that warms the JIT); stderr shows every run.
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import react from "@vitejs/plugin-react";
import { chromium, type Browser } from "@playwright/test";
import { build } from "vite";
import { median, report } from "./harness.ts";
import { REPO } from "./site.ts";
import type { Broadcast, FanoutResult, Mode, VizResult } from "./cluster/messages.ts";
import { CHROMIUM_ARGS, findChromium } from "../scripts/find-chromium.mjs";
import { serveDist } from "../scripts/serve-dist.mjs";

const FANOUT_TARGET_MS = 100;
const FPS_TARGET = 50;
// BENCH_RUNS=n changes how many recorded runs of each (default 5): for a quick look.
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const RUN_MS = 180_000;

const ROOT = join(REPO, "bench/cluster");
const BASE = "/cluster/";

/** Builds the page into `dist`: a temporary folder, not bench/cluster/dist, which ESLint would lint. */
async function buildPage(dist: string): Promise<void> {
  console.error("bench: building the cluster page");
  await build({ root: ROOT, configFile: false, plugins: [react()], base: BASE, logLevel: "warn", worker: { format: "es" }, build: { outDir: dist, emptyOutDir: true, target: "es2022" } });
}

/** One run of the page in `mode`, in a fresh context. */
async function runOnce<R>(browser: Browser, url: string, mode: Mode): Promise<R> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${url}#${mode}`);
    await page.waitForFunction((m) => (window as unknown as { clusterBenchMode?: string }).clusterBenchMode === m, mode, { timeout: 60_000 }).catch((e: Error) => {
      throw new Error(`${mode}: the page did not get ready${errors.length ? ` (${errors.join("; ")})` : ""}: ${e.message}`);
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${mode}: no result in ${RUN_MS} ms`)), RUN_MS)));
    const result = page.evaluate(() => (window as unknown as { runClusterBench: () => Promise<unknown> }).runClusterBench());
    return (await Promise.race([result, timeout]).finally(() => clearTimeout(timer))) as R;
  } finally {
    await context.close();
  }
}

/** Runs `modes` once each unrecorded (warming the browser's processes), then RUNS times alternating. */
async function alternate<R>(browser: Browser, url: string, modes: readonly Mode[], describe: (r: R, n: number) => string): Promise<R[][]> {
  for (const mode of modes) await runOnce<R>(browser, url, mode);
  const runs: R[][] = modes.map(() => []);
  for (let n = 1; n <= RUNS; n++) {
    for (const [i, mode] of modes.entries()) {
      const r = await runOnce<R>(browser, url, mode);
      runs[i].push(r);
      console.error(describe(r, n));
    }
  }
  return runs;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const list = (ns: number[]) => ns.map((n) => n.toFixed(1)).join(", ");

function describeBroadcast(b: Broadcast): string {
  const deliveries = b.deliveryMs.length ? `; deliveries at ${list(b.deliveryMs)}` : "";
  return `reached ${ms(b.reachedMs)}, settled ${ms(b.settledMs)}${deliveries}; per worker first out ${list(b.firstOutMs)}, last out ${list(b.lastOutMs)}`;
}

function describeFanout(r: FanoutResult, n: number): string {
  return [
    `  ${r.mode} #${n}: ${r.workers} workers, ${r.reachedAll} of ${r.clients} clients reached; boot ${ms(r.bootMs)}, connect ${ms(r.connectMs)}, ${r.traced} trace events`,
    `    warm-up: ${describeBroadcast(r.warmup)}`,
    ...r.timed.map((b, i) => `    timed ${i + 1}: ${describeBroadcast(b)}`),
  ].join("\n");
}

function describeViz(r: VizResult, n: number): string {
  return `  ${r.mode} #${n}: ${r.fps.toFixed(1)} fps (${r.frames} frames in ${ms(r.windowMs)}), longest frame gap ${ms(r.longestFrameGapMs)}, ${r.longTasks} long tasks (longest ${ms(r.longestTaskMs)})${r.mode === "viz-ours" ? `, ${r.messages} messages in the window, ${r.events} events at its end` : ""}`;
}

async function fanout(browser: Browser, url: string): Promise<void> {
  const [ours, peer] = await alternate<FanoutResult>(browser, url, ["fanout-ours", "fanout-peer"], describeFanout);
  for (const r of [...ours, ...peer]) if (r.reachedAll !== r.clients) throw new Error(`${r.mode}: only ${r.reachedAll} of ${r.clients} clients got every broadcast`);
  // Each run's timed broadcasts, then the runs.
  const figure = (runs: FanoutResult[], pick: (b: Broadcast) => number) => median(runs.map((r) => median(r.timed.map(pick))));
  for (const [name, runs] of [["ours", ours], ["peer", peer]] as const) {
    console.error(`cluster.fanout ${name}: reached ${list(runs.map((r) => median(r.timed.map((b) => b.reachedMs))))} ms; settled ${list(runs.map((r) => median(r.timed.map((b) => b.settledMs))))} ms; warm-up reached ${list(runs.map((r) => r.warmup.reachedMs))} ms`);
  }
  const oursMs = figure(ours, (b) => b.reachedMs);
  report({ bench: "cluster.fanout", ours: oursMs, unit: "ms", peer: "one worker looping over its 10,000 clients (in memory)", peerValue: figure(peer, (b) => b.reachedMs) });
  console.error(`cluster.fanout: ${ms(oursMs)} (settled: ${ms(figure(ours, (b) => b.settledMs))}); target ≤ ${FANOUT_TARGET_MS} ms (${oursMs <= FANOUT_TARGET_MS ? "met" : "NOT met"})`);
}

async function vizFps(browser: Browser, url: string): Promise<void> {
  const [ours, peer] = await alternate<VizResult>(browser, url, ["viz-ours", "viz-peer"], describeViz);
  for (const [name, runs] of [["ours", ours], ["peer", peer]] as const) {
    console.error(`cluster.viz_fps ${name}: ${list(runs.map((r) => r.fps))} fps; longest frame gap ${list(runs.map((r) => r.longestFrameGapMs))} ms`);
  }
  const fps = median(ours.map((r) => r.fps));
  report({ bench: "cluster.viz_fps", ours: fps, unit: "fps", peer: "blank canvas page", peerValue: median(peer.map((r) => r.fps)) });
  console.error(`cluster.viz_fps: ${fps.toFixed(1)} fps; target ≥ ${FPS_TARGET} fps (${fps >= FPS_TARGET ? "met" : "NOT met"})`);
}

export default async function clusterBench(): Promise<void> {
  const dist = mkdtempSync(join(tmpdir(), "bench-cluster-"));
  try {
    await buildPage(dist);
    const server = await serveDist({ dir: dist, base: BASE, port: 0 });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE}`;
    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
    try {
      // CLUSTER_BENCH=fanout or =viz runs only that half.
      const only = process.env.CLUSTER_BENCH;
      if (!only || only === "fanout") await fanout(browser, url);
      if (!only || only === "viz") await vizFps(browser, url);
    } finally {
      await browser.close();
      server.closeAllConnections();
      server.close();
    }
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}
