// The site as `npm run build` makes it, built once per `npm run bench` (several benches load it
// in Chromium, each in a process of its own: run.ts) and always from the current code. A stamp in
// dist/ names the run that built it. DIST_DIR builds it elsewhere (a worktree's own folder).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..");
/** DIST_DIR (as for the e2e tests) builds and serves the site elsewhere than dist/. */
export const SITE = { dir: join(REPO, process.env.DIST_DIR ?? "dist"), base: "/backend-playground/" };

let built = false;

export function buildSite(): void {
  const stamp = join(SITE.dir, ".bench-run");
  const run = process.env.BENCH_RUN_ID;
  if (built || (run && existsSync(stamp) && readFileSync(stamp, "utf8") === run)) return;
  console.error("bench: building the site");
  // A child process, so the site is built exactly as `npm run build` builds it, config and all.
  const site = spawnSync("npx", ["vite", "build", "--logLevel", "warn", "--outDir", SITE.dir], {
    cwd: REPO,
    env: { ...process.env, BASE_PATH: SITE.base },
    stdio: ["ignore", 2, 2],
  });
  if (site.status !== 0) throw new Error(`vite build failed (exit code ${site.status})`);
  if (run) writeFileSync(stamp, run);
  built = true;
}
