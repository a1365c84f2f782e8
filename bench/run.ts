// `npm run bench`: runs every bench/*.bench.ts in turn (or only those named on the command
// line: `npm run bench -- app`). Progress goes to stderr; stdout carries only the JSON lines.
//
// Each bench file runs in a process of its own: in one process a file's heap and compiled code
// coloured the next one's figures (redis.get_set read 3.6× after the Postgres benches and 5.6× run
// alone). The site is still built once per `npm run bench`: the run's id tells site.ts whether the
// dist/ it finds was built by this run.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);

if (args[0] === "--one") {
  const mod = (await import(pathToFileURL(join(here, args[1])).href)) as { default: () => Promise<void> };
  await mod.default();
} else {
  const files = readdirSync(here)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => args.length === 0 || args.some((o) => f.includes(o)))
    .sort();
  const env = { ...process.env, BENCH_RUN_ID: process.env.BENCH_RUN_ID ?? `${process.pid}-${Date.now()}` };
  let failed = 0;
  for (const file of files) {
    console.error(`bench: ${file}`);
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--one", file], { env, stdio: "inherit" });
    if (child.status !== 0) {
      failed++;
      console.error(`bench: ${file} failed (exit code ${child.status ?? child.signal})`);
    }
  }
  process.exitCode = failed > 0 ? 1 : 0;
}
