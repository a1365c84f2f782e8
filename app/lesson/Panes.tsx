// Three resizable columns: lesson | editor | visualization, output and checks. The separators
// move with a pointer or the arrow keys; below 900 px wide the CSS stacks the panes instead.
import { useCallback, useRef, useState, type ReactNode } from "react";
import { readItem, writeItem } from "../stores/storage";

const KEY = "bp:panes";
const MIN = 15;

type Sizes = [number, number, number];

function loadSizes(): Sizes {
  try {
    const v = JSON.parse(readItem(KEY) ?? "null");
    if (Array.isArray(v) && v.length === 3 && v.every((n) => typeof n === "number" && n >= MIN)) return v as Sizes;
  } catch {
    // fall through to the default
  }
  return [30, 38, 32];
}

export function Panes({ lesson, editor, side }: { lesson: ReactNode; editor: ReactNode; side: ReactNode }) {
  const [sizes, setSizes] = useState<Sizes>(loadSizes);
  const container = useRef<HTMLDivElement>(null);

  const move = useCallback((index: 0 | 1, deltaPercent: number) => {
    setSizes((prev) => {
      const next = [...prev] as Sizes;
      const pair = prev[index] + prev[index + 1];
      next[index] = Math.min(pair - MIN, Math.max(MIN, prev[index] + deltaPercent));
      next[index + 1] = pair - next[index];
      writeItem(KEY, JSON.stringify(next));
      return next;
    });
  }, []);

  const separator = (index: 0 | 1, label: string) => (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={MIN}
      aria-valuemax={100 - MIN}
      aria-valuenow={Math.round(sizes.slice(0, index + 1).reduce((a, b) => a + b, 0))}
      tabIndex={0}
      className="panes__separator"
      onKeyDown={(e) => {
        if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
          e.preventDefault();
          move(index, e.key === "ArrowLeft" ? -2 : 2);
        }
      }}
      onPointerDown={(e) => {
        const el = e.currentTarget;
        el.setPointerCapture(e.pointerId);
        let lastX = e.clientX;
        const width = container.current?.getBoundingClientRect().width ?? window.innerWidth;
        const onMove = (ev: PointerEvent) => {
          move(index, ((ev.clientX - lastX) / width) * 100);
          lastX = ev.clientX;
        };
        const onUp = () => {
          el.removeEventListener("pointermove", onMove);
          el.removeEventListener("pointerup", onUp);
        };
        el.addEventListener("pointermove", onMove);
        el.addEventListener("pointerup", onUp);
      }}
    />
  );

  return (
    <div
      ref={container}
      className="panes"
      style={{ gridTemplateColumns: `minmax(0, ${sizes[0]}fr) auto minmax(0, ${sizes[1]}fr) auto minmax(0, ${sizes[2]}fr)` }}
    >
      {lesson}
      {separator(0, "Resize lesson and editor")}
      {editor}
      {separator(1, "Resize editor and results")}
      <div className="panes__side">{side}</div>
    </div>
  );
}
