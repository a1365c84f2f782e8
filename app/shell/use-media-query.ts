// Whether a CSS media query matches, kept up to date as the window or the system changes (false
// where there is no window). One MediaQueryList per query, made on first use.
import { useCallback, useSyncExternalStore } from "react";

const lists = new Map<string, MediaQueryList | null>();

function listOf(query: string): MediaQueryList | null {
  let list = lists.get(query);
  if (list === undefined) lists.set(query, (list = typeof window === "undefined" || !window.matchMedia ? null : window.matchMedia(query)));
  return list;
}

export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (changed: () => void) => {
      const list = listOf(query);
      list?.addEventListener("change", changed);
      return () => list?.removeEventListener("change", changed);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => !!listOf(query)?.matches, () => false);
}
