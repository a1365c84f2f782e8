// Three resizable columns: lesson | editor | visualization, output and checks. The separators
// move with a pointer or the arrow keys; the right-hand panes fold and the visualization can take
// its whole column (pane-layout.ts remembers all of it). Below 900 px wide the CSS stacks the panes.
import { useCallback, useRef, useState, type ReactNode } from "react";
import { loadColumns, loadSide, MIN_COLUMN, moveSeparator, saveColumns, saveSide, sideRows, toggleCollapsed, toggleEnlarged, type SideLayout, type SidePaneId, type Sizes } from "./pane-layout";
import { SidePane } from "./SidePane";

export interface SidePaneContent {
  id: SidePaneId;
  title: string;
  body: ReactNode;
}

/** `lesson` null: the prose is hidden (an embed's ?hide=lesson), and the editor and results share the width. */
export function Panes({ lesson, editor, side }: { lesson: ReactNode | null; editor: ReactNode; side: SidePaneContent[] }) {
  const [sizes, setSizes] = useState<Sizes>(loadColumns);
  const [layout, setLayout] = useState<SideLayout>(loadSide);
  const container = useRef<HTMLDivElement>(null);

  const move = useCallback((index: 0 | 1, deltaPercent: number) => {
    setSizes((prev) => {
      const next = moveSeparator(prev, index, deltaPercent);
      saveColumns(next);
      return next;
    });
  }, []);

  const changeLayout = (change: (l: SideLayout) => SideLayout) => {
    const next = change(layout);
    saveSide(next);
    setLayout(next);
  };

  // The share of the width the visible columns hold: all of it, or without the hidden prose.
  const visible = lesson === null ? sizes[1] + sizes[2] : 100;
  // Where a separator stands, as a percentage of the visible width (what a screen reader hears).
  const position = (index: 0 | 1) => (lesson === null ? (sizes[1] / visible) * 100 : sizes.slice(0, index + 1).reduce((a, b) => a + b, 0));

  const separator = (index: 0 | 1, label: string) => (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={MIN_COLUMN}
      aria-valuemax={100 - MIN_COLUMN}
      aria-valuenow={Math.round(position(index))}
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
          // The pointer moves over the visible columns only: the edge follows it.
          move(index, ((ev.clientX - lastX) / width) * visible);
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
      style={{ gridTemplateColumns: `${lesson === null ? "" : `minmax(0, ${sizes[0]}fr) auto `}minmax(0, ${sizes[1]}fr) auto minmax(0, ${sizes[2]}fr)` }}
    >
      {lesson}
      {lesson !== null && separator(0, "Resize lesson and editor")}
      {editor}
      {separator(1, "Resize editor and results")}
      <div className="panes__side" style={{ gridTemplateRows: sideRows(layout, side.map((pane) => pane.id)) }}>
        {side.map((pane) => (
          <SidePane
            key={pane.id}
            {...pane}
            layout={layout}
            onToggle={() => changeLayout((l) => toggleCollapsed(l, pane.id))}
            onEnlarge={pane.id === "viz" ? () => changeLayout(toggleEnlarged) : undefined}
          />
        ))}
      </div>
    </div>
  );
}
