import { describe, expect, it } from "vitest";
import { Text } from "@codemirror/state";
import { runDiagnostics } from "./run-diagnostics";

const doc = Text.of(["const a = 1;", "throw new Error('no');", ""]);

describe("a run's markers in the light editor", () => {
  it("underline from the marker's column to the end of its line when no end is given", () => {
    const [d] = runDiagnostics(doc, [{ line: 2, column: 7, message: "Error: no" }]);
    expect(doc.sliceString(d.from, d.to)).toBe("new Error('no');");
    expect(d).toMatchObject({ severity: "error", message: "Error: no" });
  });
  it("underline up to the end column, kept inside the line", () => {
    expect(runDiagnostics(doc, [{ line: 1, column: 7, endColumn: 8, message: "m" }]).map((d) => doc.sliceString(d.from, d.to))).toEqual(["a"]);
    expect(runDiagnostics(doc, [{ line: 1, column: 40, endColumn: 50, message: "m" }]).map((d) => [d.from, d.to])).toEqual([[12, 12]]);
  });
  it("leave out a marker on a line the code no longer has", () => {
    expect(runDiagnostics(doc, [{ line: 4, column: 1, message: "gone" }])).toEqual([]);
  });
});
