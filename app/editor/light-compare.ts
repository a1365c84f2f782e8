// Compare with mine in the light editor: CodeMirror's unified merge view on the learner's own
// editor. The solution's lines show (read-only, struck through) above the learner's lines they
// differ from; each difference has its own buttons. "Take the solution's lines" puts them in the
// learner's code as one ordinary edit (saved as typing is, undone with Undo); "Keep mine" stops
// marking that difference and changes nothing. Nothing else touches the code. Loaded only when the
// learner compares (LightEditor imports it lazily).
import type { Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { getChunks, unifiedMergeView } from "@codemirror/merge";

function control(type: "accept" | "reject", action: (e: MouseEvent) => void): HTMLElement {
  const button = document.createElement("button");
  button.type = "button";
  // In the unified view the editor's text is the "new" side: rejecting a chunk reverts it to the
  // original (the solution); accepting it makes the original agree with the learner's lines.
  button.className = type === "reject" ? "button button--small light-compare__take" : "button button--small light-compare__keep";
  button.textContent = type === "reject" ? "Take the solution's lines" : "Keep mine";
  button.onmousedown = (e) => e.preventDefault(); // the cursor stays where it was
  button.onclick = action;
  return button;
}

/** The comparison with `solution`; `onCount` hears how many differences there are as they change. */
export function compareWith(solution: string, readOnly: boolean, onCount: (differences: number) => void): Extension {
  return [
    unifiedMergeView({ original: solution, mergeControls: readOnly ? false : control, syntaxHighlightDeletions: false, gutter: true }),
    EditorView.updateListener.of((update) => onCount(getChunks(update.state)?.chunks.length ?? 0)),
  ];
}
