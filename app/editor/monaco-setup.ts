// Monaco, bundled with the site (no CDN): the editor and TypeScript workers come from this
// build, and the types of every `playground/*` module are added once. Compiler options are set
// once too — changing them restarts the TypeScript worker.
//
// Only what the playground uses: the editor core with every editor feature (find, hover,
// suggestions, markers, folding, bracket matching, keyboard help…) and the TypeScript/JavaScript
// and SQL languages — not the eighty other languages, nor the CSS, HTML and JSON services that
// `monaco-editor`'s main entry registers.
import * as monaco from "monaco-editor/editor/editor.api";
// Where Monaco gathers every editor contribution (its main entry is this, the find widget and the
// languages).
import "monaco-editor/internal/common/workers";
import "monaco-editor/features/find/register";
import "monaco-editor/languages/definitions/typescript/register";
import "monaco-editor/languages/definitions/javascript/register";
import "monaco-editor/languages/definitions/sql/register";
import * as ts from "monaco-editor/languages/features/typescript/register";
import { loader } from "@monaco-editor/react";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import TsWorker from "monaco-editor/language/typescript/ts.worker?worker";
import playgroundTypes from "virtual:playground-types";

// The TypeScript worker is 6.9 MB (1.5 MB gzipped), most of what a lesson fetches besides
// Postgres. Monaco asks for it as soon as a TypeScript model exists; it gets it once the learner
// first needs it — the editor takes focus, the code changes, the pointer is over the editor
// (CodeEditor.tsx) — and until then its type-checks, hovers and suggestions wait. A run's own
// markers never need it.
let typeScriptNeeded!: () => void;
const typeScriptWanted = new Promise<void>((resolve) => (typeScriptNeeded = resolve));

/** Lets the TypeScript worker start the first time the learner reaches for `editor`. */
export function startTypeScriptOnFirstUse(editor: monaco.editor.IStandaloneCodeEditor): void {
  const start = () => {
    typeScriptNeeded();
    for (const use of uses) use.dispose();
  };
  const uses = [editor.onDidFocusEditorText(start), editor.onMouseMove(start), editor.onDidChangeModelContent(start)];
}

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === "typescript" || label === "javascript" ? typeScriptWanted.then(() => new TsWorker()) : new EditorWorker();
  },
};

ts.typescriptDefaults.setCompilerOptions({
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.NodeJs,
  // Learner code runs in a Web Worker: no DOM.
  lib: ["es2022", "webworker"],
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
  esModuleInterop: true,
});
for (const [path, text] of Object.entries(playgroundTypes)) ts.typescriptDefaults.addExtraLib(text, path);

// Monaco's own light and dark themes, with what they draw too faintly to read brought up to a 4.5:1
// contrast: the last line's number ("dimmed", 1.75:1 on light), dark comments (4.2:1) and dark
// regular expression literals (4.2:1).
// The diff with the solution (app/lesson/SolutionDiff.tsx) tints changed lines; on Monaco's own
// tints comments, numbers and types fell to 3.9:1. These tints keep every TypeScript token at
// 4.5:1 or more (light: the three tokens a shade darker; dark: tints as dark as the background's
// neighbourhood, with borders marking the changed characters). Gutters stay untinted: the line
// numbers keep their contrast, and the + and − signs mark the lines.
const diffGutter = { "diffEditorGutter.insertedLineBackground": "#00000000", "diffEditorGutter.removedLineBackground": "#00000000" };
monaco.editor.defineTheme("playground-light", {
  base: "vs",
  inherit: true,
  rules: [
    { token: "comment", foreground: "007000" },
    { token: "number", foreground: "07704a" },
    { token: "type", foreground: "006e6e" },
  ],
  colors: {
    "editorLineNumber.dimmedForeground": "#237893",
    "diffEditor.insertedLineBackground": "#eaf6e2",
    "diffEditor.removedLineBackground": "#fcebeb",
    "diffEditor.insertedTextBackground": "#d5ecc6",
    "diffEditor.removedTextBackground": "#f7dada",
    ...diffGutter,
  },
});
monaco.editor.defineTheme("playground-dark", {
  base: "vs-dark",
  inherit: true,
  rules: [
    { token: "comment", foreground: "6a9955" },
    { token: "regexp", foreground: "c27ba8" },
  ],
  colors: {
    "editorLineNumber.dimmedForeground": "#858585",
    "diffEditor.insertedLineBackground": "#1c2a17",
    "diffEditor.removedLineBackground": "#33201f",
    "diffEditor.insertedTextBackground": "#00000000",
    "diffEditor.removedTextBackground": "#00000000",
    "diffEditor.insertedTextBorder": "#5f9a48",
    "diffEditor.removedTextBorder": "#b85c5c",
    ...diffGutter,
  },
});

export function editorTheme(theme: "light" | "dark"): string {
  return theme === "dark" ? "playground-dark" : "playground-light";
}

// The loader's type is the whole of `monaco-editor`; this is the same API without its languages.
loader.config({ monaco: monaco as unknown as Parameters<typeof loader.config>[0]["monaco"] });

export { monaco };
