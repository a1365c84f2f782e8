// tasks.worker_speedup: the same CPU-bound job on 2 real Web Workers over 1, in Chromium, through
// what a learner has: `measureWorkers` from playground/tasks, in a lesson with the cluster engine
// (websockets), the workers started by the page's cluster host, each locked down and importing the
// learner's module afresh. 8 equal jobs (primes below N, pure CPU) per measurement, five rounds
// after an unrecorded one; the figure is the median round's 2-over-1 ratio. Target ≥ 1.7 on 2 cores.
// Peer: the same function, jobs and split on Node's worker_threads in this process (what this
// machine gives two real threads at this moment: on a loaded machine both figures drop).
// The 4-worker figures and the load average go to stderr.
import { loadavg, availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { chromium, type Page } from "@playwright/test";
import { median, report } from "./harness.ts";
import { buildSite, SITE } from "./site.ts";
import { CHROMIUM_ARGS, findChromium } from "../scripts/find-chromium.mjs";
import { serveDist } from "../scripts/serve-dist.mjs";

const N = 400_000;
const JOBS = 8;
const ROUNDS = 5;
const PORT = Number(process.env.BENCH_PORT ?? 4180);

const PRIMES = `function primesBelow(n) {
  let count = 0;
  for (let i = 2; i < n; i++) { let p = true; for (let d = 2; d * d <= i; d++) if (i % d === 0) { p = false; break; } if (p) count++; }
  return count;
}`;

const LEARNER = `import { measureWorkers, isMainThread } from "playground/tasks";
export ${PRIMES.replace("function primesBelow(n)", "function primesBelow(n: number): number")}
export const app = null;
if (isMainThread) {
  // A whole round first, unrecorded: the page is still settling (the editor's workers) when a run starts.
  await measureWorkers({ exportName: "primesBelow", jobs: Array.from({ length: ${JOBS} }, () => [${N}]), workers: [1, 2, 4] });
  const rounds = [];
  for (let r = 0; r < ${ROUNDS}; r++) rounds.push(await measureWorkers({ exportName: "primesBelow", jobs: Array.from({ length: ${JOBS} }, () => [${N}]), workers: [1, 2, 4] }));
  console.log("BENCH " + JSON.stringify(rounds.map((r) => r.map((t) => t.ms))));
  // The lesson's checks are no part of the figure: a thrown error ends the run before them.
  throw new Error("bench end");
}
`;

interface EditorWindow {
  playgroundEditor?: { editor: { getModel(): { setValue(code: string): void } | null } };
}

async function inChromium(page: Page): Promise<number[][]> {
  await page.goto(`http://127.0.0.1:${PORT}${SITE.base}#/lessons/websockets`);
  await page.waitForFunction(() => !!(window as EditorWindow).playgroundEditor?.editor.getModel(), null, { timeout: 60_000 });
  await page.evaluate((c) => (window as EditorWindow).playgroundEditor!.editor.getModel()!.setValue(c), LEARNER);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const out = page.getByRole("region", { name: "Output" });
  await page.getByRole("status").filter({ hasNotText: "Running…" }).waitFor({ timeout: 60_000 });
  const text = (await out.textContent()) ?? "";
  const found = /BENCH (\[\[.*?\]\])/.exec(text);
  if (!found) throw new Error(`no figures in the run's output (status: ${await page.getByRole("status").textContent()}): ${text.slice(0, 500)}`);
  return JSON.parse(found[1]) as number[][];
}

/** The same jobs on `threads` Node worker threads, each taking the next job as it finishes one. */
async function onThreads(threads: number): Promise<number> {
  const source = `const { parentPort } = require("node:worker_threads"); ${PRIMES}
parentPort.on("message", (n) => parentPort.postMessage(primesBelow(n)));`;
  const workers = Array.from({ length: threads }, () => new Worker(source, { eval: true }));
  const call = (w: Worker) => new Promise((resolve) => (w.once("message", resolve), w.postMessage(N)));
  await Promise.all(workers.map(call)); // started and warm, as the browser's are loaded before timing
  let next = 0;
  const started = performance.now();
  await Promise.all(workers.map(async (w) => { while (next++ < JOBS) await call(w); }));
  const ms = performance.now() - started;
  await Promise.all(workers.map((w) => w.terminate()));
  return ms;
}

export default async function bench(): Promise<void> {
  buildSite();
  const server = (await serveDist({ dir: SITE.dir, base: SITE.base, port: PORT })) as { close(): void };
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  let rounds: number[][];
  try {
    rounds = await inChromium(await (await browser.newContext()).newPage());
  } finally {
    await browser.close();
    server.close();
  }
  const peer: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const one = await onThreads(1);
    peer.push(one / (await onThreads(2)));
  }
  const two = median(rounds.map(([one, two]) => one / two));
  const four = median(rounds.map(([one, , four]) => one / four));
  console.error(`tasks.worker_speedup: rounds (ms on 1, 2, 4 workers) ${JSON.stringify(rounds.map((r) => r.map((ms) => Math.round(ms))))}; 4 over 1 ${four.toFixed(2)}; cores ${availableParallelism()}; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  report({ bench: "tasks.worker_speedup", ours: two, unit: "× (2 workers over 1)", peer: "node worker_threads, same jobs, 2 over 1", peerValue: median(peer) });
}
