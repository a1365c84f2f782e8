// "A new version is ready": shown when a new deployment's service worker waits for this page
// (app/shell/service-worker.ts). Reloading takes it; Later keeps this version until the tabs close.
import { useState } from "react";
import { useStore } from "zustand";
import { offline } from "./service-worker";

export function UpdatePrompt() {
  const { needRefresh, update } = useStore(offline);
  const [later, setLater] = useState(false);
  if (!needRefresh || later) return null;
  return (
    <div className="banner banner--info update-prompt" role="status">
      <span>A new version of Backend Playground is ready. Your code is saved.</span>
      <button type="button" className="button button--small button--primary" onClick={update}>
        Reload
      </button>
      <button type="button" className="button button--small" onClick={() => setLater(true)}>
        Later
      </button>
    </div>
  );
}
