import { describe, expect, it } from "vitest";
import { writeItem } from "../stores/storage";
import { DEFAULT_COLUMNS, isCollapsed, loadColumns, loadSide, MIN_COLUMN, moveSeparator, saveSide, sideRows, toggleCollapsed, toggleEnlarged, type SideLayout } from "./pane-layout";

const OPEN: SideLayout = { collapsed: [], enlarged: false };

describe("pane layout", () => {
  it("keeps every column at least MIN_COLUMN wide and the total unchanged", () => {
    const moved = moveSeparator(DEFAULT_COLUMNS, 1, 80);
    expect(moved[2]).toBe(MIN_COLUMN);
    expect(moved.reduce((a, b) => a + b)).toBeCloseTo(100);
  });

  it("enlarging folds the other panes and leaves the visualization open", () => {
    const big = toggleEnlarged({ collapsed: ["viz", "output"], enlarged: false });
    expect(big.enlarged).toBe(true);
    expect(["viz", "output", "checks"].map((p) => isCollapsed(big, p as "viz"))).toEqual([false, true, true]);
    expect(sideRows(big)).toBe("minmax(0, 2fr) auto auto");
  });

  it("opening a pane while enlarged gives the others their room back, and folds keep", () => {
    const big = toggleEnlarged({ collapsed: ["output"], enlarged: false });
    const back = toggleCollapsed(big, "checks");
    expect(back).toEqual({ enlarged: false, collapsed: ["output"] });
    expect(sideRows(back)).toBe("minmax(0, 2fr) auto minmax(0, 1fr)");
  });

  it("gives the visualization the largest share when all are open", () => {
    const [viz, output, checks] = sideRows(OPEN).match(/[\d.]+fr/g)!.map(parseFloat);
    expect(viz).toBeGreaterThan(output + checks - 0.01);
  });

  it("is remembered, and ignores what it does not recognise", () => {
    saveSide({ collapsed: ["checks"], enlarged: true });
    expect(loadSide()).toEqual({ collapsed: ["checks"], enlarged: true });
    writeItem("bp:side-panes", '{"collapsed":["nope","output"],"enlarged":"yes"}');
    expect(loadSide()).toEqual({ collapsed: ["output"], enlarged: false });
    writeItem("bp:panes", "[5, 90, 5]");
    expect(loadColumns()).toEqual(DEFAULT_COLUMNS);
  });
});
