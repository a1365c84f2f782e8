// "A new version is ready": shown when a new deployment's service worker waits for this page
// (app/shell/service-worker.ts), or has already taken it over from another tab. Reloading takes
// it; Later keeps this version until the tabs close (not offered once this page was taken over).
import { useState } from "react";
import { useStore } from "zustand";
import { offline } from "./service-worker";
import { isMemoryOnly } from "../stores/storage";

export function UpdatePrompt() {
  const { needRefresh, replaced, update } = useStore(offline);
  const [later, setLater] = useState(false);
  if (!needRefresh || (later && !replaced)) return null;
  // With storage refused, the code lives only in this page: a reload would lose it.
  const kept = isMemoryOnly()
    ? "This browser is not saving your work: copy your code (or Export your progress on the home page) before you reload."
    : "Your code is saved.";
  const what = replaced ? "A new version of Backend Playground was opened in another tab: reload this page to go on." : "A new version of Backend Playground is ready.";
  return (
    <div className="banner banner--info update-prompt" role="status">
      <span>
        {what} {kept}
      </span>
      <button type="button" className="button button--small button--primary" onClick={update}>
        Reload
      </button>
      {!replaced && (
        <button type="button" className="button button--small" onClick={() => setLater(true)}>
          Later
        </button>
      )}
    </div>
  );
}
