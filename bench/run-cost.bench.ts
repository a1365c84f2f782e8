// What a run costs when it talks to Postgres, measured on the built site in Chromium through what
// a learner has: the editor, the Run button, the status line, the Output pane, and
// `import { db } from "playground/postgres"`. Nothing here reaches into the app's internals (its
// message protocols, workers or stores), so the figures mean the same before and after a change
// to how the sandbox talks to the page and to the Postgres worker.
//   run.postgres_statement  ms per learner statement round trip (sandbox → Postgres worker →
//                           sandbox): learner code in the pagination lesson times 500 ×
//                           `await db.query("SELECT 1")` with its own clock and prints the total;
//                           median of several runs. Peer: the same SELECT 1 as a raw PGlite
//                           db.query in Node, in this process (no worker, no port, no per-statement
//                           savepoint or auto_explain, which the engine adds to every learner
//                           statement).
//   run.postgres_run        ms from pressing Run to the final status, for a run whose code issues
//                           one statement, in the pagination lesson; median of several runs.
//                           Peer: the same run without the statement in the welcome lesson, which
//                           has no Postgres: the ratio is what Postgres adds to a run (opening the
//                           run's transaction and port, the statement, the rollback).
// Both figures are times, so as in the other time and size benches lower is better and the ratio
// (ours / peer) says how many times the peer's cost ours is.
//
// Every run's code ends by throwing an error that names the run; the status then reads
// "Error: run-cost end <n> (line …)". That is what tells this bench which run the status is
// about, and it keeps the lessons' checks from running (pagination's last check deletes a
// million rows): checks are not part of either figure.
//
// The learner's clock is performance.now() where learner code has it, else Date.now() over more
// statements (a hardened realm may offer neither: Date.now() then gives NaN). Without any clock
// the statement figure falls back to the page's own measure: (Run→status with the 520
// statements − Run→status with one) / 519. That figure, which also counts the page drawing the
// run's 520 queries, is printed on stderr every time, so the two kinds can be compared.
import type { AddressInfo } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { chromium, type Browser, type Page } from "@playwright/test";
import { pgliteOptions } from "../workers/postgres/pglite-options.ts";
import { median, report } from "./harness.ts";
import { buildSite, SITE } from "./site.ts";
import { CHROMIUM_ARGS, findChromium } from "../scripts/find-chromium.mjs";
import { serveDist } from "../scripts/serve-dist.mjs";

/** Statements timed per run by learner code with performance.now(); with Date.now() (1 ms steps), more. */
const STATEMENTS = 500;
const STATEMENTS_COARSE = 2000;
/** Statements each timed run sends first, untimed, so the timed ones find everything warm. */
const WARM_STATEMENTS = 20;
/** Rounds of runs: the first is not recorded. */
const WARMUP_ROUNDS = 1;
const ROUNDS = 11;
const PEER_REPEATS = 7;

const POSTGRES_READY_MS = 240_000; // starting PGlite and seeding a million rows, on a busy machine
const PAGE_READY_MS = 60_000;
const RUN_MS = 60_000; // the pagination lesson's own limit is 15 s
const OUTPUT_MS = 10_000;

const PAGINATION = "#/lessons/pagination";
const WELCOME = "#/lessons/welcome";

let runs = 0;
/** A marker no earlier run's status or output contains. */
const nextMarker = () => `run-cost end ${++runs}`;

/** Learner code: times `STATEMENTS` round trips and prints `<marker>: <n> statements in <ms> ms by <clock>`. */
function statementsCode(marker: string): string {
  return `import { db } from "playground/postgres";

// Bench run-cost: ${WARM_STATEMENTS} statements to warm up, then the timed ones, by the clock learner code has.
const perf = (globalThis as { performance?: { now?: () => number } }).performance;
let clock: { name: string; now: () => number } | null = null;
if (perf && typeof perf.now === "function" && Number.isFinite(perf.now())) clock = { name: "performance.now", now: () => perf.now!() };
else if (Number.isFinite(Date.now())) clock = { name: "Date.now", now: () => Date.now() };
const n = clock?.name === "Date.now" ? ${STATEMENTS_COARSE} : ${STATEMENTS};
for (let i = 0; i < ${WARM_STATEMENTS}; i++) await db.query("SELECT 1");
const started = clock ? clock.now() : 0;
for (let i = 0; i < n; i++) await db.query("SELECT 1");
const ms = clock ? clock.now() - started : NaN;
console.log(clock ? \`${marker}: \${n} statements in \${ms} ms by \${clock.name}, \${ms / n} ms each\` : \`${marker}: \${n} statements, no clock\`);
throw new Error("${marker}");
`;
}

