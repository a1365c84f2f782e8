// How the learner arranged a lesson page, remembered across reloads and lessons: the widths of the
// three columns, and in the right-hand column which panes are folded away and whether the
// visualization has the column to itself.
import { readItem, writeItem } from "../stores/storage";

export type Sizes = [number, number, number];
export type SidePaneId = "viz" | "output" | "checks";
export const SIDE_PANES: readonly SidePaneId[] = ["viz", "output", "checks"];

export interface SideLayout {
  /** Panes folded down to their title bar. */
  collapsed: SidePaneId[];
  /** The visualization takes the whole column; the other panes show only their title bar. */
  enlarged: boolean;
}

const COLUMNS_KEY = "bp:panes";
const SIDE_KEY = "bp:side-panes";
/** No column narrower than this share of the width, so none can be dragged out of reach. */
export const MIN_COLUMN = 15;
// The right-hand column is as wide as the editor: visualizations draw more than prose needs.
export const DEFAULT_COLUMNS: Sizes = [28, 36, 36];
// Heights of the right-hand panes when all are open: the visualization gets most of them (at
// 1440×900 about 400 px), the console the least — it is usually a few lines.
const ROW_WEIGHTS: Record<SidePaneId, number> = { viz: 2, output: 0.7, checks: 1 };

function parse(key: string): unknown {
  try {
    return JSON.parse(readItem(key) ?? "null");
  } catch {
    return null;
  }
}

export function loadColumns(): Sizes {
  const v = parse(COLUMNS_KEY);
  if (Array.isArray(v) && v.length === 3 && v.every((n) => typeof n === "number" && n >= MIN_COLUMN)) return v as Sizes;
  return DEFAULT_COLUMNS;
}

export function saveColumns(sizes: Sizes): void {
  writeItem(COLUMNS_KEY, JSON.stringify(sizes));
}

export function loadSide(): SideLayout {
  const v = parse(SIDE_KEY) as Partial<SideLayout> | null;
  return {
    collapsed: Array.isArray(v?.collapsed) ? SIDE_PANES.filter((p) => v.collapsed!.includes(p)) : [],
    enlarged: v?.enlarged === true,
  };
}

export function saveSide(layout: SideLayout): void {
  writeItem(SIDE_KEY, JSON.stringify(layout));
}

/** Moves separator `index` (0: lesson|editor, 1: editor|side) by `delta` percent of the width. */
export function moveSeparator(sizes: Sizes, index: 0 | 1, delta: number): Sizes {
  const next = [...sizes] as Sizes;
  const pair = sizes[index] + sizes[index + 1];
  next[index] = Math.min(pair - MIN_COLUMN, Math.max(MIN_COLUMN, sizes[index] + delta));
  next[index + 1] = pair - next[index];
  return next;
}

export function isCollapsed(layout: SideLayout, pane: SidePaneId): boolean {
  return layout.enlarged ? pane !== "viz" : layout.collapsed.includes(pane);
}

/** Opening a pane while the visualization is enlarged ends the enlargement; folding it does too. */
export function toggleCollapsed(layout: SideLayout, pane: SidePaneId): SideLayout {
  const fold = !isCollapsed(layout, pane);
  const others = layout.collapsed.filter((p) => p !== pane);
  return { enlarged: false, collapsed: fold ? [...others, pane] : others };
}

export function toggleEnlarged(layout: SideLayout): SideLayout {
  return layout.enlarged ? { ...layout, enlarged: false } : { enlarged: true, collapsed: layout.collapsed.filter((p) => p !== "viz") };
}

/** The right-hand column's grid rows: a folded pane takes its title bar, the others share the rest. */
export function sideRows(layout: SideLayout, panes: readonly SidePaneId[] = SIDE_PANES): string {
  return panes.map((p) => (isCollapsed(layout, p) ? "auto" : `minmax(0, ${ROW_WEIGHTS[p]}fr)`)).join(" ");
}
