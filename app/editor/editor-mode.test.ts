import { describe, expect, it } from "vitest";
import { editorKind } from "./editor-mode";

describe("which editor the lesson page uses", () => {
  it("is the full editor on a wide window with a fine pointer", () => {
    expect(editorKind(null, false, false)).toBe("full");
  });
  it("is the light editor below 600 px, or on a touch-only device", () => {
    expect(editorKind(null, true, false)).toBe("light");
    expect(editorKind(null, false, true)).toBe("light");
  });
  it("is the learner's choice once they make one, whatever the device", () => {
    expect(editorKind("full", true, true)).toBe("full");
    expect(editorKind("light", false, false)).toBe("light");
  });
});
