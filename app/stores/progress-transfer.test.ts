// Export and import against storage. storage.ts keeps what it wrote in memory too (for browsers
// that refuse storage), so each test uses lesson ids of its own.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applyImport, currentProgress, exportProgress } from "./progress-transfer";
import { isCompleted, lastOpened, markCompleted, noteOpened, saveCode, savedCode } from "./progress";
import { loadCodeRecord } from "./code-backups";
import { planImport, readFile, toFile } from "./progress-file";

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
    clear: () => items.clear(),
  };
}

describe("export and import against storage", () => {
  beforeAll(() => vi.stubGlobal("window", { localStorage: memoryStorage() }));
  afterAll(() => vi.unstubAllGlobals());

  it("the export holds each lesson's saved code and completion, and the lesson opened last", () => {
    saveCode("a", "code of a");
    markCompleted("b");
    noteOpened("a");
    const file = exportProgress(["a", "b", "c"], new Date("2026-12-06T10:00:00Z"));
    expect(file.name).toBe("backend-playground-progress-2026-12-06.json");
    const read = readFile(file.text);
    expect(read).toMatchObject({
      ok: true,
      snapshot: { lessons: { a: { code: "code of a", completed: false }, b: { code: null, completed: true } }, lastLesson: "a" },
    });
    expect(Object.keys((read as { snapshot: { lessons: object } }).snapshot.lessons)).toEqual(["a", "b"]);
  });

  it("an import replaces differing code (the replaced code kept as a way back), adds new code and completions", () => {
    saveCode("d", "mine");
    const text = JSON.stringify(toFile({ lessons: { d: { code: "theirs", completed: true }, e: { code: "new", completed: false } }, lastLesson: "e" }, new Date(0)));
    const read = readFile(text);
    if (!read.ok) throw new Error(read.error);
    const plan = planImport(currentProgress(["d", "e"]), read.snapshot, (id) => id === "d" || id === "e");
    expect(plan.changes).toEqual([
      { lesson: "d", code: "replaced", completes: true },
      { lesson: "e", code: "added", completes: false },
    ]);
    applyImport(plan, 1234);
    expect(savedCode("d")).toBe("theirs");
    expect(loadCodeRecord("d")).toMatchObject({ origin: "mine", last: "import", backups: [{ code: "mine", origin: "mine", by: "import", at: 1234 }] });
    expect(isCompleted("d")).toBe(true);
    expect(savedCode("e")).toBe("new");
    expect(loadCodeRecord("e").backups).toEqual([]);
    expect(isCompleted("e")).toBe(false);
    // This browser had a last lesson already (the test above): the file's does not replace it.
    expect(lastOpened()).toBe("a");
  });
});