/** Learner code for a run that issues one statement. */
function oneStatementCode(marker: string): string {
  return `import { db } from "playground/postgres";

await db.query("SELECT 1");
console.log("${marker}: one statement");
throw new Error("${marker}");
`;
}

/** The same run with no statement (for a lesson without Postgres). */
function noStatementCode(marker: string): string {
  return `console.log("${marker}: no statement");
throw new Error("${marker}");
`;
}

interface EditorWindow {
  playgroundEditor?: { editor: { getModel(): { setValue(code: string): void } | null } };
}

async function openLesson(browser: Browser, url: string, postgres: boolean): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  try {
    await page.getByRole("button", { name: "Run", exact: true }).click({ trial: true, timeout: PAGE_READY_MS });
    await page.waitForFunction(() => !!(window as EditorWindow).playgroundEditor?.editor.getModel(), null, { timeout: PAGE_READY_MS });
  } catch (e) {
    throw new Error(`${url}: no enabled Run button and editor within ${PAGE_READY_MS / 1000} s (${(e as Error).message.split("\n")[0]})`, { cause: e });
  }
  if (postgres) {
    try {
      await page.getByText("Postgres is ready").waitFor({ timeout: POSTGRES_READY_MS });
    } catch (e) {
      throw new Error(`${url}: the status bar did not say "Postgres is ready" within ${POSTGRES_READY_MS / 1000} s (${(e as Error).message.split("\n")[0]})`, { cause: e });
    }
  }
  return page;
}

/**
 * Puts `code` in the editor, presses Run, and returns the milliseconds (the page's clock) from the
 * press to the status naming `marker`.
 */
async function timedRun(page: Page, code: string, marker: string): Promise<number> {
  await page.bringToFront();
  await page.evaluate((c) => (window as EditorWindow).playgroundEditor!.editor.getModel()!.setValue(c), code);
  // Let the app take the edit (React renders it on a later task) before pressing Run.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const runButton = page.getByRole("button", { name: "Run", exact: true });
  await runButton.click({ trial: true, timeout: RUN_MS });
  const button = await runButton.elementHandle({ timeout: RUN_MS });
  const status = await page.getByRole("status").elementHandle({ timeout: RUN_MS });
  // In the page: no named inner functions (tsx would wrap them in a __name() helper the page lacks).
  return page.evaluate(
    ([button, status, marker, timeoutMs]) =>
      new Promise<number>((resolve, reject) => {
        const before = status.textContent ?? "";
        let last = before;
        let pressed = 0;
        const observer = new MutationObserver(() => {
          const text = status.textContent ?? "";
          last = text;
          if (text.includes(marker)) {
            const ms = performance.now() - pressed;
            observer.disconnect();
            clearTimeout(timer);
            resolve(ms);
          } else if (text !== before && /checks passed$|^Stopped|Error: |^error: /.test(text)) {
            observer.disconnect();
            clearTimeout(timer);
            reject(new Error(`the run ended with the status "${text}", not the error "${marker}" its code throws`));
          }
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`no final status ${timeoutMs / 1000} s after pressing Run; the status says "${last}"`));
        }, timeoutMs);
        observer.observe(status, { subtree: true, childList: true, characterData: true });
        pressed = performance.now();
        (button as HTMLButtonElement).click();
      }),
    [button, status, marker, RUN_MS] as const,
  );
}

/** The line the run printed in the Output pane that starts with `marker`. */
async function outputLine(page: Page, marker: string): Promise<string> {
  const line = page.getByRole("region", { name: "Output" }).getByText(`${marker}:`).first();
  try {
    return ((await line.textContent({ timeout: OUTPUT_MS })) ?? "").trim();
  } catch (e) {
    const all = await page.getByRole("region", { name: "Output" }).innerText().catch(() => "(no Output region)");
    throw new Error(`the Output pane has no line "${marker}: …" within ${OUTPUT_MS / 1000} s; it says:\n${all}`, { cause: e });
  }
}

/** ms per SELECT 1 from the learner's line, or null when learner code had no clock. */
function perStatement(line: string): { ms: number | null; statements: number; clock: string } {
  const timed = /: (\d+) statements in ([\d.e+-]+) ms by ([\w.]+)/.exec(line);
  if (timed) return { ms: Number(timed[2]) / Number(timed[1]), statements: Number(timed[1]), clock: timed[3] };
  const untimed = /: (\d+) statements, no clock/.exec(line);
  if (untimed) return { ms: null, statements: Number(untimed[1]), clock: "none" };
  throw new Error(`cannot read the learner's timing from "${line}"`);
}

