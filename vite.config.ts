import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import mdx from "@mdx-js/rollup";
import { REMARK_PLUGINS } from "./build/mdx-options.ts";
import { lessonsPlugin } from "./build/vite-plugin-lessons.ts";
import { playgroundTypesPlugin } from "./build/vite-plugin-playground-types.ts";
import { cspPlugin } from "./build/csp.ts";
import { offlinePlugin } from "./build/offline.ts";

// BASE_PATH: GitHub Pages serves a project site under /<repo>/.
const base = process.env.BASE_PATH ?? "/";
// LESSONS_DIR: the tests point this at broken fixture lessons to prove the build rejects them.
const lessonsDir = process.env.LESSONS_DIR ?? "lessons";

export default defineConfig({
  base: base.endsWith("/") ? base : `${base}/`,
  plugins: [
    { enforce: "pre", ...mdx({ remarkPlugins: REMARK_PLUGINS, providerImportSource: undefined }) },
    react({ include: /\.(mdx|tsx?)$/ }),
    lessonsPlugin({ dir: lessonsDir }),
    playgroundTypesPlugin({ root: import.meta.dirname }),
    cspPlugin(),
    offlinePlugin(),
  ],
  worker: { format: "es" },
  // PGlite loads its own .wasm and data files; pre-bundling would break their URLs.
  optimizeDeps: { exclude: ["@electric-sql/pglite"] },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 8000,
  },
});
