import { useStore } from "zustand";
import { storageHealth } from "../stores/storage";

export function StorageBanner() {
  const problem = useStore(storageHealth, (s) => s.problem);
  if (!problem) return null;
  return (
    <div className="banner banner--warn" role="alert">
      {problem}
    </div>
  );
}
