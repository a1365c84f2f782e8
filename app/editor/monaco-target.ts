// Monaco's editor as the code buffer's TextEditor (code-buffer.ts).
import type { editor } from "monaco-editor/editor/editor.api";
import type { TextEditor } from "./code-buffer";

/** What the adapter uses of Monaco's editor (a fake serves in unit tests). */
export type MonacoEditor = Pick<editor.IStandaloneCodeEditor, "getModel" | "executeEdits" | "pushUndoStop" | "onDidChangeModelContent"> & Partial<Pick<editor.IStandaloneCodeEditor, "focus">>;

export function monacoTarget(target: MonacoEditor): TextEditor {
  const model = () => {
    const m = target.getModel();
    return m && !m.isDisposed() ? m : null;
  };
  return {
    getText: () => model()?.getValue() ?? null,
    replaceAll(code) {
      const m = model();
      if (!m) return;
      const edit = [{ range: m.getFullModelRange(), text: code, forceMoveMarkers: true }];
      target.pushUndoStop();
      // A read-only editor (an embed's ?readonly) refuses edits through itself; the page's own
      // replacements (the host's setCode, Reset code) go to the model, still as one undoable step.
      if (!target.executeEdits("replace-code", edit)) m.pushEditOperations([], edit, () => null);
      target.pushUndoStop();
    },
    load: (code) => model()?.setValue(code),
    onChange(listener) {
      const subscription = target.onDidChangeModelContent(listener);
      return () => subscription.dispose();
    },
    focus: () => target.focus?.(),
  };
}
