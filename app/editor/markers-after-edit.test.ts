import { describe, expect, it } from "vitest";
import { markersAfterEdit } from "./markers-after-edit";

const marker = (line: number, endLine = line) => ({ startLineNumber: line, endLineNumber: endLine, message: `line ${line}` });
const change = (start: number, end: number, text: string) => ({ range: { startLineNumber: start, endLineNumber: end }, text });

describe("run markers after an edit", () => {
  it("drops a marker on the line the learner edits", () => {
    expect(markersAfterEdit([marker(4)], [change(4, 4, "x")])).toEqual([]);
  });

  it("drops a marker spanning lines when the edit touches any of them", () => {
    expect(markersAfterEdit([marker(3, 5)], [change(5, 5, "")])).toEqual([]);
  });

  it("keeps a marker above the edit where it is, and gives back the same array", () => {
    const markers = [marker(2)];
    expect(markersAfterEdit(markers, [change(5, 5, "x")])).toBe(markers);
  });

  it("keeps a marker below an edit that adds no line, and gives back the same array", () => {
    const markers = [marker(9)];
    expect(markersAfterEdit(markers, [change(5, 5, "typed")])).toBe(markers);
  });

  it("moves a marker down when lines are added above it", () => {
    expect(markersAfterEdit([marker(4)], [change(2, 2, "\n\n")])).toEqual([{ ...marker(4), startLineNumber: 6, endLineNumber: 6 }]);
  });

  it("moves a marker up when lines above it are joined", () => {
    expect(markersAfterEdit([marker(7)], [change(2, 4, "")])).toEqual([{ ...marker(7), startLineNumber: 5, endLineNumber: 5 }]);
  });

  it("a new line typed at the end of the line above moves the marker, not drops it", () => {
    expect(markersAfterEdit([marker(4)], [change(3, 3, "\n  ")])).toEqual([{ ...marker(4), startLineNumber: 5, endLineNumber: 5 }]);
  });

  it("applies several changes from the end of the document to the start", () => {
    // Line 8 gets a line added above it by each change; line 6's own line is edited.
    const after = markersAfterEdit([marker(1), marker(6), marker(8)], [change(7, 7, "\n"), change(6, 6, "y"), change(2, 2, "\r\n")]);
    expect(after.map((m) => [m.message, m.startLineNumber])).toEqual([
      ["line 1", 1],
      ["line 8", 10],
    ]);
  });

  it("replacing the whole text drops every marker", () => {
    expect(markersAfterEdit([marker(1), marker(12)], [change(1, 40, "new code\n")])).toEqual([]);
  });
});
