import { describe, expect, it } from "vitest";
import { wrapLabel } from "./steps";

describe("wrapLabel", () => {
  it("keeps a short label on one line", () => {
    expect(wrapLabel("Compile TypeScript", 30)).toEqual(["Compile TypeScript"]);
  });

  it("breaks at spaces and loses no word", () => {
    const label = "reasonPhrase answers Unknown for any other code";
    const lines = wrapLabel(label, 20);
    expect(lines.every((l) => l.length <= 20)).toBe(true);
    expect(lines.join(" ")).toBe(label);
  });

  it("splits a word longer than a line", () => {
    expect(wrapLabel("a".repeat(25), 10)).toEqual(["a".repeat(10), "a".repeat(10), "a".repeat(5)]);
  });
});
