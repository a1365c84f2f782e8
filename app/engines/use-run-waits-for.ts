// What a Run started now would wait for, across the lesson's hosted engines (each says its own:
// HostedEngine.runWaitsFor), kept current as their states change; null when it would not wait.
import { useCallback, useSyncExternalStore } from "react";
import type { HostedEngine } from "../../workers/sandbox/hosted-engines";

export function useRunWaitsFor(engines: readonly HostedEngine[]): string | null {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const stops = engines.map((host) => host.state.subscribe(onChange));
      return () => stops.forEach((stop) => stop());
    },
    [engines],
  );
  const read = () => engines.flatMap((host) => host.runWaitsFor() ?? []).join(" and ") || null;
  return useSyncExternalStore(subscribe, read);
}
