import { useStore } from "zustand";
import { dismissStorageProblem, storageHealth, storageProblem } from "../stores/storage";

export function StorageBanner({ embed = false }: { embed?: boolean }) {
  const problem = useStore(storageHealth, (health) => storageProblem(health, embed));
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
