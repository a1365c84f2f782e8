import { describe, expect, it } from "vitest";
import { createCodeBuffer } from "./code-buffer";
import { monacoTarget, type MonacoEditor } from "./monaco-target";

/** Just enough of Monaco's editor: a model with text, edits, undo stops and change listeners. */
function fakeEditor(initial: string, readOnly = false) {
  let text = initial;
  let disposed = false;
  const listeners = new Set<() => void>();
  const log: string[] = [];
  const change = (next: string) => {
    text = next;
    listeners.forEach((l) => l());
  };
  const model = {
    getValue: () => text,
    setValue: (next: string) => {
      log.push("setValue");
      change(next);
    },
    getFullModelRange: () => ({ startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: text.length + 1 }),
    pushEditOperations: (_before: unknown, edits: { text: string | null }[]) => {
      log.push("model edit");
      change(edits[0].text ?? "");
      return null;
    },
    isDisposed: () => disposed,
  };
  const editor = {
    getModel: () => model,
    executeEdits: (_source: string, edits: { text: string | null }[]) => {
      // Monaco's executeEdits does nothing and answers false on a read-only editor.
      if (readOnly) return false;
      log.push("edit");
      change(edits[0].text ?? "");
      return true;
    },
    pushUndoStop: () => {
      log.push("undo stop");
      return true;
    },
    onDidChangeModelContent: (listener: () => void) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
  return { editor: monacoTarget(editor as unknown as MonacoEditor), type: (next: string) => change(next), dispose: () => (disposed = true), log };
}

describe("the code buffer, holding Monaco's text", () => {
  it("replaces the text of a read-only editor through its model, between undo stops", () => {
    const buffer = createCodeBuffer();
    const fake = fakeEditor("starter", true);
    buffer.attach(fake.editor);
    buffer.replace("from the host");
    expect(buffer.read()).toBe("from the host");
    expect(fake.log).toEqual(["undo stop", "model edit", "undo stop"]);
  });

  it("has no text before the editor holds it or anything replaces it", () => {
    expect(createCodeBuffer().read()).toBeNull();
  });

  it("reads the editor's text while it is attached: what the learner typed, never an older copy", () => {
    const buffer = createCodeBuffer();
    const fake = fakeEditor("start");
    buffer.attach(fake.editor);
    fake.type("start, then typed");
    expect(buffer.read()).toBe("start, then typed");
  });

  it("replaces the text as one edit between undo stops, so the editor's undo takes it back", () => {
    const buffer = createCodeBuffer();
    const fake = fakeEditor("mine");
    buffer.attach(fake.editor);
    buffer.replace("solution");
    expect(buffer.read()).toBe("solution");
    expect(fake.log).toEqual(["undo stop", "edit", "undo stop"]);
  });

  it("a replacement made while the editor was loading reaches it when it attaches", () => {
    const buffer = createCodeBuffer();
    buffer.replace("from a shared link");
    const fake = fakeEditor("saved code");
    buffer.attach(fake.editor);
    expect(buffer.read()).toBe("from a shared link");
  });

  it("tells its listeners of every change, and stops when detached", () => {
    const buffer = createCodeBuffer();
    const fake = fakeEditor("a");
    let changes = 0;
    buffer.onChange(() => changes++);
    const detach = buffer.attach(fake.editor);
    fake.type("ab");
    buffer.replace("c");
    detach();
    fake.type("cd");
    expect(changes).toBe(2);
  });

  it("keeps the last text once the editor is gone", () => {
    const buffer = createCodeBuffer();
    const fake = fakeEditor("a");
    const detach = buffer.attach(fake.editor);
    fake.type("typed last");
    detach();
    fake.dispose();
    expect(buffer.read()).toBe("typed last");
  });
});
