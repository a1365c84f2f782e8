// Where a run's error markers belong once the learner edits the code. Monaco keeps markers where
// they were set (only their drawing follows edits), so a marker would go on pointing at a line the
// learner has already changed, or at the wrong line after lines are added above it. A marker on
// a line the edit touches is dropped (the learner is fixing it; the next run says whether it
// still fails); one below the edit moves with its lines; one above stays.

export interface LineSpan {
  startLineNumber: number;
  endLineNumber: number;
}

/** One change of an edit, as Monaco reports it: a range in the text before it, and its new text. */
export interface TextChange {
  range: LineSpan;
  text: string;
}

function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * The markers after `changes`, which come as Monaco gives them: from the end of the document to
 * the start, each safe to apply after the ones before it. The same array when nothing moved.
 */
export function markersAfterEdit<M extends LineSpan>(markers: readonly M[], changes: readonly TextChange[]): readonly M[] {
  let result = markers;
  for (const { range, text } of changes) {
    const shift = newlines(text) - (range.endLineNumber - range.startLineNumber);
    const next: M[] = [];
    let moved = false;
    for (const m of result) {
      if (m.endLineNumber < range.startLineNumber) next.push(m);
      else if (m.startLineNumber > range.endLineNumber) {
        next.push(shift === 0 ? m : { ...m, startLineNumber: m.startLineNumber + shift, endLineNumber: m.endLineNumber + shift });
        moved ||= shift !== 0;
      } else moved = true;
    }
    if (moved) result = next;
  }
  return result;
}
