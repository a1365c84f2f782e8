// The Postgres engine against a real Postgres server, running the same SQL:
//   postgres.seed_1m      seconds to generate and index the million feed_items (the engine's seed
//                         steps, one after another; PGlite's own start is not counted), in Node;
//   postgres.seed_1m.chromium  the same in Chromium: the built site's pagination lesson, as a
//                         learner opens it, timed by the page ("postgres seed feed_items" on its
//                         performance timeline); median of a few cold page loads;
//   pagination.deep_page  OFFSET time / cursor time for the page at depth 999,950, the gap the
//                         pagination lesson shows (target ≥ 50): medians of whole-query wall times.
// The peer is a throwaway cluster of the system's Postgres (`apt-get install -y postgresql`),
// started here with PGlite's memory settings and fsync off (PGlite's files live in memory), and
// driven by psql; whole queries are timed by psql's \timing there, by the engine's clock here.
// Without a Postgres server on the machine the peer is "none" and peerValue repeats ours.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { chromium } from "@playwright/test";
import { feedItemsSteps } from "../workers/postgres/datasets.ts";
import { PostgresEngine } from "../workers/postgres/engine.ts";
import { pgliteOptions } from "../workers/postgres/pglite-options.ts";
import { median, report } from "./harness.ts";
import { buildSite, SITE } from "./site.ts";
import { CHROMIUM_ARGS, findChromium } from "../scripts/find-chromium.mjs";
import { serveDist } from "../scripts/serve-dist.mjs";

const ROWS = 1_000_000;
const DEPTH = ROWS - 50;
const OFFSET_QUERY = `SELECT * FROM feed_items ORDER BY id OFFSET ${DEPTH} LIMIT 50`;
const CURSOR_QUERY = `SELECT * FROM feed_items WHERE id > ${DEPTH} ORDER BY id LIMIT 50`;
const WARMUPS = 2;
const RUNS = 9;
const PAGE_LOADS = 3;
const SETTINGS = ["max_wal_size=32MB", "min_wal_size=32MB", "shared_buffers=64MB"];

interface Figures {
  seedSeconds: number;
  offsetMs: number;
  cursorMs: number;
}

async function ours(): Promise<Figures> {
  const db = new PGlite(pgliteOptions());
  await db.waitReady;
  const engine = new PostgresEngine(db, { now: () => performance.now() });
  const started = performance.now();
  await engine.seed("feed_items", { rows: ROWS });
  const seedSeconds = (performance.now() - started) / 1000;
  // Plans off: auto_explain's row counting would add to the times being compared.
  await engine.beginRun({ plans: false, statementTimeoutMs: 0 });
  const time = async (sql: string) => {
    const t = performance.now();
    await engine.query(sql);
    return performance.now() - t;
  };
  const { offsetMs, cursorMs } = await alternate(time);
  await engine.endRun();
  await db.close();
  return { seedSeconds, offsetMs, cursorMs };
}

/** Seconds the page took to seed feed_items, per cold load of the pagination lesson in Chromium. */
async function inChromium(): Promise<number> {
  buildSite();
  const server = await serveDist({ dir: SITE.dir, base: SITE.base, port: 0 });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SITE.base}#/lessons/pagination`;
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    const seconds: number[] = [];
    for (let n = 0; n < PAGE_LOADS; n++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      const measure = await page.waitForFunction(() => performance.getEntriesByName("postgres seed feed_items")[0]?.duration, null, { timeout: 180_000 });
      seconds.push(((await measure.jsonValue()) as number) / 1000);
      await context.close();
    }
    console.error(`bench: Chromium seeded feed_items in ${seconds.map((s) => s.toFixed(2)).join(", ")} s`);
    return median(seconds);
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
}

/** Times both queries in alternating rounds after warm-ups; medians. */
async function alternate(time: (sql: string) => Promise<number>): Promise<{ offsetMs: number; cursorMs: number }> {
  const offsets: number[] = [];
  const cursors: number[] = [];
  for (let i = 0; i < WARMUPS + RUNS; i++) {
    const o = await time(OFFSET_QUERY);
    const c = await time(CURSOR_QUERY);
    if (i >= WARMUPS) {
      offsets.push(o);
      cursors.push(c);
    }
  }
  return { offsetMs: median(offsets), cursorMs: median(cursors) };
}

/** The newest installed server's bin directory (Debian: /usr/lib/postgresql/<major>/bin). */
function serverBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const majors = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  const bin = majors.map((m) => join(root, m, "bin")).find((b) => existsSync(join(b, "postgres")) && existsSync(join(b, "initdb")));
  return bin ?? null;
}

