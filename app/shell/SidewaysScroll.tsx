// A box that scrolls sideways must be reachable by keyboard and say what it is: while its content
// is wider than it is, it is a focusable, labelled region (axe: scrollable-region-focusable).
import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from "react";

export function useOverflowsSideways(ref: RefObject<HTMLElement | null>): boolean {
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return overflows;
}

/** What makes an overflowing box a region a keyboard can reach; nothing while it fits. */
export function scrollRegionProps(overflows: boolean, label: string) {
  return overflows ? { tabIndex: 0, role: "region", "aria-label": `${label} (scrolls sideways)` } : {};
}

export function SidewaysScroll({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const overflows = useOverflowsSideways(ref);
  return (
    <div ref={ref} className={className ? `sideways-scroll ${className}` : "sideways-scroll"} {...scrollRegionProps(overflows, label)}>
      {children}
    </div>
  );
}