/** ms per `SELECT 1` through a raw PGlite in Node: median of `PEER_REPEATS` rounds of `STATEMENTS` queries. */
async function pgliteInNode(): Promise<{ ms: number; version: string }> {
  const db = new PGlite(pgliteOptions());
  try {
    await db.waitReady;
    const version = (await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
    for (let i = 0; i < 200; i++) await db.query("SELECT 1");
    const rounds: number[] = [];
    for (let r = 0; r < PEER_REPEATS; r++) {
      const started = performance.now();
      for (let i = 0; i < STATEMENTS; i++) await db.query("SELECT 1");
      rounds.push((performance.now() - started) / STATEMENTS);
    }
    console.error(`bench: PGlite in Node, ms per SELECT 1: ${rounds.map((ms) => ms.toFixed(4)).join(", ")}`);
    return { ms: median(rounds), version };
  } finally {
    await db.close();
  }
}

const fmt = (values: number[], digits = 0) => values.map((v) => v.toFixed(digits)).join(", ");

export default async function bench(): Promise<void> {
  console.error("bench: SELECT 1 on a raw PGlite in Node");
  const peer = await pgliteInNode();

  buildSite();
  const server = await serveDist({ dir: SITE.dir, base: SITE.base, port: 0 });
  const site = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SITE.base}`;
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
    console.error("bench: opening the pagination lesson (starts Postgres and seeds a million rows) and the welcome lesson");
    const pagination = await openLesson(browser, site + PAGINATION, true);
    const welcome = await openLesson(browser, site + WELCOME, false);

    const statementMs: number[] = []; // by the learner's clock, per statement
    const clocks = new Set<string>();
    const manyRunMs: number[] = []; // Run → status, the run with WARM_STATEMENTS + n statements
    let manyStatements = 0;
    const oneRunMs: number[] = []; // Run → status, one statement (pagination)
    const noneRunMs: number[] = []; // Run → status, no statement (welcome)
    for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
      const record = round >= WARMUP_ROUNDS;
      // The two short runs side by side, so a change in the machine's load falls on both alike.
      let marker = nextMarker();
      const one = await timedRun(pagination, oneStatementCode(marker), marker);
      await outputLine(pagination, marker);
      marker = nextMarker();
      const none = await timedRun(welcome, noStatementCode(marker), marker);
      await outputLine(welcome, marker);
      marker = nextMarker();
      const many = await timedRun(pagination, statementsCode(marker), marker);
      const timing = perStatement(await outputLine(pagination, marker));
      console.error(
        `  round ${round + 1}${record ? "" : " (warm-up)"}: ${timing.statements} × SELECT 1 by ${timing.clock}: ${timing.ms?.toFixed(4) ?? "?"} ms each; ` +
          `Run→status: one statement ${one.toFixed(0)} ms, no Postgres ${none.toFixed(0)} ms, ${WARM_STATEMENTS + timing.statements} statements ${many.toFixed(0)} ms`,
      );
      if (!record) continue;
      if (timing.ms !== null) statementMs.push(timing.ms);
      clocks.add(timing.clock);
      manyStatements = WARM_STATEMENTS + timing.statements;
      manyRunMs.push(many);
      oneRunMs.push(one);
      noneRunMs.push(none);
    }

    const fromPage = (median(manyRunMs) - median(oneRunMs)) / (manyStatements - 1);
    console.error(`bench: learner's clock, ms per statement: ${fmt(statementMs, 4)}`);
    console.error(`bench: Run→status, ms: one statement ${fmt(oneRunMs)}; no Postgres ${fmt(noneRunMs)}; ${manyStatements} statements ${fmt(manyRunMs)}`);
    console.error(`bench: the page's measure, (Run→status with ${manyStatements} statements − with one) / ${manyStatements - 1}: ${fromPage.toFixed(4)} ms per statement (counts drawing the run too)`);
    const learnerClock = statementMs.length === ROUNDS;
    if (!learnerClock) console.error("bench: learner code had no clock in some runs: run.postgres_statement is the page's measure");
    report({
      bench: "run.postgres_statement",
      ours: learnerClock ? median(statementMs) : fromPage,
      unit: "ms",
      peer: `PGlite ${peer.version} in Node, raw db.query`,
      peerValue: peer.ms,
    });
    report({
      bench: "run.postgres_run",
      ours: median(oneRunMs),
      unit: "ms",
      peer: "the same run without Postgres (welcome lesson)",
      peerValue: median(noneRunMs),
    });
    console.error(`bench: learner clocks used: ${[...clocks].join(", ")}`);
  } finally {
    await browser?.close();
    server.closeAllConnections();
    server.close();
  }
}
