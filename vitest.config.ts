import { defineConfig } from "vitest/config";

// Unit tests run in Node: engines are plain TypeScript with no DOM (DESIGN §3).
export default defineConfig({
  test: {
    include: ["{app,workers,build,lessons,scripts}/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
  },
});
