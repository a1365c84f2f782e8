// The learner's code beside the solution, in Monaco's diff editor. Its right-hand side is the
// learner's own model (the one the lesson's editor holds), so nothing changes until the learner
// takes a change, and each one taken is an ordinary edit: saved as typing is, undone with Undo.
// The solution stays read-only on the left. Monaco's own arrows in the gutter take a block too.
import { useEffect, useRef, useState } from "react";
import { useStore } from "zustand";
import { editorTheme, monaco } from "../editor/monaco-setup";
import { theme } from "../stores/theme";
import { takeChange, type LineChange } from "./take-change";

const learnerUri = (lessonId: string) => monaco.Uri.parse(`file:///${lessonId}/learner.ts`);

/** The change the learner is at: the one holding the cursor's line, else the one after it, else the first. */
function changeAt(changes: readonly LineChange[], line: number): number {
  const holding = changes.findIndex((c) => (c.modifiedEndLineNumber === 0 ? c.modifiedStartLineNumber === line : c.modifiedStartLineNumber <= line && line <= c.modifiedEndLineNumber));
  if (holding >= 0) return holding;
  const after = changes.findIndex((c) => c.modifiedStartLineNumber >= line);
  return after >= 0 ? after : 0;
}

/** `readOnly` (an embed's ?readonly): the differences are shown, none can be taken. */
export default function SolutionDiff({ lessonId, solution, readOnly = false, onClose }: { lessonId: string; solution: string; readOnly?: boolean; onClose: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const diffRef = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  const [changes, setChanges] = useState<LineChange[] | null>(null);
  const latest = useRef<LineChange[]>([]);
  const [current, setCurrent] = useState(0);
  // A change was just taken: the list is stale until Monaco has diffed again.
  const [pending, setPending] = useState(false);
  const currentTheme = useStore(theme, (s) => s.theme);

  // The learner's model, which the lesson's editor makes: on a slow connection it may come later.
  const [modified, setModified] = useState(() => monaco.editor.getModel(learnerUri(lessonId)));
  useEffect(() => {
    if (modified) return;
    const created = monaco.editor.onDidCreateModel((model) => {
      if (model.uri.toString() === learnerUri(lessonId).toString()) setModified(model);
    });
    return () => created.dispose();
  }, [lessonId, modified]);

  useEffect(() => {
    if (!host.current || !modified) return;
    const original = monaco.editor.createModel(solution, "typescript", monaco.Uri.parse(`file:///${lessonId}/solution.ts`));
    const diff = monaco.editor.createDiffEditor(host.current, {
      automaticLayout: true,
      originalEditable: false,
      readOnly,
      renderMarginRevertIcon: !readOnly,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      renderSideBySideInlineBreakpoint: 700,
      wordWrap: "on",
      fixedOverflowWidgets: true,
      accessibilitySupport: "auto",
    });
    diff.setModel({ original, modified });
    // The inner editors' text areas need names of their own (the diff's options do not reach them).
    diff.getOriginalEditor().updateOptions({ ariaLabel: "The solution (read-only)" });
    diff.getModifiedEditor().updateOptions({ ariaLabel: "Your code, compared with the solution" });
    diffRef.current = diff;
    const updated = diff.onDidUpdateDiff(() => {
      latest.current = diff.getLineChanges() ?? [];
      setChanges(latest.current);
      setPending(false);
    });
    // A click or the arrow keys in the learner's side choose the change "Take this change" takes.
    const moved = diff.getModifiedEditor().onDidChangeCursorPosition((e) => {
      if (e.source === "mouse" || e.source === "keyboard") setCurrent(changeAt(latest.current, e.position.lineNumber));
    });
    return () => {
      updated.dispose();
      moved.dispose();
      diff.dispose();
      original.dispose(); // the learner's model stays: the lesson's editor holds it
      diffRef.current = null;
    };
  }, [lessonId, solution, readOnly, modified]);

  useEffect(() => monaco.editor.setTheme(editorTheme(currentTheme)), [currentTheme]);

  const count = changes?.length ?? 0;
  const at = Math.min(current, Math.max(count - 1, 0));

  /** Puts the learner's cursor on change `index` and scrolls it into view. */
  const goTo = (index: number) => {
    const diff = diffRef.current;
    const change = changes?.[index];
    if (!diff || !change) return;
    setCurrent(index);
    const line = Math.max(change.modifiedStartLineNumber, 1);
    const editor = diff.getModifiedEditor();
    editor.setPosition({ lineNumber: line, column: 1 });
    editor.revealLineInCenterIfOutsideViewport(line);
  };

  const take = () => {
    const diff = diffRef.current;
    if (!diff || !changes || count === 0 || readOnly || pending) return;
    const editor = diff.getModifiedEditor();
    const model = editor.getModel();
    if (!model) return;
    const edit = takeChange(solution.split(/\r?\n/), model, changes[at], model.getEOL());
    editor.pushUndoStop();
    editor.executeEdits("take-solution-change", [{ range: edit.range, text: edit.text, forceMoveMarkers: true }]);
    editor.pushUndoStop();
    setPending(true);
  };

  const summary =
    changes === null ? "Comparing…" : count === 0 ? "No differences: your code matches the solution." : `Difference ${at + 1} of ${count}`;

  return (
    <div className="solution-diff">
      <div className="solution-diff__bar" role="group" aria-label="Compare with the solution">
        <p className="solution-diff__legend">
          <span>− the solution's lines (read-only)</span>
          <span>+ your lines</span>
        </p>
        <p className="solution-diff__count" role="status" aria-live="polite">
          {summary}
        </p>
        <div className="solution-diff__actions">
          <button type="button" className="button button--small" onClick={() => goTo((at - 1 + count) % count)} disabled={count < 2}>
            Previous
          </button>
          <button type="button" className="button button--small" onClick={() => goTo((at + 1) % count)} disabled={count < 2}>
            Next
          </button>
          <button type="button" className="button button--small" onClick={take} disabled={count === 0 || readOnly} aria-busy={pending}>
            Take this change
          </button>
          <button type="button" className="button button--small button--primary" onClick={onClose}>
            Done comparing
          </button>
        </div>
      </div>
      <div className="solution-diff__editor" ref={host} />
    </div>
  );
}
