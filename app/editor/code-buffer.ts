// The learner's code while the page is open. Once the editor is mounted its model owns the text:
// a controlled editor (value={code}) pushes the page's last rendered value back into the model,
// and on a busy machine that value is already stale, so typed characters vanish. So the page
// never writes the text on a keystroke; it reads it when it needs it (a save, a Run, a Share) and
// replaces it only on purpose (Reset code, Show solution, a shared link, going back), as one step
// the editor's own undo can take back.
import type { editor } from "monaco-editor/editor/editor.api";

/** What the buffer uses of Monaco's editor (a fake serves in unit tests). */
export type TextEditor = Pick<editor.IStandaloneCodeEditor, "getModel" | "executeEdits" | "pushUndoStop" | "onDidChangeModelContent"> & Partial<Pick<editor.IStandaloneCodeEditor, "focus">>;

export interface CodeBuffer {
  /** The code now: the editor's text while it is mounted, else the last text it had or was given; null before either. */
  read(): string | null;
  /** Puts `code` in place of the whole text. */
  replace(code: string): void;
  /** Called after every change of the text: typing, the editor's undo, a replacement. */
  onChange(listener: () => void): () => void;
  /** Puts the keyboard in the editor, when it is mounted (after the solution diff closes, say). */
  focus(): void;
  /** The editor now holds the text; returns the detach to call before it is disposed. */
  attach(target: TextEditor): () => void;
}

export function createCodeBuffer(): CodeBuffer {
  let text: string | null = null;
  let target: TextEditor | null = null;
  const listeners = new Set<() => void>();
  const model = () => {
    const m = target?.getModel();
    return m && !m.isDisposed() ? m : null;
  };

  return {
    read: () => model()?.getValue() ?? text,

    replace(code) {
      text = code;
      const m = model();
      if (!target || !m || m.getValue() === code) return;
      const edit = [{ range: m.getFullModelRange(), text: code, forceMoveMarkers: true }];
      target.pushUndoStop();
      // A read-only editor (an embed's ?readonly) refuses edits through itself; the page's own
      // replacements (the host's setCode, Reset code) go to the model, still as one undoable step.
      if (!target.executeEdits("replace-code", edit)) m.pushEditOperations([], edit, () => null);
      target.pushUndoStop();
    },

    focus() {
      target?.focus?.();
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    attach(next) {
      target = next;
      const m = model();
      // The code was replaced while Monaco was loading, after the model was made from the old text.
      if (m && text !== null && m.getValue() !== text) m.setValue(text);
      const subscription = next.onDidChangeModelContent(() => listeners.forEach((listener) => listener()));
      return () => {
        subscription.dispose();
        text = model()?.getValue() ?? text;
        if (target === next) target = null;
      };
    },
  };
}
