import { describe, expect, it } from "vitest";
import { takeChange, type LineChange, type LineEdit } from "./take-change";

/** A tiny text model: lines, and an edit applied as Monaco applies a range replacement. */
function model(text: string) {
  let lines = text.split("\n");
  return {
    getLineCount: () => lines.length,
    getLineMaxColumn: (line: number) => lines[line - 1].length + 1,
    apply({ range, text: inserted }: LineEdit) {
      const before = lines.slice(0, range.startLineNumber - 1).join("\n") + (range.startLineNumber > 1 ? "\n" : "") + lines[range.startLineNumber - 1].slice(0, range.startColumn - 1);
      const after = lines[range.endLineNumber - 1].slice(range.endColumn - 1) + (range.endLineNumber < lines.length ? "\n" : "") + lines.slice(range.endLineNumber).join("\n");
      lines = (before + inserted + after).split("\n");
    },
    text: () => lines.join("\n"),
  };
}

/** The line changes between two texts in Monaco's ILineChange form, from a longest common subsequence. */
function lineChanges(original: string, modified: string): LineChange[] {
  const a = original.split("\n");
  const b = modified.split("\n");
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const changes: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    const [i0, j0] = [i, j];
    while ((i < a.length || j < b.length) && !(i < a.length && j < b.length && a[i] === b[j])) {
      if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) j++;
      else i++;
    }
    changes.push({
      originalStartLineNumber: i > i0 ? i0 + 1 : i0,
      originalEndLineNumber: i > i0 ? i : 0,
      modifiedStartLineNumber: j > j0 ? j0 + 1 : j0,
      modifiedEndLineNumber: j > j0 ? j : 0,
    });
  }
  return changes;
}

/** Takes the changes one at a time, each time from a fresh diff (as the diff editor recomputes). */
function takeAll(solution: string, learner: string, pick: (n: number) => number): string {
  const m = model(learner);
  for (let guard = 0; guard < 50; guard++) {
    const changes = lineChanges(solution, m.text());
    if (changes.length === 0) return m.text();
    m.apply(takeChange(solution.split("\n"), m, changes[pick(changes.length)]));
  }
  throw new Error("the changes did not run out");
}

const SOLUTION = ["import { x } from 'y';", "", "export function f(a: number) {", "  const b = a * 2;", "  return b + 1;", "}", "", "f(2);"].join("\n");

describe("taking the solution's version of one change", () => {
  const cases: [string, string][] = [
    ["a changed line", SOLUTION.replace("a * 2", "a * 3")],
    ["a line the learner added in the middle", SOLUTION.replace("  return b + 1;", "  console.log(b);\n  return b + 1;")],
    ["a line the learner added at the end", SOLUTION + "\nconsole.log('done');"],
    ["a line the learner added at the top", "// my notes\n" + SOLUTION],
    ["lines the learner lacks in the middle", SOLUTION.replace("  const b = a * 2;\n", "")],
    ["a line the learner lacks at the top", SOLUTION.split("\n").slice(1).join("\n")],
    ["lines the learner lacks at the end", SOLUTION.split("\n").slice(0, 6).join("\n")],
    ["everything different", "let nothing = 0;"],
    ["several changes", SOLUTION.replace("a * 2", "a + a").replace("f(2);", "f(3);\nf(4);").replace("import { x } from 'y';\n", "")],
  ];
  for (const [name, learner] of cases) {
    it(`${name}: taking every change, first to last or last to first, gives the solution`, () => {
      expect(lineChanges(SOLUTION, learner).length).toBeGreaterThan(0);
      expect(takeAll(SOLUTION, learner, () => 0)).toBe(SOLUTION);
      expect(takeAll(SOLUTION, learner, (n) => n - 1)).toBe(SOLUTION);
    });
  }

  it("takes only the change it is given: the learner's other lines stay theirs", () => {
    const learner = SOLUTION.replace("a * 2", "a * 3").replace("f(2);", "f(9);");
    const m = model(learner);
    const [first] = lineChanges(SOLUTION, learner);
    m.apply(takeChange(SOLUTION.split("\n"), m, first));
    expect(m.text()).toBe(SOLUTION.replace("f(2);", "f(9);"));
  });
});
