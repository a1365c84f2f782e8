// The page's side of the offline service worker (build/offline.ts): registered once the page has
// painted, and a store the UpdatePrompt renders from. Nothing here runs in development.
import { createStore } from "zustand/vanilla";
import { parseRoute } from "../router/hash-route";
import { findLesson } from "../lessons/catalogue";
import { loadHostedEngines } from "../../workers/sandbox/hosted-engines";

export interface OfflineState {
  /** A new deployment's worker is installed and waiting for this page to accept it. */
  needRefresh: boolean;
  /** Everything is cached: the site works without a network from now on. */
  offlineReady: boolean;
  /** The new version already took this page over (accepted in another tab): only a reload helps. */
  replaced: boolean;
  /** Activates the waiting worker and reloads the page. */
  update: () => void;
}

export const offline = createStore<OfflineState>(() => ({ needRefresh: false, offlineReady: false, replaced: false, update: () => {} }));

/**
 * Resolves once the opened lesson's hosted engines would no longer hold a Run back (its Postgres
 * downloaded, seeded and kept). Precaching is 29 MB: on a first visit it went alongside PGlite's
 * own download and seeding, and the empty boot measured 10.5–11.7 s against 8.2–8.6 s without.
 */
async function enginesSettled(): Promise<void> {
  const route = parseRoute(location.hash);
  const lesson = route.name === "lesson" ? findLesson(route.id) : undefined;
  if (!lesson || lesson.engines.length === 0) return;
  const hosts = await loadHostedEngines(lesson.engines);
  await Promise.all(
    hosts.map(
      (host) =>
        new Promise<void>((resolve) => {
          if (host.runWaitsFor() === null) return resolve();
          const stop = host.state.subscribe(() => {
            if (host.runWaitsFor() !== null) return;
            stop();
            resolve();
          });
        }),
    ),
  );
}

/**
 * Activates the waiting worker and reloads once it controls the page. registerSW reloads by
 * itself only when the page was controlled at registration (workbox-window's isUpdate): on a
 * first visit kept open through a deployment, Reload did nothing (e2e/update-prompt.spec.ts).
 */
function takeUpdate(skipWaiting: () => Promise<void>): void {
  navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
  void skipWaiting();
}

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  // An embed is another site's page: its storage is that site's partition, and 29 MB for each
  // course page that frames a lesson is not ours to spend.
  const route = parseRoute(location.hash);
  if ((route.name === "lesson" && route.embed) || window.parent !== window) return;
  // The learner asked their browser to save data: no background download of the whole site.
  if ((navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData) return;
  // Another tab accepted a new version: its worker took this page over and dropped the old
  // version's files, which this page's next lazy load (a lesson, the editor) would ask for.
  if (navigator.serviceWorker.controller) {
    navigator.serviceWorker.addEventListener("controllerchange", () => offline.setState({ needRefresh: true, replaced: true, update: () => location.reload() }));
  }
  void enginesSettled()
    .then(() => import("virtual:pwa-register"))
    .then(({ registerSW }) => {
      const updateSW = registerSW({
        onNeedRefresh: () => offline.setState({ needRefresh: true, update: () => takeUpdate(() => updateSW(true)) }),
        onOfflineReady: () => offline.setState({ offlineReady: true }),
        // Refused (a private window, a test that blocks workers): the site works online as before.
        onRegisterError: () => {},
      });
    })
    .catch(() => {});
}
