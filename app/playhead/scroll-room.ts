// The playhead sticks to the foot of whatever scrolls the visualization (the pane, or stacked, the
// page), so a control scrolled into view at the foot would land under it. Its height (one line
// or two, by the pane's width) is published as --playhead-room, which the scrollers' scroll-padding
// reads (app/styles.css): focus and scrollIntoView then stop clear of the bar (WCAG 2.4.11).
import { useCallback, useRef } from "react";

const PROPERTY = "--playhead-room";

/** A callback ref for the bar: observes its height while it is mounted, clears it after. */
export function useScrollRoom(): (element: HTMLElement | null) => void {
  const observer = useRef<ResizeObserver | null>(null);
  return useCallback((element: HTMLElement | null) => {
    const root = document.documentElement.style;
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return root.removeProperty(PROPERTY);
    const publish = () => root.setProperty(PROPERTY, `${Math.ceil(element.getBoundingClientRect().height)}px`);
    publish();
    if (typeof ResizeObserver === "undefined") return;
    observer.current = new ResizeObserver(publish);
    observer.current.observe(element);
  }, []);
}
