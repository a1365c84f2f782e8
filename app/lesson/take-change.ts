// One difference between the learner's code and the solution, as Monaco's diff editor reports it
// (ILineChange: line numbers from 1; an end of 0 means that side has no lines there, and its start
// is the line after which the other side's lines would go), and the edit that makes the learner's
// lines there what the solution has: the "take this change" of the solution diff (SolutionDiff).

export interface LineChange {
  originalStartLineNumber: number;
  originalEndLineNumber: number;
  modifiedStartLineNumber: number;
  modifiedEndLineNumber: number;
}

export interface LineEdit {
  range: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number };
  text: string;
}

/** What the edit needs of the learner's text (a Monaco model gives both). */
export interface Lines {
  getLineCount(): number;
  getLineMaxColumn(line: number): number;
}

/** The edit to the learner's text (modified) that takes the solution's (original) lines of `change`. */
export function takeChange(solution: readonly string[], learner: Lines, change: LineChange, eol = "\n"): LineEdit {
  const { originalStartLineNumber: oStart, originalEndLineNumber: oEnd, modifiedStartLineNumber: mStart, modifiedEndLineNumber: mEnd } = change;
  const theirs = oEnd === 0 ? [] : solution.slice(oStart - 1, oEnd);
  const end = (line: number) => ({ endLineNumber: line, endColumn: learner.getLineMaxColumn(line) });
  // 1. Lines on both sides: the learner's lines become the solution's.
  if (mEnd !== 0 && oEnd !== 0) return { range: { startLineNumber: mStart, startColumn: 1, ...end(mEnd) }, text: theirs.join(eol) };
  // 2. Lines only the learner has: they go, with one line break.
  if (mEnd !== 0) {
    if (mEnd < learner.getLineCount()) return { range: { startLineNumber: mStart, startColumn: 1, endLineNumber: mEnd + 1, endColumn: 1 }, text: "" };
    if (mStart > 1) return { range: { startLineNumber: mStart - 1, startColumn: learner.getLineMaxColumn(mStart - 1), ...end(mEnd) }, text: "" };
    return { range: { startLineNumber: 1, startColumn: 1, ...end(mEnd) }, text: "" };
  }
  // 3. Lines only the solution has: they come in after the learner's line mStart (0: at the top).
  if (mStart === 0) return { range: { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 }, text: theirs.join(eol) + eol };
  const at = learner.getLineMaxColumn(mStart);
  return { range: { startLineNumber: mStart, startColumn: at, endLineNumber: mStart, endColumn: at }, text: eol + theirs.join(eol) };
}
