import { describe, expect, it } from "vitest";
import { FILE_VERSION, FORMAT, MAX_FILE_CHARS, planImport, readFile, toFile, type ProgressSnapshot } from "./progress-file";

const known = (id: string) => ["welcome", "routing", "caching"].includes(id);
const snapshot = (lessons: ProgressSnapshot["lessons"], lastLesson: string | null = null): ProgressSnapshot => ({ lessons, lastLesson });

describe("the progress file", () => {
  it("round trip: what is written reads back the same, lessons with nothing to carry left out", () => {
    const mine = snapshot(
      {
        welcome: { code: 'export const s = "ünïcode ✓\\n";\n', completed: true },
        routing: { code: null, completed: true },
        caching: { code: "// started\n", completed: false },
        pagination: { code: null, completed: false },
      },
      "caching",
    );
    const file = toFile(mine, new Date("2026-12-06T23:00:00Z"));
    expect(file).toMatchObject({ format: FORMAT, version: FILE_VERSION, exportedAt: "2026-12-06T23:00:00.000Z", lastLesson: "caching" });
    expect(Object.keys(file.lessons)).toEqual(["welcome", "routing", "caching"]);
    const read = readFile(JSON.stringify(file, null, 2));
    expect(read).toEqual({ ok: true, exportedAt: "2026-12-06T23:00:00.000Z", snapshot: snapshot({ welcome: mine.lessons.welcome, routing: mine.lessons.routing, caching: mine.lessons.caching }, "caching") });
  });

  it("versions: a newer file is refused saying so; a missing or odd version is named", () => {
    const body = { format: FORMAT, lessons: {} };
    expect(readFile(JSON.stringify({ ...body, version: 2 }))).toEqual({ ok: false, error: expect.stringContaining("newer version of Backend Playground (file version 2)") });
    expect(readFile(JSON.stringify(body))).toEqual({ ok: false, error: expect.stringContaining('no valid "version"') });
    expect(readFile(JSON.stringify({ ...body, version: 1.5 }))).toEqual({ ok: false, error: expect.stringContaining('no valid "version"') });
    expect(readFile(JSON.stringify({ ...body, version: 0 }))).toMatchObject({ ok: false });
    expect(readFile(JSON.stringify({ ...body, version: 1 }))).toMatchObject({ ok: true });
  });

  it("bad files: each says what is wrong", () => {
    const v1 = (lessons: unknown) => JSON.stringify({ format: FORMAT, version: 1, lessons });
    const error = (text: string) => {
      const r = readFile(text);
      if (r.ok) throw new Error(`read: ${text.slice(0, 80)}`);
      return r.error;
    };
    expect(error("{ not json")).toMatch(/^This file is not a progress file: it is not JSON \(/);
    expect(error("")).toMatch(/not JSON/);
    expect(error("[1, 2]")).toMatch(/"format" should be "backend-playground-progress"/);
    expect(error(JSON.stringify({ format: "something-else", version: 1, lessons: {} }))).toMatch(/not a Backend Playground progress file/);
    expect(error(JSON.stringify({ format: FORMAT, version: 1 }))).toBe('This progress file has no "lessons" object.');
    expect(error(v1([]))).toBe('This progress file has no "lessons" object.');
    expect(error(v1({ welcome: "code" }))).toBe('Lesson "welcome" in this file is not an object.');
    expect(error(v1({ welcome: { code: 42, completed: true } }))).toBe('Lesson "welcome" in this file has code that is not text.');
    expect(error(v1({ routing: { completed: "yes" } }))).toBe('Lesson "routing" in this file has "completed" that is neither true nor false.');
    expect(error("x".repeat(MAX_FILE_CHARS + 1))).toMatch(/a progress file is far smaller/);
  });

  it("merge: code is added where there was none, replaced where it differs, left where it is the same", () => {
    const mine = snapshot({ welcome: { code: "mine", completed: false }, routing: { code: "same", completed: false } });
    const theirs = snapshot({ welcome: { code: "theirs", completed: false }, routing: { code: "same", completed: false }, caching: { code: "new", completed: false } });
    const plan = planImport(mine, theirs, known);
    expect(plan.changes).toEqual([
      { lesson: "welcome", code: "replaced", completes: false },
      { lesson: "caching", code: "added", completes: false },
    ]);
    expect(plan.apply).toEqual({ welcome: { code: "theirs", completed: false }, caching: { code: "new", completed: false } });
  });

  it("merge: a completion is never lost either way, and a file without code keeps this browser's", () => {
    const mine = snapshot({ welcome: { code: "mine", completed: true }, routing: { code: "started", completed: false } });
    const theirs = snapshot({ welcome: { code: null, completed: false }, routing: { code: null, completed: true } });
    const plan = planImport(mine, theirs, known);
    expect(plan.changes).toEqual([{ lesson: "routing", code: null, completes: true }]);
    expect(plan.apply).toEqual({ routing: { code: "started", completed: true } });
  });

  it("merge: lessons this site does not have are named and left out; the file's last lesson only fills a gap", () => {
    const theirs = snapshot({ "from-the-future": { code: "x", completed: true }, welcome: { code: "w", completed: false } }, "welcome");
    const plan = planImport(snapshot({}), theirs, known);
    expect(plan.unknown).toEqual(["from-the-future"]);
    expect(Object.keys(plan.apply)).toEqual(["welcome"]);
    expect(plan.lastLesson).toBe("welcome");
    expect(planImport(snapshot({}, "routing"), theirs, known).lastLesson).toBeNull();
    expect(planImport(snapshot({}), snapshot({}, "from-the-future"), known).lastLesson).toBeNull();
  });

  it("importing the same file twice changes nothing the second time", () => {
    const theirs = snapshot({ welcome: { code: "w", completed: true }, caching: { code: null, completed: true } }, "welcome");
    const mine = snapshot({ routing: { code: "r", completed: false } });
    const first = planImport(mine, theirs, known);
    const after = snapshot({ ...mine.lessons, ...first.apply }, first.lastLesson);
    const second = planImport(after, theirs, known);
    expect(second.changes).toEqual([]);
    expect(second.lastLesson).toBeNull();
  });
});
