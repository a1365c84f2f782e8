// Sticky bars cover what scrolls under them: the playhead sticks to the foot of whatever scrolls
// the visualization (the pane, or stacked, the page), and stacked, the lesson's toolbar sticks to
// the top of the page. A control scrolled into view at an edge would land under one. Each bar's
// height (it wraps to more lines on a narrow screen) is published as a CSS property, which the
// scrollers' scroll-padding reads (app/styles.css): focus and scrollIntoView then stop clear of
// the bars (WCAG 2.4.11).
import { useCallback, useRef } from "react";

export type ScrollRoom = "--playhead-room" | "--toolbar-room";

/** A callback ref for a bar: observes its height while it is mounted, clears it after. */
export function useScrollRoom(property: ScrollRoom): (element: HTMLElement | null) => void {
  const observer = useRef<ResizeObserver | null>(null);
  return useCallback(
    (element: HTMLElement | null) => {
      const root = document.documentElement.style;
      observer.current?.disconnect();
      observer.current = null;
      if (!element) return root.removeProperty(property);
      const publish = () => root.setProperty(property, `${Math.ceil(element.getBoundingClientRect().height)}px`);
      publish();
      if (typeof ResizeObserver === "undefined") return;
      observer.current = new ResizeObserver(publish);
      observer.current.observe(element);
    },
    [property],
  );
}
