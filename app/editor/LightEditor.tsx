// The light editor (phone mode, editor-mode.ts): CodeMirror 6 with TypeScript highlighting,
// undo, bracket matching and the run's error markers — a fraction of Monaco's weight, and at home
// with touch. Its contract is CodeEditor's: `initialCode` is only where it starts; from then on
// the editor owns the text and the page reads and replaces it through `buffer` (code-buffer.ts).
import { useEffect, useRef, useState } from "react";
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import { Compartment, EditorState, Transaction, type Extension, type TransactionSpec } from "@codemirror/state";
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, isolateHistory } from "@codemirror/commands";
import { bracketMatching, indentOnInput } from "@codemirror/language";
import { forEachDiagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { javascript } from "@codemirror/lang-javascript";
import { theme } from "../stores/theme";
import type { RunStore } from "../lesson/run-session";
import type { CodeBuffer, TextEditor } from "./code-buffer";
import { lightEditorTheme } from "./light-theme";
import { runDiagnostics } from "./run-diagnostics";
import { LightCompareBar } from "./LightCompareBar";
import "./test-hook";

// Before the run session exists there are no markers to show.
const NO_MARKERS = createStore(() => ({ markers: [] })) as unknown as RunStore;

/** The view as the code buffer's TextEditor. */
function viewTarget(view: EditorView, listeners: Set<() => void>): TextEditor {
  const replace = (code: string, annotations: TransactionSpec["annotations"]) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code }, annotations });
  return {
    getText: () => view.state.doc.toString(),
    // Its own step in the history, never joined to the typing before or after it.
    replaceAll: (code) => replace(code, [isolateHistory.of("full"), Transaction.userEvent.of("input.replace")]),
    load: (code) => replace(code, [Transaction.addToHistory.of(false)]),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    focus: () => view.focus(),
  };
}

/** `compare`: the solution to show the code against (Compare with mine), and how to stop. */
export default function LightEditor({ initialCode, buffer, onRun, markers, describedBy, readOnly = false, compare = null }: { initialCode: string; buffer: CodeBuffer; onRun: () => void; markers?: RunStore; describedBy?: string; readOnly?: boolean; compare?: { solution: string; onClose: () => void } | null }) {
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const runRef = useRef(onRun);
  useEffect(() => {
    runRef.current = onRun;
  }, [onRun]);
  const themeSlot = useRef(new Compartment());
  const compareSlot = useRef(new Compartment());
  // null until the comparison has counted them.
  const [differences, setDifferences] = useState<number | null>(null);
  const currentTheme = useStore(theme, (s) => s.theme);
  const store = markers ?? NO_MARKERS;
  const runMarkers = useStore(store, (s) => s.markers);

  // Made once: the text is the editor's from here on, so props never rebuild it.
  useEffect(() => {
    const listeners = new Set<() => void>();
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initialCode,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          javascript({ typescript: true }),
          lintGutter(),
          EditorView.lineWrapping,
          EditorState.tabSize.of(2),
          EditorState.readOnly.of(readOnly),
          // Tab is not bound: it moves the keyboard on, out of the editor, as on any page.
          // Mod-Enter runs here, and goes no further: the page's own Ctrl+Enter would run again.
          keymap.of([{ key: "Mod-Enter", run: () => (runRef.current(), true), stopPropagation: true }, ...defaultKeymap, ...historyKeymap]),
          themeSlot.current.of(lightEditorTheme(theme.getState().theme)),
          compareSlot.current.of([]),
          EditorView.contentAttributes.of({
            "aria-label": readOnly ? "Lesson code (TypeScript, read-only). Press Ctrl+Enter to run." : "Lesson code (TypeScript). Press Ctrl+Enter to run.",
            ...(describedBy ? { "aria-describedby": describedBy } : {}),
            // Focusable as it is anyway (contenteditable), said outright so checkers see the scroller's content can take focus.
            tabindex: "0",
            // Phones: no capitalised first letters or "corrected" identifiers.
            autocapitalize: "off",
            autocorrect: "off",
            spellcheck: "false",
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) listeners.forEach((listener) => listener());
          }),
        ],
      }),
    });
    viewRef.current = view;
    const detach = buffer.attach(viewTarget(view, listeners));
    window.playgroundCode = {
      kind: "light",
      getValue: () => view.state.doc.toString(),
      setValue: (code) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code }, userEvent: "input.type" }),
      markers() {
        const found: { line: number; message: string }[] = [];
        forEachDiagnostic(view.state, (d, from) => found.push({ line: view.state.doc.lineAt(from).number, message: d.message }));
        return found;
      },
    };
    return () => {
      // Given back before the view goes, so the buffer keeps the last text.
      detach();
      view.destroy();
      viewRef.current = null;
      if (window.playgroundCode?.kind === "light") delete window.playgroundCode;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- made once; see above
  }, []);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: themeSlot.current.reconfigure(lightEditorTheme(currentTheme)) });
  }, [currentTheme]);

  // Errors from the last run, at the learner's own lines; they move with the text as it is edited.
  useEffect(() => {
    const view = viewRef.current;
    if (view) view.dispatch(setDiagnostics(view.state, runDiagnostics(view.state.doc, runMarkers)));
  }, [runMarkers]);

  // The merge view is its own chunk, fetched when the learner first compares.
  const solution = compare?.solution ?? null;
  useEffect(() => {
    let live = true;
    const show = (extension: Extension) => live && viewRef.current?.dispatch({ effects: compareSlot.current.reconfigure(extension) });
    if (solution === null) show([]);
    else void import("./light-compare").then(({ compareWith }) => show(compareWith(solution, readOnly, setDifferences)));
    return () => {
      live = false;
    };
  }, [solution, readOnly]);

  return (
    <div className="light-editor">
      {compare && <LightCompareBar count={differences} onClose={compare.onClose} />}
      <div className="light-editor__view" ref={host} />
    </div>
  );
}
