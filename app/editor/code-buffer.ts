// The learner's code while the page is open. Once the editor is mounted it owns the text: a
// controlled editor (value={code}) pushes the page's last rendered value back into it, and on a
// busy machine that value is already stale, so typed characters vanish. So the page never writes
// the text on a keystroke; it reads it when it needs it (a save, a Run, a Share) and replaces it
// only on purpose (Reset code, Show solution, a shared link, going back), as one step the
// editor's own undo can take back. Either editor holds it (Monaco, or CodeMirror in phone mode):
// each is adapted to `TextEditor` (monaco-target.ts, LightEditor.tsx).

/** What the buffer needs of an editor. */
export interface TextEditor {
  /** The editor's text; null once its document is gone. */
  getText(): string | null;
  /** Puts `code` in place of the whole text as one step the editor's undo takes back, read-only to the learner or not. */
  replaceAll(code: string): void;
  /** Puts `code` in place of the whole text with no undo step: the editor catching up as it attaches. */
  load(code: string): void;
  /** Called after every change of the text; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  focus?(): void;
}

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
  const current = () => target?.getText() ?? null;

  return {
    read: () => current() ?? text,

    replace(code) {
      text = code;
      const now = current();
      if (!target || now === null || now === code) return;
      target.replaceAll(code);
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
      const now = current();
      // The code was replaced while the editor was loading, after it was made from the old text.
      if (now !== null && text !== null && now !== text) next.load(text);
      const unsubscribe = next.onChange(() => listeners.forEach((listener) => listener()));
      return () => {
        unsubscribe();
        text = current() ?? text;
        if (target === next) target = null;
      };
    },
  };
}
