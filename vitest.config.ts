import { defineConfig } from "vitest/config";

// Unit tests run in Node: engines are plain TypeScript with no DOM (DESIGN §3).
export default defineConfig({
  test: {
    include: ["{app,workers,build,lessons,scripts}/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    // Postgres tests seed a real PGlite in beforeAll: seconds on a quiet machine, more on a busy one.
    hookTimeout: 120_000,
  },
});
