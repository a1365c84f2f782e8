import { useEffect, useRef } from "react";
import Editor, { type OnMount } from "@monaco-editor/react";
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import { editorTheme, monaco, startTypeScriptOnFirstUse } from "./monaco-setup";
import { theme } from "../stores/theme";
import type { RunStore } from "../lesson/run-session";
import type { CodeBuffer } from "./code-buffer";
import { markersAfterEdit } from "./markers-after-edit";
import { monacoTarget } from "./monaco-target";
import "./test-hook";

const OWNER = "playground";

// Before the run session exists there are no markers to show.
const NO_MARKERS = createStore(() => ({ markers: [] })) as unknown as RunStore;

declare global {
  interface Window {
    /** The editor, for end-to-end tests (typing through the model API, reading markers). */
    playgroundEditor?: { editor: monaco.editor.IStandaloneCodeEditor; monaco: typeof monaco };
  }
}

/**
 * Monaco, holding the learner's code: `initialCode` is only where it starts; from then on the
 * editor owns the text and the page reads and replaces it through `buffer` (code-buffer.ts).
 */
export default function CodeEditor({ lessonId, initialCode, buffer, onRun, markers, describedBy, readOnly = false }: { lessonId: string; initialCode: string; buffer: CodeBuffer; onRun: () => void; markers?: RunStore; describedBy?: string; readOnly?: boolean }) {
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const detachRef = useRef<(() => void) | null>(null);
  const runRef = useRef(onRun);
  useEffect(() => {
    runRef.current = onRun;
  }, [onRun]);
  const currentTheme = useStore(theme, (s) => s.theme);
  const runMarkers = useStore(markers ?? NO_MARKERS, (s) => s.markers);

  // Errors from the last run, at the learner's own lines.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      OWNER,
      runMarkers
        .filter((m) => m.line <= model.getLineCount())
        .map((m) => ({
          severity: monaco.MarkerSeverity.Error,
          message: m.message,
          startLineNumber: m.line,
          startColumn: Math.min(m.column, model.getLineMaxColumn(m.line)),
          endLineNumber: m.line,
          endColumn: m.endColumn !== undefined && m.endColumn > m.column ? Math.min(m.endColumn, model.getLineMaxColumn(m.line)) : model.getLineMaxColumn(m.line),
        })),
    );
  }, [runMarkers]);

  // Given back before the library disposes the model, so the buffer keeps the last text.
  useEffect(
    () => () => {
      detachRef.current?.();
      if (window.playgroundCode?.kind === "full") delete window.playgroundCode;
      if (window.playgroundEditor?.editor === editorRef.current) delete window.playgroundEditor;
    },
    [],
  );

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    window.playgroundEditor = { editor, monaco };
    window.playgroundCode = {
      kind: "full",
      getValue: () => editor.getModel()?.getValue() ?? "",
      setValue: (code) => editor.getModel()?.setValue(code),
      markers: () => monaco.editor.getModelMarkers({ owner: OWNER, resource: editor.getModel()!.uri }).map((m) => ({ line: m.startLineNumber, message: m.message })),
    };
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runRef.current());
    detachRef.current = buffer.attach(monacoTarget(editor));
    startTypeScriptOnFirstUse(editor);
    editor.onDidChangeModelContent((e) => {
      const model = editor.getModel();
      if (!model) return;
      const before = monaco.editor.getModelMarkers({ owner: OWNER, resource: model.uri });
      const after = markersAfterEdit(before, e.changes);
      if (after !== before) monaco.editor.setModelMarkers(model, OWNER, [...after]);
    });
    // Monaco has no option for it: point the element that takes focus at the page's key hints.
    if (describedBy) editor.getDomNode()?.querySelectorAll('[role="textbox"], textarea').forEach((el) => el.setAttribute("aria-describedby", describedBy));
  };

  return (
    <Editor
      path={`file:///${lessonId}/learner.ts`}
      language="typescript"
      defaultValue={initialCode}
      theme={editorTheme(currentTheme)}
      onMount={onMount}
      loading={<p className="pane__placeholder">Loading the editor…</p>}
      options={{
        minimap: { enabled: false },
        fontSize: 14,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        tabSize: 2,
        // A long line wraps instead of running out of the pane.
        wordWrap: "on",
        wrappingIndent: "indent",
        ariaLabel: "Lesson code (TypeScript). Press Ctrl+Enter to run.",
        accessibilitySupport: "auto",
        fixedOverflowWidgets: true,
        // An embed's ?readonly: the learner reads and runs the code the course page chose.
        readOnly,
        readOnlyMessage: { value: "This code is read-only here. Press Run to try it." },
      }}
    />
  );
}
