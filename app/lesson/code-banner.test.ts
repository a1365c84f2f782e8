import { describe, expect, it } from "vitest";
import { EMPTY_RECORD, dismissed, edited, goneBack, replaced, type Backup, type CodeOrigin, type CodeRecord, type Replacement } from "../stores/code-backups";
import { codeBanner } from "./code-banner";

const STARTER = "// starter\n";
const SOLUTION = "// solution\n";
const MINE = "// mine\n";

function after(...steps: [code: string, origin: CodeOrigin, by: Replacement][]): CodeRecord {
  return steps.reduce<CodeRecord>((r, [code, origin, by], i) => replaced(r, { code, origin }, by, "share", i), EMPTY_RECORD);
}
const labels = (v: ReturnType<typeof codeBanner>) => v?.ways.map((w) => `${w.label} → ${w.index}`);

describe("the code banner", () => {
  it("one shared link over the learner's code: their code is kept, Back to my code", () => {
    const v = codeBanner(after([MINE, "mine", "share"]), "A", STARTER);
    expect(v?.text).toBe("Loaded the code from a shared link. Your own code is kept.");
    expect(labels(v)).toEqual(["Back to my code → 0"]);
  });

  it("two shared links: one step back to the first link, and Back to my code to the learner's own", () => {
    const v = codeBanner(after([MINE, "mine", "share"], ["A", "share", "share"]), "B", STARTER);
    expect(v?.text).toBe("Loaded the code from a shared link. Your own code is kept.");
    expect(labels(v)).toEqual(["Back to the previous link's code → 0", "Back to my code → 1"]);
  });

  it("the course page's setCode and a progress file say what replaced the code, and keep the learner's", () => {
    const host = codeBanner(after([MINE, "mine", "host"]), "A", STARTER);
    expect(host?.text).toBe("The course page put its code in the editor. Your own code is kept.");
    expect(labels(host)).toEqual(["Back to my code → 0"]);
    const imported = codeBanner(after([STARTER, "starter", "import"]), "A", STARTER);
    expect(imported?.text).toBe("Loaded the code from a progress file.");
    expect(labels(imported)).toEqual(["Back to the starter → 0"]);
  });

  it("a first-time visitor's shared link: the way back is the starter, and no word of their own code", () => {
    const v = codeBanner(after([STARTER, "starter", "share"]), "A", STARTER);
    expect(v?.text).toBe("Loaded the code from a shared link. Press Run to try it.");
    expect(labels(v)).toEqual(["Back to the starter → 0"]);
  });

  it("code the learner typed back to the starter is the starter", () => {
    const v = codeBanner(after([STARTER, "mine", "share"]), "A", STARTER);
    expect(labels(v)).toEqual(["Back to the starter → 0"]);
    expect(v?.text).not.toMatch(/your|my code/i);
  });

  it("Reset code and Show solution offer Undo", () => {
    expect(codeBanner(after([MINE, "mine", "reset"]), STARTER, STARTER)).toEqual({ text: "Code reset to the starter. Your own code is kept.", ways: [{ label: "Undo", index: 0 }] });
    expect(codeBanner(after([MINE, "mine", "solution"]), SOLUTION, STARTER)).toEqual({ text: "Showing the solution in place of your code.", ways: [{ label: "Undo", index: 0 }] });
    expect(codeBanner(after([STARTER, "starter", "solution"]), SOLUTION, STARTER)).toEqual({ text: "Showing the solution.", ways: [{ label: "Undo", index: 0 }] });
  });

  it("a replacement over a replacement still offers the learner's own code", () => {
    const v = codeBanner(after([MINE, "mine", "share"], ["A", "share", "solution"]), SOLUTION, STARTER);
    expect(v?.text).toBe("Showing the solution. Your own code is kept.");
    expect(labels(v)).toEqual(["Undo → 0", "Back to my code → 1"]);
  });

  it("shows nothing once dismissed, or when there is nothing to go back to", () => {
    expect(codeBanner(dismissed(after([MINE, "mine", "share"])), "A", STARTER)).toBeNull();
    expect(codeBanner(EMPTY_RECORD, MINE, STARTER)).toBeNull();
    // The backup is what the editor already holds (a write failed before a reload, say).
    expect(codeBanner(after([MINE, "mine", "share"]), MINE, STARTER)).toBeNull();
  });

  it("after one step back, the learner's own code is still offered", () => {
    const back = goneBack(after([MINE, "mine", "share"], ["A", "share", "share"]), 0, { code: "B", origin: "share" });
    const v = codeBanner(back.record, back.code, STARTER);
    expect(v?.text).toBe("Went back one step. Your own code is kept.");
    expect(labels(v)).toEqual(["Back to my code → 0"]);
  });

  it("going back from code the learner wrote since offers it back", () => {
    const back = goneBack(edited(after([MINE, "mine", "solution"])), 0, { code: "// solution, edited\n", origin: "mine" });
    const v = codeBanner(back.record, back.code, STARTER);
    expect(v?.text).toBe("Went back to the earlier code. What you had written is kept.");
    expect(labels(v)).toEqual(["Undo → 0"]);
  });

  it("edits after a replacement do not change what the banner offers", () => {
    const v = codeBanner(edited(after([MINE, "mine", "solution"])), "// solution, edited\n", STARTER);
    expect(labels(v)).toEqual(["Undo → 0"]);
  });

  it("never speaks of the learner's own code unless a backup of it is there to go back to", () => {
    const origins: CodeOrigin[] = ["mine", "starter", "share", "solution"];
    const bys: Replacement[] = ["share", "reset", "solution", "back", "earlier"];
    const codes: Record<CodeOrigin, string> = { mine: MINE, starter: STARTER, share: "A", solution: SOLUTION };
    const backups: Omit<Backup, "at">[] = origins.flatMap((origin) => bys.map((by) => ({ code: codes[origin], origin, by })));
    let checked = 0;
    for (const first of backups)
      for (const second of [null, ...backups])
        for (const current of ["B", MINE, STARTER])
          for (const last of bys) {
            const record: CodeRecord = { origin: "share", backups: [first, second].filter((b) => b !== null).map((b) => ({ ...b, at: 0 })), last };
            const v = codeBanner(record, current, STARTER);
            const hasMine = record.backups.some((b) => b.code !== STARTER && b.origin === "mine" && b.code !== current);
            if (!hasMine && v) {
              if (/your|my code/i.test(v.text)) expect.fail(`${v.text} (${JSON.stringify(record)})`);
              if (v.ways.some((w) => w.label === "Back to my code")) expect.fail(`Back to my code (${JSON.stringify(record)})`);
            }
            for (const way of v?.ways ?? []) if (record.backups[way.index].code === current) expect.fail(`${way.label} goes nowhere`);
            checked++;
          }
    expect(checked).toBe(backups.length * (backups.length + 1) * 3 * bys.length);
  });
});
