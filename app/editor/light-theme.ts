// The light editor's (CodeMirror's) colours, light and dark: the full editor's (monaco-setup.ts),
// which keep every token at 4.5:1 or more against their background, so both editors read alike.
import { EditorView } from "@codemirror/view";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";
import type { Extension } from "@codemirror/state";
import type { Theme } from "../stores/theme";

interface Palette {
  background: string;
  text: string;
  gutter: string;
  activeLine: string;
  selection: string;
  cursor: string;
  keyword: string;
  control: string;
  string: string;
  comment: string;
  number: string;
  type: string;
  fn: string;
  variable: string;
  regexp: string;
}

const LIGHT: Palette = {
  background: "#fffffe", text: "#000000", gutter: "#237893", activeLine: "#f3f3f3", selection: "#add6ff", cursor: "#000000",
  keyword: "#0000ff", control: "#af00db", string: "#a31515", comment: "#007000", number: "#07704a", type: "#006e6e", fn: "#795e26", variable: "#001080", regexp: "#811f3f",
};
const DARK: Palette = {
  background: "#1e1e1e", text: "#d4d4d4", gutter: "#858585", activeLine: "#232323", selection: "#264f78", cursor: "#aeafad",
  keyword: "#569cd6", control: "#c586c0", string: "#ce9178", comment: "#6a9955", number: "#b5cea8", type: "#4ec9b0", fn: "#dcdcaa", variable: "#9cdcfe", regexp: "#c27ba8",
};

function themeOf(p: Palette, dark: boolean): Extension {
  return [
    EditorView.theme(
      {
        "&": { color: p.text, backgroundColor: p.background, height: "100%" },
        // The pane draws the focus ring (styles.css: .pane--editor:focus-within).
        "&.cm-focused": { outline: "none" },
        ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", lineHeight: "1.5" },
        ".cm-content": { caretColor: p.cursor },
        ".cm-cursor, .cm-dropCursor": { borderLeftColor: p.cursor },
        "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection": { backgroundColor: p.selection },
        ".cm-gutters": { backgroundColor: p.background, color: p.gutter, border: "none" },
        ".cm-activeLine": { backgroundColor: p.activeLine },
        ".cm-activeLineGutter": { backgroundColor: p.activeLine, color: p.text },
      },
      { dark },
    ),
    syntaxHighlighting(
      HighlightStyle.define([
        { tag: [t.keyword, t.bool, t.null, t.atom, t.self], color: p.keyword },
        { tag: [t.controlKeyword, t.moduleKeyword], color: p.control },
        { tag: [t.string, t.special(t.string)], color: p.string },
        { tag: t.regexp, color: p.regexp },
        { tag: [t.comment, t.lineComment, t.blockComment], color: p.comment },
        { tag: t.number, color: p.number },
        { tag: [t.typeName, t.className, t.namespace], color: p.type },
        { tag: [t.function(t.variableName), t.function(t.propertyName)], color: p.fn },
        { tag: [t.variableName, t.propertyName, t.definition(t.variableName)], color: p.variable },
        { tag: t.invalid, color: dark ? "#f48771" : "#cd3131" },
      ]),
    ),
  ];
}

export function lightEditorTheme(theme: Theme): Extension {
  return theme === "dark" ? themeOf(DARK, true) : themeOf(LIGHT, false);
}
