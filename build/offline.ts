// True offline (issue 21 item 5): a service worker, made by Workbox through vite-plugin-pwa,
// precaches everything the build emits — the shell, every lesson's chunk, the editor and its
// TypeScript worker, PGlite's .wasm and .data — so after one visit the whole site works without a
// network, a lesson never opened before included. A new deployment's worker waits: the page
// offers "New version — reload" (app/shell/service-worker.ts), and the new one takes over when the
// learner accepts or when every tab of the old one is closed, so no visit stays stale for good.
import { VitePWA } from "vite-plugin-pwa";

/** PGlite's .wasm (9 MB) and the TypeScript worker (7 MB) are the largest files; Workbox's default limit is 2 MB. */
const LARGEST_FILE = 16 * 1024 * 1024;

export function offlinePlugin() {
  return VitePWA({
    registerType: "prompt",
    injectRegister: false, // registered by the app after its first paint (app/shell/service-worker.ts)
    manifest: false, // offline, not installable: no icons or manifest to keep
    workbox: {
      // gz: PGlite extensions too big to inline (pg_trgm); ttf: Monaco's icon font.
      globPatterns: ["**/*.{html,js,css,wasm,data,gz,ttf,svg,png,ico,woff2,json,txt}"],
      maximumFileSizeToCacheInBytes: LARGEST_FILE,
      // Hash routing: every navigation is index.html.
      navigateFallback: "index.html",
      cleanupOutdatedCaches: true,
      clientsClaim: true, // the first visit's page is served offline too once precaching ends
    },
  });
}
