// Finds a Chromium for the end-to-end tests and benchmarks, in this order:
//   1. CHROMIUM_PATH (or PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH) from the environment
//   2. the browser Playwright downloaded (`npx playwright install chromium`), where that works
//   3. the system's Chromium (Debian: `apt-get install -y chromium`)
// and says what to install when there is none.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/** @returns {string | undefined} a path, or undefined to let Playwright use its own browser */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH || process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`);
    return fromEnv;
  }
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // Playwright has no browser of its own here
  }
  const system = SYSTEM.find((p) => existsSync(p));
  if (system) return system;
  throw new Error(
    [
      "No Chromium found for the browser tests. Install one of:",
      "  - Debian/Ubuntu:  sudo apt-get install -y chromium",
      "  - Playwright's own browser:  npx playwright install chromium",
      "or set CHROMIUM_PATH to a Chromium or Chrome executable.",
    ].join("\n"),
  );
}

// Flags for a closed network: without them Chromium keeps trying to reach Google's services.
export const CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"];

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(findChromium() ?? chromium.executablePath());
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
