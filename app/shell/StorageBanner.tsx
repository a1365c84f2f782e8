import { useStore } from "zustand";
import { dismissStorageProblem, storageHealth, storageProblem } from "../stores/storage";

export function StorageBanner() {
  const problem = useStore(storageHealth, storageProblem);
  if (!problem) return null;
  return (
    <div className="banner banner--warn" role="alert">
      <span>{problem}</span>
      <button type="button" className="button button--quiet button--small" aria-label="Dismiss storage warning" onClick={dismissStorageProblem}>
        ×
      </button>
    </div>
  );
}
