import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./scripts/find-chromium.mjs";

const PORT = Number(process.env.E2E_PORT ?? 4173);
const executablePath = findChromium();

// The e2e tests run against the production build served under /backend-playground/, as on
// GitHub Pages. `npm test` builds it first (with BASE_PATH=/backend-playground/).
export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/backend-playground/`,
    browserName: "chromium",
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    // The offline service worker (build/offline.ts) would answer from its cache and hide the
    // network from the tests; e2e/offline.spec.ts allows it where it is the subject.
    serviceWorkers: "block",
  },
  webServer: {
    command: `node scripts/serve-dist.mjs`,
    // DIST_DIR (default dist) lets a build made elsewhere be tested.
    env: { ...process.env, PORT: String(PORT), BASE_PATH: "/backend-playground/" } as Record<string, string>,
    url: `http://127.0.0.1:${PORT}/backend-playground/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
