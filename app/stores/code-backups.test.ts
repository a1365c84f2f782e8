import { beforeEach, describe, expect, it, vi } from "vitest";
import { EMPTY_RECORD, MAX_BACKUPS, dismissed, edited, goneBack, loadCodeRecord, originOf, parseRecord, replaced, saveCodeRecord, type CodeRecord } from "./code-backups";
import { readItem, writeItem } from "./storage";

const STARTER = "// starter\n";

describe("the record of replacements", () => {
  it("two replacements in a row keep both replaced versions, newest first", () => {
    let r: CodeRecord = { ...EMPTY_RECORD, origin: "mine" };
    r = replaced(r, { code: "mine", origin: "mine" }, "share", "share", 1);
    r = replaced(r, { code: "A", origin: "share" }, "share", "share", 2);
    expect(r.backups.map((b) => [b.code, b.origin, b.by])).toEqual([
      ["A", "share", "share"],
      ["mine", "mine", "share"],
    ]);
    expect(r.last).toBe("share");
    expect(r.origin).toBe("share");
  });

  it("keeps at most MAX_BACKUPS, dropping the oldest", () => {
    let r = EMPTY_RECORD;
    for (let i = 0; i < MAX_BACKUPS + 3; i++) r = replaced(r, { code: `v${i}`, origin: "mine" }, "reset", "starter", i);
    expect(r.backups).toHaveLength(MAX_BACKUPS);
    expect(r.backups[0].code).toBe(`v${MAX_BACKUPS + 2}`);
  });

  it("many replacements in a row never push out the learner's own code: it takes the place of the oldest other backup", () => {
    let r = replaced({ ...EMPTY_RECORD, origin: "mine" }, { code: "mine", origin: "mine" }, "solution", "solution", 0);
    for (let i = 1; i <= MAX_BACKUPS + 2; i++) {
      const solution = i % 2 === 1;
      r = replaced(r, { code: solution ? "solution" : STARTER, origin: solution ? "solution" : "starter" }, solution ? "reset" : "solution", solution ? "starter" : "solution", i);
    }
    expect(r.backups).toHaveLength(MAX_BACKUPS);
    expect(r.backups.at(-1)).toMatchObject({ code: "mine", origin: "mine" });
    expect(r.backups[0].at).toBe(MAX_BACKUPS + 2);
  });

  it("going back past unedited replacement code drops the replacements undone", () => {
    let r = replaced({ ...EMPTY_RECORD, origin: "mine" }, { code: "mine", origin: "mine" }, "share", "share", 1);
    r = replaced(r, { code: "A", origin: "share" }, "share", "share", 2);
    const back = goneBack(r, 1, { code: "B", origin: "share" }, 3);
    expect(back.code).toBe("mine");
    expect(back.record).toEqual({ origin: "mine", backups: [], last: "back" });
  });

  it("going back one step keeps the older backups", () => {
    let r = replaced({ ...EMPTY_RECORD, origin: "mine" }, { code: "mine", origin: "mine" }, "share", "share", 1);
    r = replaced(r, { code: "A", origin: "share" }, "share", "share", 2);
    const back = goneBack(r, 0, { code: "B", origin: "share" }, 3);
    expect(back.code).toBe("A");
    expect(back.record).toEqual({ origin: "share", backups: [{ code: "mine", origin: "mine", by: "share", at: 1 }], last: "back" });
  });

  it("going back from code the learner wrote since keeps that code as a backup", () => {
    let r = replaced({ ...EMPTY_RECORD, origin: "mine" }, { code: "mine", origin: "mine" }, "solution", "solution", 1);
    r = edited(r);
    const back = goneBack(r, 0, { code: "solution, edited", origin: "mine" }, 2);
    expect(back.code).toBe("mine");
    expect(back.record.backups).toEqual([{ code: "solution, edited", origin: "mine", by: "back", at: 2 }]);
    expect(back.record.origin).toBe("mine");
  });

  it("dismissing forgets the ways back, and keeps where the code came from", () => {
    const r = dismissed(replaced(EMPTY_RECORD, { code: "mine", origin: "mine" }, "reset", "starter", 1));
    expect(r).toEqual({ origin: "starter", backups: [], last: null });
  });

  it("the starter is never the learner's own code", () => {
    expect(originOf({ ...EMPTY_RECORD, origin: "mine" }, STARTER, STARTER)).toBe("starter");
    expect(originOf(EMPTY_RECORD, "saved before records", STARTER)).toBe("mine");
    expect(originOf({ ...EMPTY_RECORD, origin: "share" }, "A", STARTER)).toBe("share");
  });

  it("reads back what it wrote, and nothing from garbage", () => {
    const r = replaced(EMPTY_RECORD, { code: "mine", origin: "mine" }, "reset", "starter", 1);
    expect(parseRecord(JSON.stringify(r))).toEqual(r);
    expect(parseRecord("not json")).toBeNull();
    expect(parseRecord("[1]")).toEqual(EMPTY_RECORD);
    expect(parseRecord(JSON.stringify({ origin: "x", backups: [{ code: 1 }, r.backups[0]], last: "nonsense" }))).toEqual({ origin: null, backups: r.backups, last: null });
  });
});

describe("in storage", () => {
  beforeEach(() => {
    const items = new Map<string, string>();
    vi.stubGlobal("window", { localStorage: { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => items.set(k, v), removeItem: (k: string) => items.delete(k) } });
  });

  it("survives a reload (a fresh read)", () => {
    const r = replaced(EMPTY_RECORD, { code: "mine", origin: "mine" }, "solution", "solution", 1);
    saveCodeRecord("lesson-1", r);
    expect(loadCodeRecord("lesson-1")).toEqual(r);
    expect(loadCodeRecord("lesson-2")).toEqual(EMPTY_RECORD);
  });

  it("moves the single backup an older version kept under a key nothing read", () => {
    writeItem("bp:code:lesson-3", "the solution");
    writeItem("bp:code-before-share:lesson-3", "mine from before");
    const r = loadCodeRecord("lesson-3");
    expect(r.backups).toEqual([{ code: "mine from before", origin: "mine", by: "earlier", at: 0 }]);
    expect(r.last).toBe("earlier");
    expect(readItem("bp:code-before-share:lesson-3")).toBeNull();
    expect(loadCodeRecord("lesson-3")).toEqual(r);
  });
});
