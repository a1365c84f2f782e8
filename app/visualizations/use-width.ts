// The rendered width of an element, kept up to date, so a chart can draw at true pixel size:
// text stays the size the CSS says at any pane width, instead of scaling with a viewBox.
// A callback ref, so an element that appears later (after a placeholder) is measured too.
import { useLayoutEffect, useState } from "react";

export function useWidth<E extends Element>(fallback: number): [(el: E | null) => void, number] {
  const [element, setElement] = useState<E | null>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    if (!element) return;
    const measure = () => setWidth(Math.round(element.getBoundingClientRect().width) || fallback);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, fallback]);
  return [setElement, width];
}