/** Postgres refuses to run as root: as root, run its programs as the postgres user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

class Server {
  private constructor(
    private readonly bin: string,
    readonly dir: string,
    private readonly process: ChildProcess,
    readonly version: string,
  ) {}

  static async start(bin: string): Promise<Server> {
    const dir = mkdtempSync(join(tmpdir(), "bench-postgres-"));
    chmodSync(dir, 0o777);
    if (process.getuid?.() === 0) spawnSync("chown", ["postgres", dir]);
    const data = join(dir, "data");
    const init = spawnSync(...asServerUser(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]), { encoding: "utf8" });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
    const settings = [...SETTINGS, "fsync=off", "listen_addresses=", `unix_socket_directories=${dir}`].flatMap((s) => ["-c", s]);
    const child = spawn(...asServerUser(join(bin, "postgres"), ["-D", data, "-p", "5499", ...settings]), { stdio: "ignore" });
    const server = new Server(bin, dir, child, "");
    for (let i = 0; i < 100; i++) {
      const ready = server.psql("SELECT current_setting('server_version')");
      if (ready.status === 0) return new Server(bin, dir, child, `postgres ${ready.stdout.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await server.stop();
    throw new Error("the Postgres server did not start");
  }

  psql(sql: string): { status: number | null; stdout: string; stderr: string } {
    const psql = existsSync(join(this.bin, "psql")) ? join(this.bin, "psql") : "psql";
    const args = ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", this.dir, "-p", "5499", "-U", "postgres", "-d", "postgres"];
    return spawnSync(psql, args, { input: sql, encoding: "utf8", maxBuffer: 64 << 20 });
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) resolve(null);
      else this.process.once("exit", resolve);
    });
    // SIGTERM: runuser passes it on (not SIGINT) and Postgres shuts down; SIGKILL if it lingers.
    this.process.kill("SIGTERM");
    const killer = setTimeout(() => this.process.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(killer);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function peer(bin: string): Promise<Figures & { name: string }> {
  const server = await Server.start(bin);
  try {
    const script = feedItemsSteps(ROWS).map((step) => `${step.sql};`).join("\n");
    const started = performance.now();
    const seeded = server.psql(script);
    const seedSeconds = (performance.now() - started) / 1000;
    if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
    // One psql session for all runs: \timing measures each whole query as psql's client sees it.
    const rounds: string[] = [];
    for (let i = 0; i < WARMUPS + RUNS; i++) rounds.push(`${OFFSET_QUERY};`, `${CURSOR_QUERY};`);
    const timed = server.psql(`\\timing on\n\\o /dev/null\n${rounds.join("\n")}\n`);
    if (timed.status !== 0) throw new Error(`timing failed: ${timed.stderr}`);
    const times = [...timed.stdout.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]));
    if (times.length !== rounds.length) throw new Error(`expected ${rounds.length} timings from psql, got ${times.length}`);
    let next = 0;
    const { offsetMs, cursorMs } = await alternate(async () => times[next++]);
    return { name: `${server.version} server`, seedSeconds, offsetMs, cursorMs };
  } finally {
    await server.stop();
  }
}

export default async function bench(): Promise<void> {
  console.error("bench: seeding a million rows in PGlite");
  const mine = await ours();
  console.error(`bench: ours ${JSON.stringify(mine)}`);
  console.error("bench: seeding a million rows in Chromium");
  const chromiumSeconds = await inChromium();
  const bin = serverBin();
  let other: (Figures & { name: string }) | null = null;
  if (bin) {
    console.error(`bench: the same SQL on the Postgres server in ${bin}`);
    other = await peer(bin);
    console.error(`bench: peer ${JSON.stringify(other)}`);
  } else {
    console.error("bench: no Postgres server installed (apt-get install -y postgresql): peer is none");
  }
  report({
    bench: "postgres.seed_1m",
    ours: mine.seedSeconds,
    unit: "s",
    peer: other?.name ?? "none",
    peerValue: other?.seedSeconds ?? mine.seedSeconds,
  });
  report({
    bench: "postgres.seed_1m.chromium",
    ours: chromiumSeconds,
    unit: "s",
    peer: other?.name ?? "none",
    peerValue: other?.seedSeconds ?? chromiumSeconds,
  });
  const ratio = (f: Figures) => f.offsetMs / f.cursorMs;
  report({
    bench: "pagination.deep_page",
    ours: ratio(mine),
    unit: "OFFSET/cursor",
    peer: other?.name ?? "none",
    peerValue: other ? ratio(other) : ratio(mine),
  });
}
