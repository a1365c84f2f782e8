// Whether the system asks for reduced motion, kept up to date (false where there is no window).
import { useSyncExternalStore } from "react";

const QUERY = "(prefers-reduced-motion: reduce)";
const media = () => (typeof window === "undefined" ? undefined : window.matchMedia?.(QUERY));

function subscribe(onChange: () => void): () => void {
  const m = media();
  m?.addEventListener("change", onChange);
  return () => m?.removeEventListener("change", onChange);
}

export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () => !!media()?.matches, () => false);
}
