// Whether the system asks for reduced motion, kept up to date (false where there is no window).
import { useSyncExternalStore } from "react";

let query: MediaQueryList | null | undefined;
function media(): MediaQueryList | null {
  if (query === undefined) query = typeof window === "undefined" || !window.matchMedia ? null : window.matchMedia("(prefers-reduced-motion: reduce)");
  return query;
}

function subscribe(onChange: () => void): () => void {
  const m = media();
  m?.addEventListener("change", onChange);
  return () => m?.removeEventListener("change", onChange);
}

export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () => !!media()?.matches, () => false);
}
