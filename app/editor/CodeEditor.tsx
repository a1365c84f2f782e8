import { useEffect, useRef } from "react";
import Editor, { type OnMount } from "@monaco-editor/react";
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import { editorTheme, monaco } from "./monaco-setup";
import { theme } from "../stores/theme";
import type { RunStore } from "../lesson/run-session";

// Before the run session exists there are no markers to show.
const NO_MARKERS = createStore(() => ({ markers: [] })) as unknown as RunStore;

declare global {
  interface Window {
    /** The editor, for end-to-end tests (typing through the model API, reading markers). */
    playgroundEditor?: { editor: monaco.editor.IStandaloneCodeEditor; monaco: typeof monaco };
  }
}

export default function CodeEditor({ lessonId, code, onChange, onRun, markers, describedBy }: { lessonId: string; code: string; onChange: (code: string) => void; onRun: () => void; markers?: RunStore; describedBy?: string }) {
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
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
      "playground",
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

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    window.playgroundEditor = { editor, monaco };
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runRef.current());
    // Monaco has no option for it: point the element that takes focus at the page's key hints.
    if (describedBy) editor.getDomNode()?.querySelectorAll('[role="textbox"], textarea').forEach((el) => el.setAttribute("aria-describedby", describedBy));
  };

  return (
    <Editor
      path={`file:///${lessonId}/learner.ts`}
      language="typescript"
      value={code}
      theme={editorTheme(currentTheme)}
      onChange={(value) => onChange(value ?? "")}
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
      }}
    />
  );
}
