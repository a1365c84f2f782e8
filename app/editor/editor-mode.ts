// Which editor the lesson page uses: Monaco (the full editor) or CodeMirror (the light one, for
// phones). A narrow window or a touch-only device gets the light editor: Monaco's 4 MB and its
// TypeScript worker are too heavy there, and it is awkward to use by touch. The learner can switch
// either way; the choice is remembered (storage.ts: kept in memory if the browser refuses).
// The page's phone layout (the lesson text folded above the editor, a compact toolbar) follows
// the width alone: a touch laptop keeps the desktop layout.
import { createStore } from "zustand/vanilla";
import { useStore } from "zustand";
import { readItem, writeItem } from "../stores/storage";
import { useMediaQuery } from "../shell/use-media-query";

export type EditorKind = "full" | "light";

const KEY = "bp:editor";
/** The width below which the page takes its phone layout (styles.css uses the same). */
export const PHONE_WIDTH = "(max-width: 599px)";
// Coarse and no fine pointer anywhere: a phone or a tablet, not a laptop with a touch screen.
const TOUCH_ONLY = "(pointer: coarse) and (not (any-pointer: fine))";

function stored(): EditorKind | null {
  const v = readItem(KEY);
  return v === "full" || v === "light" ? v : null;
}

const choice = createStore<{ chosen: EditorKind | null }>(() => ({ chosen: stored() }));

/** The editor `matches` (the media queries now) and the learner's choice give. */
export function editorKind(chosen: EditorKind | null, phoneWidth: boolean, touchOnly: boolean): EditorKind {
  return chosen ?? (phoneWidth || touchOnly ? "light" : "full");
}

export function chooseEditor(kind: EditorKind): void {
  writeItem(KEY, kind);
  choice.setState({ chosen: kind });
}

/** Whether the page takes its phone layout; follows the window as it changes. */
export function usePhoneLayout(): boolean {
  return useMediaQuery(PHONE_WIDTH);
}

/** The editor to show now; follows the window and the learner's choice as they change. */
export function useEditorKind(): EditorKind {
  const chosen = useStore(choice, (s) => s.chosen);
  return editorKind(chosen, useMediaQuery(PHONE_WIDTH), useMediaQuery(TOUCH_ONLY));
}
