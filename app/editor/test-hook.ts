// Either editor, as end-to-end tests (e2e/fixtures.ts) and benches drive it: the same calls
// whichever editor the page shows.
import type { EditorKind } from "./editor-mode";

export interface PlaygroundCode {
  kind: EditorKind;
  getValue(): string;
  /** Replaces the whole text, as typing would: saved, and the run markers follow. */
  setValue(code: string): void;
  /** The markers the playground's last run put on the code (not TypeScript's own). */
  markers(): { line: number; message: string }[];
}

declare global {
  interface Window {
    playgroundCode?: PlaygroundCode;
  }
}
