// Monaco, bundled with the site (no CDN): the editor and TypeScript workers come from this
// build, and the types of every `playground/*` module are added once. Compiler options are set
// once too — changing them restarts the TypeScript worker.
import * as monaco from "monaco-editor";
import { loader } from "@monaco-editor/react";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import TsWorker from "monaco-editor/language/typescript/ts.worker?worker";
import playgroundTypes from "virtual:playground-types";

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === "typescript" || label === "javascript" ? new TsWorker() : new EditorWorker();
  },
};

const ts = monaco.typescript;
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
monaco.editor.defineTheme("playground-light", {
  base: "vs",
  inherit: true,
  rules: [],
  colors: { "editorLineNumber.dimmedForeground": "#237893" },
});
monaco.editor.defineTheme("playground-dark", {
  base: "vs-dark",
  inherit: true,
  rules: [
    { token: "comment", foreground: "6a9955" },
    { token: "regexp", foreground: "c27ba8" },
  ],
  colors: { "editorLineNumber.dimmedForeground": "#858585" },
});

export function editorTheme(theme: "light" | "dark"): string {
  return theme === "dark" ? "playground-dark" : "playground-light";
}

loader.config({ monaco });

export { monaco };
