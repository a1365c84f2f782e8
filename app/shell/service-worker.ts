// The page's side of the offline service worker (build/offline.ts): registered once the page has
// painted, and a store the UpdatePrompt renders from. Nothing here runs in development.
import { createStore } from "zustand/vanilla";

export interface OfflineState {
  /** A new deployment's worker is installed and waiting for this page to accept it. */
  needRefresh: boolean;
  /** Everything is cached: the site works without a network from now on. */
  offlineReady: boolean;
  /** Activates the waiting worker and reloads the page. */
  update: () => void;
}

export const offline = createStore<OfflineState>(() => ({ needRefresh: false, offlineReady: false, update: () => {} }));

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  void import("virtual:pwa-register")
    .then(({ registerSW }) => {
      const updateSW = registerSW({
        onNeedRefresh: () => offline.setState({ needRefresh: true, update: () => void updateSW(true) }),
        onOfflineReady: () => offline.setState({ offlineReady: true }),
        // Refused (a private window, a test that blocks workers): the site works online as before.
        onRegisterError: () => {},
      });
    })
    .catch(() => {});
}
